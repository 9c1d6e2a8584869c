/**
 * Every SQL statement of the opportunity scores: the inputs the engine scores (grid, sites and
 * their opportunities, published supply, cached distances), the table versions that say whether
 * inputs held in memory still hold, and the writes that fill the grid and distance caches. SQL in,
 * domain types out; always parameterised. No formula lives here: scoring is the pure engine's.
 *
 * Each read that fills a cache returns, from the same statement, the versions of the tables it read
 * (data_version, bumped by a statement trigger on every change, migrations 0006/0007), so what is
 * held is labelled with exactly the versions it was read at.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import type { DistanceMode } from '../../domain/scoring/spec';
import type { Database } from '../db/schema';
import { isLiveOpportunity, todaySql } from '../opportunities/queries';

type Db = Kysely<Database>;

/** Version counters by table name; a table never changed has none (read as 0). */
export type TableVersions = Readonly<Record<string, number>>;

/** Every table a score answer depends on (score_cell and travel_* change only with score_grid, sites or the network). */
export const SCORE_INPUT_TABLES = [
	'place',
	'score_grid',
	'macro_asset',
	'opportunity',
	'scenario',
	'scenario_site',
	'scenario_opportunity',
	'publication',
	'published_unit',
	'walk_network',
	'walk_edge',
	'reference_area',
	// Labels and the list of groups scored (counted since migration 0011).
	'skill_group'
] as const;
export type ScoreInputTable = (typeof SCORE_INPUT_TABLES)[number];

/**
 * Not a table: the date the live-opportunity rule read (YYYYMMDD), held among the versions. A
 * vacancy that closes leaves the baseline at midnight with no statement to bump a counter, so what
 * was read on one day is labelled with that day and is read again on the next.
 */
export const LIVE_DATE = 'live_date';

/** SQL: today as the live rule reads it, as a YYYYMMDD number. */
const liveDate = () => sql<number>`to_char(${todaySql()}, 'YYYYMMDD')::int`;

/** The opportunity sites of the baseline (null) or of a scenario. */
export interface SiteSource {
	readonly placeId: string;
	readonly scenarioId: string | null;
}

