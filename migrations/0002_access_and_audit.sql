-- Accounts, sessions, sign-in throttling and the audit log of person-level data.
-- Public users (residents) have no account; every account has exactly one role.

CREATE TABLE app_user (
	id            uuid PRIMARY KEY,
	username      text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
	display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
	role          text NOT NULL CHECK (role IN ('researcher', 'planner', 'administrator')),
	-- argon2id PHC string; never leaves the auth module.
	password_hash text NOT NULL,
	disabled      boolean NOT NULL DEFAULT false,
	created_by    uuid REFERENCES app_user (id) ON DELETE SET NULL,
	created_at    timestamptz NOT NULL DEFAULT now(),
	updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_key ON app_user (username);

-- Server-side sessions. The cookie carries a random token; only its SHA-256 is stored, so a
-- leaked table cannot be replayed as cookies.
CREATE TABLE user_session (
	token_hash   text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
	user_id      uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	created_at   timestamptz NOT NULL DEFAULT now(),
	expires_at   timestamptz NOT NULL,
	last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_session_user_idx ON user_session (user_id);
CREATE INDEX user_session_expires_idx ON user_session (expires_at);

-- Failed sign-ins, for throttling by account name and by client address.
CREATE TABLE sign_in_failure (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	username     text NOT NULL,
	client_key   text NOT NULL,
	attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failure_username_idx ON sign_in_failure (username, attempted_at);
CREATE INDEX sign_in_failure_client_idx ON sign_in_failure (client_key, attempted_at);

-- Who read, exported or changed person-level data, and what. Append-only from the application.
CREATE TABLE audit_log (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at          timestamptz NOT NULL DEFAULT now(),
	actor_id    uuid REFERENCES app_user (id) ON DELETE SET NULL,
	actor_name  text NOT NULL,
	actor_role  text NOT NULL,
	action      text NOT NULL CHECK (action IN ('read', 'export', 'create', 'update', 'delete',
	                'publish', 'user_create', 'user_update')),
	subject     text NOT NULL,
	record_count integer NOT NULL DEFAULT 0 CHECK (record_count >= 0),
	detail      jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);

-- Resident records name the researcher who collected them (synthetic ones name nobody).
ALTER TABLE restricted.resident_skill
	ALTER COLUMN collected_by TYPE uuid USING collected_by::uuid;
ALTER TABLE restricted.resident_skill
	ADD CONSTRAINT resident_skill_collected_by_fkey
	FOREIGN KEY (collected_by) REFERENCES app_user (id) ON DELETE SET NULL;
CREATE INDEX resident_skill_collected_by_idx ON restricted.resident_skill (collected_by);
