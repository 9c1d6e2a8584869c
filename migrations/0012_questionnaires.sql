-- Community researchers (issue 11): the questionnaire as data, versioned; responses (person-level,
-- in the restricted schema); validation by coordinators; the voucher ledger.

-- Every published version of the questionnaire. A response keeps the version it was answered in;
-- a new version is a new row, never an edit (so old responses always read against their own).
CREATE TABLE questionnaire_version (
	version     integer PRIMARY KEY CHECK (version >= 1),
	definition  jsonb NOT NULL,
	created_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
	created_at  timestamptz NOT NULL DEFAULT now()
);

-- A response as collected (online, offline then synced, or typed up from paper). The id is made
-- on the device; content_hash is the SHA-256 of its canonical content, so the same id and content
-- again is a no-op and changed content under a known id is refused (ODK Central's rule).
-- The location in `answers` is stored as the centre of its 250 m cell, never as given.
CREATE TABLE restricted.questionnaire_response (
	id                    uuid PRIMARY KEY,
	questionnaire_version integer NOT NULL REFERENCES questionnaire_version (version),
	content_hash          text NOT NULL,
	answers               jsonb NOT NULL,
	researcher_id         uuid NOT NULL REFERENCES app_user (id),
	place_id              text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	-- Centre of the 250 m cell the location fell in (as resident_skill.cell_point): what coverage counts.
	cell_point            geometry(Point, 4326) NOT NULL,
	-- The record this response added to the skills store (none when its occupation is outside the taxonomy).
	resident_skill_id     uuid REFERENCES restricted.resident_skill (id) ON DELETE SET NULL,
	source                text NOT NULL CHECK (source IN ('online', 'paper')),
	status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'validated', 'rejected')),
	review_reason         text,
	reviewed_by           uuid REFERENCES app_user (id) ON DELETE SET NULL,
	reviewed_at           timestamptz,
	created_at            timestamptz NOT NULL DEFAULT now(),
	CHECK (status <> 'rejected' OR review_reason IS NOT NULL)
);
CREATE INDEX questionnaire_response_researcher_idx ON restricted.questionnaire_response (researcher_id, status);
CREATE INDEX questionnaire_response_status_idx ON restricted.questionnaire_response (status, created_at);

-- The voucher rule (one row): an amount for every full batch of validated responses, up to a cap.
CREATE TABLE voucher_rule (
	id           boolean PRIMARY KEY DEFAULT true CHECK (id),
	amount_pence integer NOT NULL CHECK (amount_pence >= 0),
	batch_size   integer NOT NULL CHECK (batch_size >= 1),
	cap_pence    integer NOT NULL CHECK (cap_pence >= 0),
	updated_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO voucher_rule (amount_pence, batch_size, cap_pence) VALUES (2000, 10, 10000);

-- Vouchers handed to researchers: what was issued, when, by whom.
CREATE TABLE voucher_issue (
	id            uuid PRIMARY KEY,
	researcher_id uuid NOT NULL REFERENCES app_user (id),
	amount_pence  integer NOT NULL CHECK (amount_pence > 0),
	issued_by     uuid REFERENCES app_user (id) ON DELETE SET NULL,
	note          text,
	issued_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voucher_issue_researcher_idx ON voucher_issue (researcher_id);
