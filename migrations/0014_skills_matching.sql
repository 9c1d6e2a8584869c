-- Skills matching (issue 14): employers' vacancies as opportunities, a crosswalk from job roles to
-- the skills taxonomy, the pipeline of candidates (person-level, restricted), the published
-- matching counts, and the partnership's targets.

-- A vacancy is an opportunity of kind 'job' that carries what the employer's list said about it.
-- closes_on: the closing date; once it has passed the vacancy leaves every live count.
ALTER TABLE opportunity ADD COLUMN role text CHECK (role IS NULL OR length(role) BETWEEN 1 AND 200);
ALTER TABLE opportunity ADD COLUMN job_family text CHECK (job_family IS NULL OR length(job_family) BETWEEN 1 AND 100);
ALTER TABLE opportunity ADD COLUMN afc_band text CHECK (afc_band IS NULL OR afc_band ~ '^([1-7]|8[a-d]|9)$');
ALTER TABLE opportunity ADD COLUMN required_registration text CHECK (required_registration IS NULL OR length(required_registration) BETWEEN 1 AND 200);
ALTER TABLE opportunity ADD COLUMN closes_on date;
ALTER TABLE opportunity ADD COLUMN vacancy_list text CHECK (vacancy_list IS NULL OR length(vacancy_list) BETWEEN 1 AND 200);
CREATE INDEX opportunity_vacancy_list_idx ON opportunity (vacancy_list) WHERE vacancy_list IS NOT NULL;

-- Job roles (as an employer or a questionnaire names them) to the taxonomy. role_key is the
-- role's name folded to lower case with single spaces, so "Staff Nurse" and "staff  nurse" meet.
CREATE TABLE role_crosswalk (
	role_key        text PRIMARY KEY CHECK (role_key ~ '^[a-z0-9][a-z0-9 &/().,''+-]{0,199}$'),
	role            text NOT NULL CHECK (length(role) BETWEEN 1 AND 200),
	soc2020_code    text CHECK (soc2020_code IS NULL OR soc2020_code ~ '^[0-9]{4}$'),
	skill_group_id  text NOT NULL REFERENCES skill_group (id),
	nhs_job_family  text CHECK (nhs_job_family IS NULL OR length(nhs_job_family) BETWEEN 1 AND 100),
	afc_band        text CHECK (afc_band IS NULL OR afc_band ~ '^([1-7]|8[a-d]|9)$'),
	updated_at      timestamptz NOT NULL DEFAULT now()
);

-- One case per resident in the pipeline towards work. Person-level: restricted schema.
CREATE TABLE restricted.pipeline_case (
	id                uuid PRIMARY KEY,
	place_id          text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	resident_skill_id uuid NOT NULL UNIQUE REFERENCES restricted.resident_skill (id) ON DELETE CASCADE,
	stage             text NOT NULL CHECK (stage IN ('identified', 'language_training', 'accreditation', 'ready_for_work', 'in_work')),
	partner_id        uuid REFERENCES app_user (id) ON DELETE SET NULL,
	mentor            text CHECK (mentor IS NULL OR length(mentor) BETWEEN 1 AND 120),
	next_step         text CHECK (next_step IS NULL OR length(next_step) BETWEEN 1 AND 500),
	next_step_on      date,
	note              text CHECK (note IS NULL OR length(note) <= 2000),
	created_by        uuid REFERENCES app_user (id) ON DELETE SET NULL,
	created_at        timestamptz NOT NULL DEFAULT now(),
	updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pipeline_case_place_idx ON restricted.pipeline_case (place_id, stage);

CREATE TABLE restricted.pipeline_stage_event (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	case_id     uuid NOT NULL REFERENCES restricted.pipeline_case (id) ON DELETE CASCADE,
	from_stage  text,
	to_stage    text NOT NULL,
	at          timestamptz NOT NULL DEFAULT now(),
	actor_id    uuid REFERENCES app_user (id) ON DELETE SET NULL,
	note        text CHECK (note IS NULL OR length(note) <= 2000)
);
CREATE INDEX pipeline_stage_event_case_idx ON restricted.pipeline_stage_event (case_id, at);

-- Published matching counts: candidates (pipeline cases) by skill group and stage, through the
-- same publishing pipeline as resident skills (k, coarsening, secondary suppression, rounding).
-- Filter keys are fixed ('all/any', '<group>.<stage>/any'), published once per build.
CREATE TABLE matching_publication (
	place_id      text PRIMARY KEY REFERENCES place (id) ON DELETE CASCADE,
	k             smallint NOT NULL CHECK (k >= 5),
	rounding_base smallint NOT NULL CHECK (rounding_base >= 1),
	synthetic     boolean NOT NULL DEFAULT false,
	computed_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE matching_published_total (
	place_id    text NOT NULL REFERENCES matching_publication (place_id) ON DELETE CASCADE,
	filter_key  text NOT NULL,
	total       integer CHECK (total IS NULL OR total >= 0),
	PRIMARY KEY (place_id, filter_key)
);

CREATE TABLE matching_published_unit (
	place_id    text NOT NULL REFERENCES matching_publication (place_id) ON DELETE CASCADE,
	filter_key  text NOT NULL,
	unit_id     text NOT NULL,
	level       text NOT NULL CHECK (level IN ('hex250', 'hex500', 'hex1000', 'place')),
	count       integer CHECK (count IS NULL OR count >= 0),
	geom        geometry(MultiPolygon, 4326) NOT NULL,
	PRIMARY KEY (place_id, filter_key, unit_id)
);

-- The partnership's targets and the progress it records against them (counts, never people).
CREATE TABLE progress_target (
	place_id    text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	metric      text NOT NULL CHECK (metric IN ('overseas_qualified_identified', 'researchers_trained',
	                'in_accreditation', 'in_work', 'startups_founded')),
	target      integer NOT NULL CHECK (target >= 0),
	due_on      date,
	updated_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (place_id, metric)
);

CREATE TABLE progress_entry (
	place_id    text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	metric      text NOT NULL CHECK (metric IN ('overseas_qualified_identified', 'researchers_trained',
	                'in_accreditation', 'in_work', 'startups_founded')),
	recorded_on date NOT NULL,
	value       integer NOT NULL CHECK (value >= 0),
	PRIMARY KEY (place_id, metric, recorded_on)
);
