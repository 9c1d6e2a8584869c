-- The social enterprise network (issue 15 parts 1-4): the directory's own fields, residents'
-- ideas (moderated, with a private status link), support (events, grant and prize applications,
-- mentoring, work placements). Procurement matching reads existing tables (opportunity, macro_asset).

-- 1. Directory. Enterprises loaded before this migration were imported as "consented to be
-- mapped" (the import kind said so), so they keep being public; from now on a new enterprise is
-- private until someone records its consent.
ALTER TABLE social_enterprise
	ADD COLUMN stage text NOT NULL DEFAULT 'trading' CHECK (stage IN ('idea', 'start_up', 'trading')),
	ADD COLUMN contact text CHECK (contact IS NULL OR length(contact) BETWEEN 1 AND 500),
	ADD COLUMN consent_to_publish boolean NOT NULL DEFAULT true,
	-- The contact is shown publicly only when this is set as well (an enterprise may agree to be
	-- listed without its contact).
	ADD COLUMN contact_public boolean NOT NULL DEFAULT false,
	ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
	ADD COLUMN updated_by uuid REFERENCES app_user (id) ON DELETE SET NULL;
ALTER TABLE social_enterprise ALTER COLUMN consent_to_publish SET DEFAULT false;
CREATE INDEX social_enterprise_public_idx ON social_enterprise (place_id) WHERE consent_to_publish;

-- 2. Ideas board. A resident submits without an account; the idea is shown only once approved.
-- The private status link carries a random token; only its SHA-256 is kept. `contact` is personal
-- and never public; `client_hash` (a keyed hash of the client address) serves the rate limit only.
CREATE TABLE enterprise_idea (
	id               uuid PRIMARY KEY,
	place_id         text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
	description      text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
	consortium       text CHECK (consortium IN ('health', 'social_care', 'food',
	                     'creative_industries', 'retail', 'construction', 'tourism')),
	contact          text CHECK (contact IS NULL OR length(contact) BETWEEN 1 AND 300),
	status           text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected', 'referred')),
	support_partner  text CHECK (support_partner IS NULL OR length(support_partner) BETWEEN 1 AND 200),
	-- What the reviewer tells the submitter (shown on the private link, never publicly).
	review_note      text CHECK (review_note IS NULL OR length(review_note) <= 1000),
	token_hash       text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
	client_hash      text NOT NULL CHECK (length(client_hash) = 64),
	reviewed_by      uuid REFERENCES app_user (id) ON DELETE SET NULL,
	reviewed_at      timestamptz,
	created_at       timestamptz NOT NULL DEFAULT now(),
	CHECK (status <> 'referred' OR support_partner IS NOT NULL)
);
CREATE INDEX enterprise_idea_status_idx ON enterprise_idea (place_id, status, created_at DESC);
CREATE INDEX enterprise_idea_client_idx ON enterprise_idea (client_hash, created_at);

-- 3. Support.
CREATE TABLE network_event (
	id           uuid PRIMARY KEY,
	place_id     text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	description  text CHECK (description IS NULL OR length(description) <= 2000),
	venue        text CHECK (venue IS NULL OR length(venue) <= 300),
	starts_at    timestamptz NOT NULL,
	created_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
	created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX network_event_starts_idx ON network_event (place_id, starts_at);

-- Start-up grant (GBP 500) and challenge prize (GBP 3,000 a year, awarded to one enterprise).
CREATE TABLE support_application (
	id             uuid PRIMARY KEY,
	enterprise_id  text NOT NULL REFERENCES social_enterprise (id) ON DELETE CASCADE,
	kind           text NOT NULL CHECK (kind IN ('startup_grant', 'challenge_prize')),
	round_year     smallint NOT NULL CHECK (round_year BETWEEN 2000 AND 2100),
	amount_gbp     integer NOT NULL CHECK ((kind = 'startup_grant' AND amount_gbp = 500) OR (kind = 'challenge_prize' AND amount_gbp = 3000)),
	summary        text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
	status         text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'awarded', 'declined')),
	decision_note  text CHECK (decision_note IS NULL OR length(decision_note) <= 1000),
	decided_by     uuid REFERENCES app_user (id) ON DELETE SET NULL,
	decided_at     timestamptz,
	created_at     timestamptz NOT NULL DEFAULT now(),
	UNIQUE (enterprise_id, kind, round_year)
);
-- One challenge prize a year; one start-up grant per enterprise ever.
CREATE UNIQUE INDEX support_application_prize_once ON support_application (round_year) WHERE kind = 'challenge_prize' AND status = 'awarded';
CREATE UNIQUE INDEX support_application_grant_once ON support_application (enterprise_id) WHERE kind = 'startup_grant' AND status = 'awarded';

CREATE TABLE mentor (
	id          uuid PRIMARY KEY,
	place_id    text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	expertise   text CHECK (expertise IS NULL OR length(expertise) <= 500),
	created_at  timestamptz NOT NULL DEFAULT now()
);

-- A mentor matched to an enterprise; the support asks for at least three meetings.
CREATE TABLE mentoring (
	id             uuid PRIMARY KEY,
	mentor_id      uuid NOT NULL REFERENCES mentor (id) ON DELETE CASCADE,
	enterprise_id  text NOT NULL REFERENCES social_enterprise (id) ON DELETE CASCADE,
	created_at     timestamptz NOT NULL DEFAULT now(),
	UNIQUE (mentor_id, enterprise_id)
);

CREATE TABLE mentor_meeting (
	id            uuid PRIMARY KEY,
	mentoring_id  uuid NOT NULL REFERENCES mentoring (id) ON DELETE CASCADE,
	met_on        date NOT NULL,
	note          text CHECK (note IS NULL OR length(note) <= 1000),
	created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mentor_meeting_mentoring_idx ON mentor_meeting (mentoring_id, met_on);

-- A work placement an employer (often a macro-asset's contractor) offers, matched to an enterprise.
CREATE TABLE placement_offer (
	id              uuid PRIMARY KEY,
	place_id        text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	host            text NOT NULL CHECK (length(host) BETWEEN 1 AND 200),
	title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	consortium      text NOT NULL CHECK (consortium IN ('health', 'social_care', 'food',
	                    'creative_industries', 'retail', 'construction', 'tourism')),
	places          integer NOT NULL CHECK (places BETWEEN 1 AND 100),
	enterprise_id   text REFERENCES social_enterprise (id) ON DELETE SET NULL,
	created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX placement_offer_place_idx ON placement_offer (place_id, created_at DESC);
