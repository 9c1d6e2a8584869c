-- Presentation stories: an ordered list of map views (camera, layers, filters, scenario, caption)
-- that a planner builds in the app and steps through in a meeting.

CREATE TABLE story (
	id           uuid PRIMARY KEY,
	place_id     text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	title        text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	description  text CHECK (description IS NULL OR length(description) <= 2000),
	created_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
	created_at   timestamptz NOT NULL DEFAULT now(),
	updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX story_place_idx ON story (place_id);

CREATE TABLE story_view (
	id          uuid PRIMARY KEY,
	story_id    uuid NOT NULL REFERENCES story (id) ON DELETE CASCADE,
	-- 1-based order within the story; kept dense by the application.
	position    integer NOT NULL CHECK (position >= 1),
	title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	caption     text CHECK (caption IS NULL OR length(caption) <= 1000),
	-- The map's URL state (name -> value, all strings): the same parameters a shared link carries,
	-- so a view and its shareable URL restore exactly the same map.
	params      jsonb NOT NULL CHECK (jsonb_typeof(params) = 'object'),
	created_at  timestamptz NOT NULL DEFAULT now(),
	UNIQUE (story_id, position) DEFERRABLE INITIALLY DEFERRED
);
