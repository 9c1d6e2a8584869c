/**
 * Vector tiles straight from PostGIS (ST_AsMVT) for the table-backed layers, on servers whose
 * PostGIS was built with protobuf-c. PGlite's is not; tiles.ts then cuts the same features with
 * geojson-vt. Table and column names come from the constant list in tiles.ts.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema';

export interface TileSource {
	readonly table: 'macro_asset' | 'community_hub' | 'social_enterprise' | 'reference_area' | 'published_unit' | 'walk_edge';
	/** SRID of the table's geometry when not WGS84 (the walking network is stored projected). */
	readonly srid?: number;
	/** Columns copied into tile properties: a column name, or [property name, SQL expression]. */
	readonly columns: readonly (string | readonly [string, RawBuilder<unknown>])[];
	/** Extra conditions (already parameterised). */
	readonly where?: RawBuilder<unknown>;
}

// ── What each table-backed layer reads (its columns and its parameterised conditions) ─────────

const PLACE_LAYERS = {
	'macro-assets': { table: 'macro_asset', columns: ['id', 'place_id', 'name', 'kind', 'status'] },
	'community-hubs': { table: 'community_hub', columns: ['id', 'place_id', 'name', 'hub_type'] },
	'social-enterprises': { table: 'social_enterprise', columns: ['id', 'place_id', 'name', 'consortium', 'synthetic'] }
} as const;

/** A point or polygon layer of one place (every place when `place` is null). */
export function placeLayerSource(layer: keyof typeof PLACE_LAYERS, place: string | null): TileSource {
	const where = place ? sql`s.place_id = ${place}` : sql`true`;
	// Social enterprises are public only when they consented (migration 0013).
	return { ...PLACE_LAYERS[layer], where: layer === 'social-enterprises' ? sql`${where} AND s.consent_to_publish` : where };
}

/** Reference areas, of one type (ward, lsoa, …) or all. */
export function referenceAreaSource(type: string | null): TileSource {
	return { table: 'reference_area', columns: ['code', 'name', 'area_type', 'imd_decile'], where: type ? sql`s.area_type = ${type}` : sql`true` };
}

/** The place's imported walking network and the CRS its edges are stored in, if it has one. */
export async function walkNetworkOf(db: Kysely<Database>, place: string): Promise<{ id: string; srid: number } | null> {
	const network = await db
		.selectFrom('walk_network')
		.innerJoin('place', 'place.id', 'walk_network.place_id')
		.select(['walk_network.id', 'place.projected_srid'])
		.where('walk_network.place_id', '=', place)
		.executeTakeFirst();
	return network ? { id: String(network.id), srid: network.projected_srid } : null;
}

/** The walking network's edges (none without a network). */
export function streetsSource(network: { id: string; srid: number } | null): TileSource {
	return { table: 'walk_edge', srid: network?.srid ?? 27700, columns: ['highway'], where: network ? sql`s.network_id = ${network.id}::bigint` : sql`false` };
}

/** The published (anonymised) resident counts of one place and filter: a withheld cell has no count. */
export function publishedUnitSource(place: string, filterKey: string): TileSource {
	return {
		table: 'published_unit',
		columns: [['unit', sql`s.unit_id`], 'level', 'count', ['suppressed', sql`s.count IS NULL`]],
		where: sql`s.place_id = ${place} AND s.filter_key = ${filterKey}`
	};
}

/** When the place's resident layer was last published ('none' before the first), for tile cache keys. */
export async function publicationVersion(db: Kysely<Database>, place: string): Promise<string> {
	const publication = await db.selectFrom('publication').select('computed_at').where('place_id', '=', place).executeTakeFirst();
	return String(publication?.computed_at ?? 'none');
}

const capability = new WeakMap<object, Promise<boolean>>();

function selectList(source: TileSource): RawBuilder<unknown> {
	return sql.join(source.columns.map((c) => (typeof c === 'string' ? sql.ref(`s.${c}`) : sql`${c[1]} AS ${sql.ref(c[0])}`)));
}

/** Whether this database's PostGIS can encode MVT (asked once per database handle). */
export function supportsMvt(db: Kysely<Database>): Promise<boolean> {
	let answer = capability.get(db);
	if (!answer) {
		answer = sql<{ ok: number }>`SELECT length(ST_AsMVT(t)) AS ok FROM (SELECT 1 AS a, ST_AsMVTGeom(ST_MakePoint(0.5, 0.5), ST_MakeEnvelope(0, 0, 1, 1)) AS geom) t`
			.execute(db)
			.then(() => true)
			.catch(() => false);
		capability.set(db, answer);
	}
	return answer;
}