function parsedJson<T>(value: unknown): T {
	return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function versionsOf(tables: readonly ScoreInputTable[]): RawBuilder<unknown> {
	return sql`(SELECT COALESCE(json_object_agg(table_name, version), '{}'::json) FROM data_version WHERE table_name = ANY(${[...tables]}::text[]))`;
}

function numericVersions(value: unknown): TableVersions {
	const raw = parsedJson<Record<string, number | string>>(value) ?? {};
	return Object.fromEntries(Object.entries(raw).map(([table, version]) => [table, Number(version)]));
}

// ---- What a request is checked against, and what held inputs are checked against ----

export interface ScoreState {
	readonly versions: TableVersions;
	/** The database's oid: two databases in one process never share held inputs or layers. */
	readonly database: string;
	readonly placeExists: boolean;
	readonly skillExists: boolean;
	readonly publication: { readonly k: number; readonly roundingBase: number; readonly stamp: string } | null;
	readonly scenario: { readonly id: string; readonly name: string; readonly placeId: string } | null;
	readonly hasWalkingNetwork: boolean;
}

/** One statement: the input tables' versions and what a request names (skill group, scenario, walking network). */
export async function readScoreState(db: Db, request: { placeId: string; skill: string; scenarioId: string | null }): Promise<ScoreState> {
	const { rows } = await sql<{ versions: unknown; live_date: number; database: string; place_exists: boolean; skill_exists: boolean; publication: unknown; scenario: unknown; walk_network: boolean }>`
		SELECT ${versionsOf(SCORE_INPUT_TABLES)} AS versions, ${liveDate()} AS live_date,
		       (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS database,
		       EXISTS (SELECT 1 FROM place WHERE id = ${request.placeId}) AS place_exists,
		       (${request.skill}::text = 'all' OR EXISTS (SELECT 1 FROM skill_group WHERE id = ${request.skill})) AS skill_exists,
		       (SELECT json_build_object('k', k, 'roundingBase', rounding_base, 'stamp', computed_at::text) FROM publication WHERE place_id = ${request.placeId}) AS publication,
		       (SELECT json_build_object('id', id, 'name', name, 'placeId', place_id) FROM scenario WHERE id = ${request.scenarioId}::uuid) AS scenario,
		       EXISTS (SELECT 1 FROM walk_network WHERE place_id = ${request.placeId}) AS walk_network`.execute(db);
	const row = rows[0]!;
	const publication = parsedJson<{ k: number; roundingBase: number; stamp: string } | null>(row.publication);
	return {
		versions: { ...numericVersions(row.versions), [LIVE_DATE]: Number(row.live_date) },
		database: row.database,
		placeExists: row.place_exists,
		skillExists: row.skill_exists,
		publication: publication ? { k: Number(publication.k), roundingBase: Number(publication.roundingBase), stamp: publication.stamp } : null,
		scenario: parsedJson<ScoreState['scenario']>(row.scenario),
		hasWalkingNetwork: row.walk_network
	};
}

// ---- The grid ----

export interface PlaceGridState {
	readonly srid: number;
	readonly boundaryHash: string;
	readonly gridHash: string | null;
	readonly cellCount: number | null;
}

/** The place's projected SRID and boundary hash with the hash its grid was made for; undefined when there is no place. */
export async function placeGridState(db: Db, placeId: string): Promise<PlaceGridState | undefined> {
	const row = await db
		.selectFrom('place')
		.leftJoin('score_grid', 'score_grid.place_id', 'place.id')
		.select(['place.projected_srid as srid', sql<string>`md5(ST_AsEWKB(place.boundary))`.as('boundary_hash'), 'score_grid.boundary_hash as grid_hash', 'score_grid.cell_count'])
		.where('place.id', '=', placeId)
		.executeTakeFirst();
	return row ? { srid: row.srid, boundaryHash: row.boundary_hash, gridHash: row.grid_hash, cellCount: row.cell_count } : undefined;
}

/** Waits for (and holds until commit) the one grid builder of a place. */
export async function lockGridBuild(trx: Db, placeId: string): Promise<void> {
	await sql`SELECT pg_advisory_xact_lock(727212, hashtext(${placeId}))`.execute(trx);
}

export async function currentGrid(trx: Db, placeId: string): Promise<{ boundaryHash: string; cellCount: number } | undefined> {
	const row = await trx.selectFrom('score_grid').select(['boundary_hash', 'cell_count']).where('place_id', '=', placeId).executeTakeFirst();
	return row ? { boundaryHash: row.boundary_hash, cellCount: row.cell_count } : undefined;
}

/** Drops the grid; its cells and every distance cached over them go with it (ON DELETE CASCADE). */
export async function deleteGrid(trx: Db, placeId: string): Promise<void> {
	await trx.deleteFrom('score_grid').where('place_id', '=', placeId).execute();
}

/** The (i, j) of every hexagon of side `sizeMetres` (ST_HexagonGrid) that meets the place's boundary. */
export async function hexagonsOverPlace(trx: Db, placeId: string, srid: number, sizeMetres: number): Promise<{ i: number; j: number }[]> {
	const { rows } = await sql<{ i: number; j: number }>`
		SELECT h.i, h.j
		FROM place p, ST_Transform(p.boundary, ${srid}::integer) AS b,
		     ST_HexagonGrid(${sizeMetres}::float8, b) AS h
		WHERE p.id = ${placeId} AND ST_Intersects(h.geom, b)`.execute(trx);
	return rows.map((r) => ({ i: Number(r.i), j: Number(r.j) }));
}

export interface NewGridCell {
	readonly i: number;
	readonly j: number;
	readonly id: string;
	readonly hex500: string;
	readonly hex1000: string;
}

/** Writes the grid row and its cells (centre in the projected CRS, polygon in WGS84), then fresh statistics. */
export async function insertGrid(trx: Db, grid: { placeId: string; srid: number; boundaryHash: string; sizeMetres: number; cells: readonly NewGridCell[] }): Promise<void> {
	const { placeId, srid, sizeMetres, cells } = grid;
	await trx.insertInto('score_grid').values({ place_id: placeId, boundary_hash: grid.boundaryHash, cell_size_m: sizeMetres, cell_count: cells.length }).execute();
	await sql`
		INSERT INTO score_cell (place_id, cell_id, hex500_id, hex1000_id, centre, geom)
		SELECT ${placeId}, u.id, u.p500, u.p1000, ST_Centroid(h.geom), ST_Transform(h.geom, 4326)
		FROM place p, ST_Transform(p.boundary, ${srid}::integer) AS b,
		     ST_HexagonGrid(${sizeMetres}::float8, b) AS h
		JOIN unnest(${cells.map((c) => c.i)}::integer[], ${cells.map((c) => c.j)}::integer[], ${cells.map((c) => c.id)}::text[],
		            ${cells.map((c) => c.hex500)}::text[], ${cells.map((c) => c.hex1000)}::text[])
		     AS u (i, j, id, p500, p1000) ON u.i = h.i AND u.j = h.j
		WHERE p.id = ${placeId}`.execute(trx);
	// Fresh statistics, or the planner guesses (PGlite never autovacuums).
	await sql`ANALYZE score_cell`.execute(trx);
}

/** A score cell as the engine and the map need it. */
export interface GridCell {
	readonly id: string;
	readonly hex500: string;
	readonly hex1000: string;
	readonly geometry: Polygon;
	/** IMD decile of the LSOA holding the cell centre (latest year), when one is loaded. */
	readonly imdDecile: number | null;
}

/** The place's score cells ordered by id, with the versions they were read at. */
export async function loadGridCells(db: Db, placeId: string): Promise<{ versions: TableVersions; cells: GridCell[] }> {
	const { rows } = await sql<{ versions: unknown; cells: unknown }>`
		SELECT ${versionsOf(['place', 'score_grid', 'reference_area'])} AS versions,
		       (SELECT COALESCE(json_agg(json_build_object('id', c.cell_id, 'hex500', c.hex500_id, 'hex1000', c.hex1000_id,
		                                                   'geometry', ST_AsGeoJSON(c.geom, 6)::json, 'imdDecile', imd.imd_decile) ORDER BY c.cell_id), '[]'::json)
		        FROM score_cell c
		        LEFT JOIN LATERAL (SELECT r.imd_decile FROM reference_area r
		                           WHERE r.area_type = 'lsoa' AND r.imd_decile IS NOT NULL AND ST_Intersects(r.geom, ST_Transform(c.centre, 4326))
		                           ORDER BY r.imd_year DESC NULLS LAST, r.code LIMIT 1) imd ON true
		        WHERE c.place_id = ${placeId}) AS cells`.execute(db);
	const cells = parsedJson<{ id: string; hex500: string; hex1000: string; geometry: Polygon; imdDecile: number | null }[]>(rows[0]!.cells);
	return { versions: numericVersions(rows[0]!.versions), cells: cells.map((c) => ({ ...c, imdDecile: c.imdDecile === null ? null : Number(c.imdDecile) })) };
}

/** Cell centres in the place's projected CRS, the origins of walking routes. */
export async function gridOrigins(db: Db, placeId: string): Promise<{ id: string; x: number; y: number }[]> {
	const { rows } = await sql<{ id: string; x: number; y: number }>`
		SELECT cell_id AS id, ST_X(centre) AS x, ST_Y(centre) AS y FROM score_cell WHERE place_id = ${placeId} ORDER BY cell_id`.execute(db);
	return rows.map((r) => ({ id: r.id, x: Number(r.x), y: Number(r.y) }));
}

// ---- Sites and opportunities ----

/**
 * Rows (site_id, name, kind, status, geom, site_key) of the baseline's macro-assets or a scenario's
 * copy; site_key is the md5 of the geometry's EWKB, so a site that has not moved keys the same
 * cached distances in every scenario. A cancelled site offers nothing and is left out.
 */
function siteRows(source: SiteSource): RawBuilder<unknown> {
	return source.scenarioId === null
		? sql`SELECT id AS site_id, name, kind, status, geom, md5(ST_AsEWKB(geom)) AS site_key
			FROM macro_asset WHERE place_id = ${source.placeId} AND status <> 'cancelled'`
		: sql`SELECT s.id AS site_id, s.name, s.kind, s.status, s.geom, md5(ST_AsEWKB(s.geom)) AS site_key
			FROM scenario_site s JOIN scenario sc ON sc.id = s.scenario_id
			WHERE s.scenario_id = ${source.scenarioId}::uuid AND sc.place_id = ${source.placeId} AND s.status <> 'cancelled'`;
}

export interface SourceSite {
	readonly id: string;
	readonly name: string;
	readonly kind: string;
	readonly status: string;
	/** md5 of the geometry: the key of its cached distances. */
	readonly siteKey: string;
	/** Opportunities per skill group. */
	readonly opportunities: ReadonlyMap<string, number>;
}

/** The sites of a source ordered by id, each with its opportunities per skill group, and the versions read. */
export async function loadSites(db: Db, source: SiteSource): Promise<{ versions: TableVersions; sites: SourceSite[] }> {
	const tables: ScoreInputTable[] = source.scenarioId === null ? ['macro_asset', 'opportunity'] : ['scenario', 'scenario_site', 'scenario_opportunity'];
	const opportunities =
		source.scenarioId === null
			? sql`SELECT macro_asset_id AS site_id, skill_group_id, SUM(count)::float8 AS total FROM opportunity
				WHERE macro_asset_id IN (SELECT id FROM macro_asset WHERE place_id = ${source.placeId})
				  AND ${isLiveOpportunity('opportunity')} GROUP BY 1, 2`
			: sql`SELECT site_id, skill_group_id, SUM(count)::float8 AS total FROM scenario_opportunity WHERE scenario_id = ${source.scenarioId}::uuid GROUP BY 1, 2`;
	const { rows } = await sql<{ versions: unknown; live_date: number; sites: unknown }>`
		WITH o AS MATERIALIZED (${opportunities})
		SELECT ${versionsOf(tables)} AS versions, ${liveDate()} AS live_date,
		       (SELECT COALESCE(json_agg(json_build_object('id', s.site_id, 'name', s.name, 'kind', s.kind, 'status', s.status, 'siteKey', s.site_key,
		                                                   'opportunities', (SELECT json_object_agg(o.skill_group_id, o.total) FROM o WHERE o.site_id = s.site_id))
		                                 ORDER BY s.site_id), '[]'::json)
		        FROM (${siteRows(source)}) s) AS sites`.execute(db);
	const sites = parsedJson<{ id: string; name: string; kind: string; status: string; siteKey: string; opportunities: Record<string, number> | null }[]>(rows[0]!.sites);
	return {
		// Labelled with the date its live opportunities were read at (in the same statement).
		versions: { ...numericVersions(rows[0]!.versions), [LIVE_DATE]: Number(rows[0]!.live_date) },
		sites: sites.map((s) => ({ ...s, opportunities: new Map(Object.entries(s.opportunities ?? {}).map(([skill, total]) => [skill, Number(total)])) }))
	};
}

// ---- Published supply ----

/** The published units of one resident layer (count null = withheld), with the versions read. */
export async function loadPublishedUnits(db: Db, placeId: string, layerKey: string): Promise<{ versions: TableVersions; units: Map<string, number | null> }> {
	const { rows } = await sql<{ versions: unknown; units: unknown }>`
		SELECT ${versionsOf(['publication', 'published_unit'])} AS versions,
		       (SELECT COALESCE(json_object_agg(unit_id, count), '{}'::json) FROM published_unit WHERE place_id = ${placeId} AND filter_key = ${layerKey}) AS units`.execute(db);
	const units = parsedJson<Record<string, number | null>>(rows[0]!.units);
	return { versions: numericVersions(rows[0]!.versions), units: new Map(Object.entries(units).map(([id, count]) => [id, count === null ? null : Number(count)])) };
}

// ---- Cached distances ----

/** The tables a place's cached distances of a mode depend on. */
export function travelTablesOf(mode: DistanceMode): ScoreInputTable[] {
	return mode === 'walk' ? ['place', 'score_grid', 'walk_network', 'walk_edge'] : ['place', 'score_grid'];
}

export interface StoredColumn {
	readonly siteKey: string;
	/** Cell ids with a cached distance, in id order. */
	readonly cellIds: readonly string[];
	readonly metres: readonly number[];
}

/**
 * The cached distance columns of the keys that have been computed (a key missing from the answer
 * has not been), each limited to pairs within `withinMetres` (null = every pair).
 */
export async function loadTravelColumns(
	db: Db,
	request: { placeId: string; mode: DistanceMode; siteKeys: readonly string[]; withinMetres: number | null }
): Promise<{ versions: TableVersions; columns: StoredColumn[] }> {
	const { placeId, mode, siteKeys, withinMetres } = request;
	const within = withinMetres === null ? sql`true` : sql`d.metres <= ${withinMetres}::float8`;
	const { rows } = await sql<{ versions: unknown; site_key: string; cell_ids: string[] | null; metres: number[] | null }>`
		SELECT ${versionsOf(travelTablesOf(mode))} AS versions, t.site_key, d.cell_ids, d.metres
		FROM travel_site t
		LEFT JOIN LATERAL (SELECT array_agg(d.cell_id ORDER BY d.cell_id) AS cell_ids, array_agg(d.metres ORDER BY d.cell_id) AS metres
		                   FROM travel_distance d
		                   WHERE d.place_id = t.place_id AND d.mode = t.mode AND d.site_key = t.site_key AND ${within}) d ON true
		WHERE t.place_id = ${placeId} AND t.mode = ${mode} AND t.site_key = ANY(${[...siteKeys]}::text[])`.execute(db);
	return {
		versions: rows.length ? numericVersions(rows[0]!.versions) : {},
		columns: rows.map((r) => ({ siteKey: r.site_key, cellIds: r.cell_ids ?? [], metres: (r.metres ?? []).map(Number) }))
	};
}

/** Sites of a source with no cached distances for `mode` yet, one per geometry key, with their GeoJSON. */
export async function sitesWithoutDistances(db: Db, placeId: string, mode: DistanceMode, source: SiteSource): Promise<{ siteKey: string; geojson: string }[]> {
	const { rows } = await sql<{ site_key: string; geojson: string }>`
		SELECT DISTINCT ON (s.site_key) s.site_key, ST_AsGeoJSON(s.geom) AS geojson
		FROM (${siteRows(source)}) s
		WHERE NOT EXISTS (SELECT 1 FROM travel_site t WHERE t.place_id = ${placeId} AND t.mode = ${mode} AND t.site_key = s.site_key)
		ORDER BY s.site_key`.execute(db);
	return rows.map((r) => ({ siteKey: r.site_key, geojson: r.geojson }));
}

/** Waits for (and holds until commit) the one distance builder of a place and mode. */
export async function lockTravelBuild(trx: Db, placeId: string, mode: DistanceMode): Promise<void> {
	await sql`SELECT pg_advisory_xact_lock(727213, hashtext(${placeId + '/' + mode}))`.execute(trx);
}

/** Straight-line metres in the place's CRS from every cell centre to each site (0 inside it), for the sites keyed. */
export async function insertStraightDistances(trx: Db, request: { placeId: string; srid: number; source: SiteSource; siteKeys: readonly string[] }): Promise<void> {
	const { placeId, srid, source, siteKeys } = request;
	await sql`
		INSERT INTO travel_site (place_id, mode, site_key) SELECT ${placeId}, 'straight', k FROM unnest(${[...siteKeys]}::text[]) AS k`.execute(trx);
	await sql`
		INSERT INTO travel_distance (place_id, mode, site_key, cell_id, metres)
		SELECT c.place_id, 'straight', s.site_key, c.cell_id, ST_Distance(c.centre, ST_Transform(s.geom, ${srid}::integer))
		FROM (SELECT DISTINCT ON (site_key) site_key, geom FROM (${siteRows(source)}) x WHERE site_key = ANY(${[...siteKeys]}::text[])) s
		CROSS JOIN score_cell c
		WHERE c.place_id = ${placeId}`.execute(trx);
}

const INSERT_BATCH = 20_000;

/** Walking metres over a network for the sites keyed (only routed pairs). */
export async function insertWalkDistances(
	trx: Db,
	request: { placeId: string; networkId: string; computeMs: number; siteKeys: readonly string[]; distances: readonly { originId: string; siteKey: string; metres: number }[] }
): Promise<void> {
	const { placeId, networkId, computeMs, siteKeys, distances } = request;
	await sql`
		INSERT INTO travel_site (place_id, mode, site_key, network_id, compute_ms)
		SELECT ${placeId}, 'walk', k, ${networkId}::bigint, ${computeMs} FROM unnest(${[...siteKeys]}::text[]) AS k`.execute(trx);
	for (let start = 0; start < distances.length; start += INSERT_BATCH) {
		const batch = distances.slice(start, start + INSERT_BATCH);
		await sql`
			INSERT INTO travel_distance (place_id, mode, site_key, cell_id, metres)
			SELECT ${placeId}, 'walk', k, c, m
			FROM unnest(${batch.map((r) => r.siteKey)}::text[], ${batch.map((r) => r.originId)}::text[], ${batch.map((r) => r.metres)}::float8[]) AS u (k, c, m)`.execute(trx);
	}
}

/** Fresh statistics for the distance cache (PGlite never autovacuums). */
export async function analyzeTravel(trx: Db): Promise<void> {
	await sql`ANALYZE travel_site, travel_distance`.execute(trx);
}

// ── Issue 17: a site's catchment ring ────────────────────────────────────────────────────────

/**
 * The ring drawn around a site at the chosen walk: in straight-line mode the site's shape grown by
 * `metres` in the place's projected CRS (the straight-line catchment exactly, since distances are
 * measured from cell centres to the site's edge); in walking mode the union of the score cells
 * the walk reaches (`cellIds`), the isochrone at the grid's resolution. WGS84 GeoJSON and its bbox;
 * undefined when the site is not in the source.
 */
export async function siteCatchmentRing(
	db: Db,
	request: { source: SiteSource; siteId: string; srid: number } & ({ kind: 'circle'; metres: number } | { kind: 'isochrone'; cellIds: readonly string[] })
): Promise<{ geometry: Polygon | MultiPolygon; bbox: [number, number, number, number] } | undefined> {
	const { source, siteId, srid } = request;
	const shape =
		request.kind === 'circle'
			? sql`ST_Transform(ST_Buffer(ST_Transform(s.geom, ${srid}::integer), ${request.metres}::float8, 16), 4326)`
			: sql`ST_Union(ARRAY[s.geom] || ARRAY(SELECT c.geom FROM score_cell c WHERE c.place_id = ${source.placeId} AND c.cell_id = ANY(${[...request.cellIds]}::text[])))`;
	const { rows } = await sql<{ geojson: Polygon | MultiPolygon | string; bbox: number[] | string }>`
		WITH s AS (SELECT geom FROM (${siteRows(source)}) x WHERE site_id = ${siteId} LIMIT 1),
		     r AS (SELECT ${shape} AS g FROM s)
		SELECT ST_AsGeoJSON(g, 6)::json AS geojson, ARRAY[ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)]::float8[] AS bbox FROM r`.execute(db);
	const row = rows[0];
	if (!row) return undefined;
	const geometry = (typeof row.geojson === 'string' ? JSON.parse(row.geojson) : row.geojson) as Polygon | MultiPolygon;
	const bbox = (typeof row.bbox === 'string' ? row.bbox.replace(/[{}]/g, '').split(',') : row.bbox).map(Number) as [number, number, number, number];
	return { geometry, bbox };
}
