-- Outreach routes (issue 12): a researcher's planned walks through hubs and points, and what each
-- visit brought. Routes are a researcher's own work: the service lets a researcher read and change
-- only their own and administrators all of them. Visit notes are free text and never published.

CREATE TABLE outreach_route (
	id            uuid PRIMARY KEY,
	owner_id      uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
	place_id      text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
	-- [{id, label, kind, lon, lat, address}] in the order the researcher chose them.
	stops         jsonb NOT NULL CHECK (jsonb_typeof(stops) = 'array'),
	-- {start, return, distance, budgetMinutes, minutesAtStop}: what the route was planned with.
	settings      jsonb NOT NULL CHECK (jsonb_typeof(settings) = 'object'),
	-- The computed plan: order, arrivals, distance_m, duration_min, notFitting, engine, method.
	plan          jsonb NOT NULL CHECK (jsonb_typeof(plan) = 'object'),
	-- The walk itself (NULL when it has fewer than two points).
	geom          geometry(LineString, 4326),
	distance_m    double precision NOT NULL CHECK (distance_m >= 0),
	duration_min  double precision NOT NULL CHECK (duration_min >= 0),
	created_at    timestamptz NOT NULL DEFAULT now(),
	updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outreach_route_owner_idx ON outreach_route (owner_id, updated_at DESC);
CREATE INDEX outreach_route_place_idx ON outreach_route (place_id);

CREATE TABLE outreach_visit (
	route_id        uuid NOT NULL REFERENCES outreach_route (id) ON DELETE CASCADE,
	stop_id         text NOT NULL CHECK (length(stop_id) BETWEEN 1 AND 100),
	visited         boolean NOT NULL DEFAULT false,
	people_reached  integer NOT NULL DEFAULT 0 CHECK (people_reached BETWEEN 0 AND 10000),
	questionnaires  integer NOT NULL DEFAULT 0 CHECK (questionnaires BETWEEN 0 AND 10000),
	notes           text CHECK (notes IS NULL OR length(notes) <= 2000),
	updated_at      timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (route_id, stop_id)
);