/** One tile of one layer encoded by PostGIS; empty bytes when nothing falls in the tile. */
export async function mvtTile(db: Kysely<Database>, layer: string, source: TileSource, z: number, x: number, y: number): Promise<Uint8Array> {
	const columns = selectList(source);
	const { rows } = await sql<{ tile: Uint8Array | null }>`
		WITH bounds AS (SELECT ST_TileEnvelope(${z}::integer, ${x}::integer, ${y}::integer) AS env)
		SELECT ST_AsMVT(t, ${layer}, 4096, 'geom') AS tile FROM (
			SELECT ${columns}, ST_AsMVTGeom(ST_Transform(s.geom, 3857), bounds.env, 4096, 64, true) AS geom
			FROM ${sql.table(source.table)} s, bounds
			WHERE s.geom && ST_Transform(ST_Expand(bounds.env, (ST_XMax(bounds.env) - ST_XMin(bounds.env)) * 64 / 4096), ${source.srid ?? 4326}::integer)
			  AND ${source.where ?? sql`true`}
		) t WHERE t.geom IS NOT NULL`.execute(db);
	const tile = rows[0]?.tile;
	return tile ? new Uint8Array(tile) : new Uint8Array(0);
}

/**
 * One counted tile of a point layer, encoded by PostGIS: a point per grid square (`cells` ×
 * `cells`) and `category` value, at the mean position of its points, with `count`; a square of one
 * point carries the point's own columns (bins.ts explains why), joined back by its `id`. Only
 * points inside the tile count, so none is counted in two tiles. The source's columns must be plain
 * column names and its table must have an `id`.
 */
export async function mvtBinnedTile(
	db: Kysely<Database>,
	layer: string,
	source: TileSource,
	category: string,
	cells: number,
	z: number,
	x: number,
	y: number
): Promise<Uint8Array> {
	const own = sql.join(source.columns.filter((c): c is string => typeof c === 'string' && c !== category).map((c) => sql.ref(`s.${c}`)));
	const { rows } = await sql<{ tile: Uint8Array | null }>`
		WITH bounds AS (
			SELECT e AS env, ST_XMin(e) AS x0, ST_YMax(e) AS y0, ST_XMax(e) - ST_XMin(e) AS side FROM ST_TileEnvelope(${z}::integer, ${x}::integer, ${y}::integer) e
		), q AS (
			-- Squares are chosen on the tile's own 4096 grid, as geojson-vt does on PGlite, so a point
			-- on a square's edge falls in the same square on either backend.
			SELECT s.id, s.${sql.ref(category)} AS category, ST_X(g) AS mx, ST_Y(g) AS my,
			       round((ST_X(g) - bounds.x0) / bounds.side * 4096) AS tx,
			       round((bounds.y0 - ST_Y(g)) / bounds.side * 4096) AS ty
			FROM ${sql.table(source.table)} s CROSS JOIN bounds CROSS JOIN LATERAL ST_Transform(s.geom, 3857) g
			WHERE s.geom && ST_Transform(ST_Expand(bounds.env, bounds.side / 4096), ${source.srid ?? 4326}::integer)
			  AND ${source.where ?? sql`true`}
		), squares AS (
			-- Only ids and positions are grouped: a lone point's columns are read back once, below.
			SELECT category, count(*)::integer AS count, min(id) AS lone, avg(mx) AS mx, avg(my) AS my
			FROM q WHERE tx >= 0 AND tx < 4096 AND ty >= 0 AND ty < 4096
			GROUP BY floor(tx * ${cells}::integer / 4096), floor(ty * ${cells}::integer / 4096), category
		)
		SELECT ST_AsMVT(t, ${layer}, 4096, 'geom') AS tile FROM (
			SELECT sq.category AS ${sql.ref(category)}, sq.count, ${own},
			       ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(sq.mx, sq.my), 3857), (SELECT env FROM bounds), 4096, 0, false) AS geom
			FROM squares sq LEFT JOIN ${sql.table(source.table)} s ON sq.count = 1 AND s.id = sq.lone
		) t WHERE t.geom IS NOT NULL`.execute(db);
	const tile = rows[0]?.tile;
	return tile ? new Uint8Array(tile) : new Uint8Array(0);
}

/** Every feature of a table layer as GeoJSON (WGS84), for geojson-vt. */
export async function layerFeatures(db: Kysely<Database>, source: TileSource): Promise<{ properties: Record<string, unknown>; geometry: unknown }[]> {
	const columns = selectList(source);
	const { rows } = await sql<Record<string, unknown>>`
		SELECT ${columns}, ST_AsGeoJSON(ST_Transform(s.geom, 4326), 7)::json AS geometry FROM ${sql.table(source.table)} s WHERE ${source.where ?? sql`true`}`.execute(db);
	return rows.map(({ geometry, ...properties }) => ({ properties, geometry: typeof geometry === 'string' ? JSON.parse(geometry) : geometry }));
}

/**
 * The version of a layer's table (bumped by a statement trigger on every change, migrations 0006
 * and 0007), so that a cached tile index is rebuilt as soon as its rows change rather than when
 * its time runs out; one indexed read.
 */
export async function layerVersion(db: Kysely<Database>, source: TileSource): Promise<string> {
	const row = await db.selectFrom('data_version').select('version').where('table_name', '=', source.table).executeTakeFirst();
	return String(row?.version ?? 0);
}
