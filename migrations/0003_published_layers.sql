-- Published (anonymised) layers of resident data and the record of what was suppressed.
-- Rows here are the only form in which person-level data reaches planners and the public:
-- counts per cell after coarsening, suppression (threshold k) and rounding.

CREATE TABLE publication (
	place_id        text PRIMARY KEY REFERENCES place (id) ON DELETE CASCADE,
	k               smallint NOT NULL CHECK (k >= 5),
	rounding_base   smallint NOT NULL CHECK (rounding_base >= 1),
	records         integer NOT NULL CHECK (records >= 0),
	-- Records in released units of the broadest layer (all skills, any readiness)...
	records_published integer NOT NULL CHECK (records_published >= 0),
	-- ...and summed over every layer: how much of what was counted could be shown.
	layer_records_counted   integer NOT NULL DEFAULT 0 CHECK (layer_records_counted >= 0),
	layer_records_published integer NOT NULL DEFAULT 0 CHECK (layer_records_published >= 0),
	-- Whether any counted record is synthetic (demo data), so the map can say so.
	synthetic       boolean NOT NULL DEFAULT false,
	computed_at     timestamptz NOT NULL DEFAULT now(),
	compute_ms      integer NOT NULL DEFAULT 0
);

CREATE TABLE published_unit (
	place_id    text NOT NULL REFERENCES publication (place_id) ON DELETE CASCADE,
	filter_key  text NOT NULL,
	unit_id     text NOT NULL,
	level       text NOT NULL CHECK (level IN ('hex250', 'hex500', 'hex1000', 'place')),
	-- Rounded count; NULL when the unit is suppressed.
	count       integer CHECK (count IS NULL OR count >= 0),
	geom        geometry(MultiPolygon, 4326) NOT NULL,
	PRIMARY KEY (place_id, filter_key, unit_id)
);
CREATE INDEX published_unit_geom_gix ON published_unit USING gist (geom);

CREATE TABLE published_total (
	place_id    text NOT NULL REFERENCES publication (place_id) ON DELETE CASCADE,
	filter_key  text NOT NULL,
	-- Rounded total for the place; NULL when suppressed.
	total       integer CHECK (total IS NULL OR total >= 0),
	PRIMARY KEY (place_id, filter_key)
);

-- For administrators: which unit of which layer was hidden and why (a band, never a count).
CREATE TABLE suppression_record (
	place_id    text NOT NULL REFERENCES publication (place_id) ON DELETE CASCADE,
	filter_key  text NOT NULL,
	unit_id     text NOT NULL,
	level       text NOT NULL,
	reason      text NOT NULL CHECK (reason IN ('primary', 'secondary_total', 'secondary_linked',
	                'secondary_partition')),
	count_band  text NOT NULL,
	PRIMARY KEY (place_id, filter_key, unit_id)
);
