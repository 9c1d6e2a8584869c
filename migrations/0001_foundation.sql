-- Asset Atlas foundation schema.
-- Runs unchanged on PostgreSQL 15 + PostGIS 3.3 (Debian) and PGlite (PostgreSQL 18 + PostGIS 3.6).
-- Geometry is stored in WGS84 (EPSG:4326); each place names the projected CRS its distances use.

CREATE EXTENSION IF NOT EXISTS postgis;

-- A study area. Everything public hangs off a place so a second place loads from data alone.
CREATE TABLE place (
	id             text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	description    text,
	-- Projected CRS in metres used for distances and cell grids (27700 = British National Grid).
	projected_srid integer NOT NULL CHECK (projected_srid > 0),
	boundary       geometry(MultiPolygon, 4326) NOT NULL,
	source         text,
	created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX place_boundary_gix ON place USING gist (boundary);

-- Skills taxonomy: groups that opportunities ask for and residents offer.
CREATE TABLE skill_group (
	id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	name        text NOT NULL,
	description text,
	sort_order  integer NOT NULL DEFAULT 0
);

-- UK Standard Occupational Classification 2020 unit groups mapped to a skill group.
CREATE TABLE skill_group_soc (
	skill_group_id text NOT NULL REFERENCES skill_group (id) ON DELETE CASCADE,
	soc2020_code   text NOT NULL CHECK (soc2020_code ~ '^[0-9]{4}$'),
	soc2020_title  text NOT NULL,
	PRIMARY KEY (skill_group_id, soc2020_code)
);

-- Capital projects landing in a place.
CREATE TABLE macro_asset (
	id              text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
	place_id        text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	kind            text NOT NULL CHECK (kind IN ('hospital', 'housing', 'mixed_use', 'regeneration',
	                    'leisure', 'education', 'infrastructure', 'commercial', 'other')),
	status          text NOT NULL CHECK (status IN ('proposed', 'planned', 'consented',
	                    'under_construction', 'complete', 'operational', 'released', 'cancelled')),
	description     text,
	timeline_start  smallint CHECK (timeline_start BETWEEN 1900 AND 2100),
	timeline_end    smallint CHECK (timeline_end BETWEEN 1900 AND 2100),
	timeline_note   text,
	investment_gbp  numeric(16, 2) CHECK (investment_gbp >= 0),
	homes           integer CHECK (homes >= 0),
	jobs            integer CHECK (jobs >= 0),
	owners          text[] NOT NULL DEFAULT '{}',
	partners        text[] NOT NULL DEFAULT '{}',
	source          text,
	-- Names of the figures above that are illustrative (not public facts); shown as such.
	illustrative    text[] NOT NULL DEFAULT '{}',
	geom            geometry(MultiPolygon, 4326) NOT NULL,
	created_at      timestamptz NOT NULL DEFAULT now(),
	updated_at      timestamptz NOT NULL DEFAULT now(),
	CHECK (timeline_end IS NULL OR timeline_start IS NULL OR timeline_end >= timeline_start)
);
CREATE INDEX macro_asset_place_idx ON macro_asset (place_id);
CREATE INDEX macro_asset_geom_gix ON macro_asset USING gist (geom);

-- What a macro-asset offers local people: jobs, training, procurement lots, placements.
CREATE TABLE opportunity (
	id              text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,119}$'),
	macro_asset_id  text NOT NULL REFERENCES macro_asset (id) ON DELETE CASCADE,
	skill_group_id  text NOT NULL REFERENCES skill_group (id),
	kind            text NOT NULL CHECK (kind IN ('job', 'training', 'procurement', 'placement')),
	title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
	count           integer NOT NULL CHECK (count > 0),
	period_start    date,
	period_end      date,
	source          text,
	illustrative    boolean NOT NULL DEFAULT false,
	created_at      timestamptz NOT NULL DEFAULT now(),
	CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start)
);
CREATE INDEX opportunity_macro_asset_idx ON opportunity (macro_asset_id);
CREATE INDEX opportunity_skill_group_idx ON opportunity (skill_group_id);

-- Public micro-assets: organisations that consented to be mapped at their real address.
CREATE TABLE community_hub (
	id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
	place_id    text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	hub_type    text NOT NULL CHECK (hub_type IN ('community_centre', 'health_centre', 'faith_centre',
	                'school', 'supermarket', 'library', 'training_centre', 'other')),
	address     text,
	description text,
	-- How far the mapped position may be from the real entrance, in metres.
	position_accuracy_m integer CHECK (position_accuracy_m >= 0),
	source      text,
	geom        geometry(Point, 4326) NOT NULL,
	created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX community_hub_place_idx ON community_hub (place_id);
CREATE INDEX community_hub_geom_gix ON community_hub USING gist (geom);

CREATE TABLE social_enterprise (
	id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
	place_id    text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	consortium  text NOT NULL CHECK (consortium IN ('health', 'social_care', 'food',
	                'creative_industries', 'retail', 'construction', 'tourism')),
	offers      text,
	needs       text,
	employees   integer CHECK (employees >= 0),
	-- Synthetic records are labelled wherever they are shown.
	synthetic   boolean NOT NULL DEFAULT false,
	source      text,
	geom        geometry(Point, 4326) NOT NULL,
	created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX social_enterprise_place_idx ON social_enterprise (place_id);
CREATE INDEX social_enterprise_geom_gix ON social_enterprise USING gist (geom);

-- Official statistical and administrative areas (wards, LSOAs, output areas), with IMD where loaded.
CREATE TABLE reference_area (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	area_type   text NOT NULL CHECK (area_type IN ('ward', 'lsoa', 'msoa', 'output_area')),
	code        text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
	name        text,
	-- Index of Multiple Deprivation: decile 1 = most deprived 10% of LSOAs in England.
	imd_decile  smallint CHECK (imd_decile BETWEEN 1 AND 10),
	imd_rank    integer CHECK (imd_rank > 0),
	imd_year    smallint,
	source      text,
	geom        geometry(MultiPolygon, 4326) NOT NULL,
	created_at  timestamptz NOT NULL DEFAULT now(),
	UNIQUE (area_type, code)
);
CREATE INDEX reference_area_geom_gix ON reference_area USING gist (geom);

-- Person-level data lives in its own schema so that access can be granted and audited apart
-- from everything public. Nothing here is ever served un-aggregated (see DESIGN.md).
CREATE SCHEMA restricted;

CREATE TABLE restricted.resident_skill (
	id                        uuid PRIMARY KEY,
	place_id                  text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	skill_group_id            text NOT NULL REFERENCES skill_group (id),
	-- Highest qualification on the RQF scale (0 = none, 8 = doctorate).
	qualification_level       smallint CHECK (qualification_level BETWEEN 0 AND 8),
	overseas_qualification    boolean NOT NULL DEFAULT false,
	english_test_passed       boolean NOT NULL DEFAULT false,
	professionally_registered boolean NOT NULL DEFAULT false,
	languages                 text[] NOT NULL DEFAULT '{}',
	-- Never an exact home: the centre of the 250 m cell the resident's chosen point fell in.
	cell_point                geometry(Point, 4326) NOT NULL,
	location_source           text NOT NULL CHECK (location_source IN ('postcode_sector',
	                              'output_area', 'chosen_point', 'synthetic')),
	collected_by              text,
	synthetic                 boolean NOT NULL DEFAULT false,
	created_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resident_skill_place_skill_idx ON restricted.resident_skill (place_id, skill_group_id);
CREATE INDEX resident_skill_cell_gix ON restricted.resident_skill USING gist (cell_point);
