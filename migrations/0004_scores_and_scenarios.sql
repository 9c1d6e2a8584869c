-- Opportunity scores: the cells scores are given for, the walking network imported from
-- OpenStreetMap, the cached origin-destination distances, and planners' scenarios.

-- The 250 m hexagons (ST_HexagonGrid, edge 250 m, in the place's projected CRS) that cover a
-- place: the origins i of every score. Parents follow the chaining rule of the published layers
-- (src/lib/domain/privacy/hex-cell-hierarchy.ts) so published counts of coarse units can be
-- spread over exactly the cells they were counted in.
CREATE TABLE score_grid (
	place_id       text PRIMARY KEY REFERENCES place (id) ON DELETE CASCADE,
	-- md5 of the boundary the grid was made from: a changed boundary means a new grid.
	boundary_hash  text NOT NULL,
	cell_size_m    double precision NOT NULL CHECK (cell_size_m > 0),
	cell_count     integer NOT NULL CHECK (cell_count >= 0),
	computed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE score_cell (
	place_id    text NOT NULL REFERENCES score_grid (place_id) ON DELETE CASCADE,
	cell_id     text NOT NULL CHECK (cell_id ~ '^hex250:-?[0-9]+:-?[0-9]+$'),
	hex500_id   text NOT NULL,
	hex1000_id  text NOT NULL,
	-- Cell centre in the place's projected CRS (metres); its SRID is the place's projected_srid.
	centre      geometry(Point) NOT NULL,
	geom        geometry(Polygon, 4326) NOT NULL,
	PRIMARY KEY (place_id, cell_id)
);
CREATE INDEX score_cell_centre_gix ON score_cell USING gist (centre);

-- A walking network for a place, imported from OpenStreetMap (npm run import -- osm <file>).
-- One network per place; importing again replaces it and every walking distance made from it.
CREATE TABLE walk_network (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	place_id        text NOT NULL UNIQUE REFERENCES place (id) ON DELETE CASCADE,
	source_name     text NOT NULL,
	node_count      integer NOT NULL CHECK (node_count >= 0),
	edge_count      integer NOT NULL CHECK (edge_count >= 0),
	-- Nodes in the largest connected component; origins and sites snap only to those.
	main_component_nodes integer NOT NULL CHECK (main_component_nodes >= 0),
	total_length_m  double precision NOT NULL CHECK (total_length_m >= 0),
	imported_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE walk_node (
	network_id  bigint NOT NULL REFERENCES walk_network (id) ON DELETE CASCADE,
	id          bigint NOT NULL CHECK (id > 0),
	osm_id      bigint NOT NULL,
	-- Connected component number; 0 is the largest.
	component   integer NOT NULL CHECK (component >= 0),
	-- In the place's projected CRS (metres).
	geom        geometry(Point) NOT NULL,
	PRIMARY KEY (network_id, id)
);
CREATE INDEX walk_node_geom_gix ON walk_node USING gist (geom);

-- Undirected edges between consecutive way nodes; cost = length in metres either way (walkers
-- ignore oneway). Laid out as pgRouting expects (id, source, target, cost).
CREATE TABLE walk_edge (
	network_id  bigint NOT NULL REFERENCES walk_network (id) ON DELETE CASCADE,
	id          bigint NOT NULL CHECK (id > 0),
	source      bigint NOT NULL,
	target      bigint NOT NULL,
	length_m    double precision NOT NULL CHECK (length_m >= 0),
	osm_way_id  bigint NOT NULL,
	highway     text NOT NULL,
	geom        geometry(LineString) NOT NULL,
	PRIMARY KEY (network_id, id),
	FOREIGN KEY (network_id, source) REFERENCES walk_node (network_id, id) ON DELETE CASCADE,
	FOREIGN KEY (network_id, target) REFERENCES walk_node (network_id, id) ON DELETE CASCADE
);
CREATE INDEX walk_edge_geom_gix ON walk_edge USING gist (geom);
-- Deleting a network (a re-import) deletes its nodes, and each deleted node makes the foreign keys
-- above look for the edges that name it: without these, every node scans all the network's edges
-- (a Smethwick re-import took 20 s instead of 2 s on PGlite).
CREATE INDEX walk_edge_source_idx ON walk_edge (network_id, source);
CREATE INDEX walk_edge_target_idx ON walk_edge (network_id, target);

-- Distances from every score cell to a site, cached by the site's geometry (site_key = md5 of its
-- EWKB), not by its id or its opportunities: changing opportunities, or copying a site into a
-- scenario, reuses them; moving a site computes only that site's column.
CREATE TABLE travel_site (
	place_id    text NOT NULL REFERENCES score_grid (place_id) ON DELETE CASCADE,
	mode        text NOT NULL CHECK (mode IN ('straight', 'walk')),
	site_key    text NOT NULL CHECK (site_key ~ '^[0-9a-f]{32}$'),
	network_id  bigint REFERENCES walk_network (id) ON DELETE CASCADE,
	compute_ms  integer NOT NULL DEFAULT 0,
	computed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (place_id, mode, site_key),
	CHECK ((mode = 'walk') = (network_id IS NOT NULL))
);

-- One row per (cell, site) with a known distance; a missing row means unreachable (no route).
CREATE TABLE travel_distance (
	place_id    text NOT NULL,
	mode        text NOT NULL,
	site_key    text NOT NULL,
	cell_id     text NOT NULL,
	metres      double precision NOT NULL CHECK (metres >= 0),
	PRIMARY KEY (place_id, mode, site_key, cell_id),
	FOREIGN KEY (place_id, mode, site_key) REFERENCES travel_site (place_id, mode, site_key) ON DELETE CASCADE
);

-- A planner's "what if": a named copy of a place's macro-assets and opportunities that can be
-- changed without touching the baseline.
CREATE TABLE scenario (
	id           uuid PRIMARY KEY,
	place_id     text NOT NULL REFERENCES place (id) ON DELETE CASCADE,
	name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
	description  text CHECK (description IS NULL OR length(description) <= 2000),
	created_by   uuid REFERENCES app_user (id) ON DELETE SET NULL,
	created_at   timestamptz NOT NULL DEFAULT now(),
	updated_at   timestamptz NOT NULL DEFAULT now(),
	UNIQUE (place_id, name)
);

CREATE TABLE scenario_site (
	scenario_id     uuid NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
	id              text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
	-- The baseline macro-asset this site was copied from; NULL for a site the scenario added.
	macro_asset_id  text,
	name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	kind            text NOT NULL CHECK (kind IN ('hospital', 'housing', 'mixed_use', 'regeneration',
	                    'leisure', 'education', 'infrastructure', 'commercial', 'other')),
	status          text NOT NULL CHECK (status IN ('proposed', 'planned', 'consented',
	                    'under_construction', 'complete', 'operational', 'released', 'cancelled')),
	geom            geometry(MultiPolygon, 4326) NOT NULL,
	PRIMARY KEY (scenario_id, id)
);

CREATE TABLE scenario_opportunity (
	scenario_id     uuid NOT NULL,
	id              text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,119}$'),
	site_id         text NOT NULL,
	-- The baseline opportunity this row was copied from; NULL for one the scenario added.
	opportunity_id  text,
	skill_group_id  text NOT NULL REFERENCES skill_group (id),
	kind            text NOT NULL CHECK (kind IN ('job', 'training', 'procurement', 'placement')),
	title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
	count           integer NOT NULL CHECK (count > 0),
	PRIMARY KEY (scenario_id, id),
	FOREIGN KEY (scenario_id, site_id) REFERENCES scenario_site (scenario_id, id) ON DELETE CASCADE
);
CREATE INDEX scenario_opportunity_site_idx ON scenario_opportunity (scenario_id, site_id);
