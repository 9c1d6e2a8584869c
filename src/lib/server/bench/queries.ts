/**
 * Every SQL statement of the benchmark loads (score-load.ts): the synthetic place, its sites and
 * opportunities, the walking benchmark's extent and points, and public points for the map bench.
 * Parameterised; never used by the app.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, OpportunityTable } from '../db/schema';

type Db = Kysely<Database>;

export async function deletePlace(db: Db, placeId: string): Promise<void> {
	await db.deleteFrom('place').where('id', '=', placeId).execute();
}

/** The skill group ids in id order. */
export async function skillGroupIds(db: Db): Promise<string[]> {
	return (await db.selectFrom('skill_group').select('id').orderBy('id').execute()).map((s) => s.id);
}

/** A square place of side 2 × `halfMetres` centred on (lon, lat), measured in `srid`; returns its lower-left corner there. */
export async function insertSquarePlace(
	db: Db,
	place: { id: string; name: string; source: string; lon: number; lat: number; srid: number; halfMetres: number }
): Promise<{ xmin: number; ymin: number }> {
	await sql`
		INSERT INTO place (id, name, projected_srid, boundary, source)
		SELECT ${place.id}, ${place.name}, ${place.srid}::integer,
		       ST_Multi(ST_Transform(ST_Expand(ST_Transform(ST_SetSRID(ST_MakePoint(${place.lon}::float8, ${place.lat}::float8), 4326), ${place.srid}::integer), ${place.halfMetres}::float8), 4326)),
		       ${place.source}`.execute(db);
	const { rows } = await sql<{ xmin: number; ymin: number }>`
		SELECT ST_XMin(b) AS xmin, ST_YMin(b) AS ymin FROM (SELECT ST_Transform(boundary, ${place.srid}::integer) AS b FROM place WHERE id = ${place.id}) x`.execute(db);
	return { xmin: Number(rows[0]!.xmin), ymin: Number(rows[0]!.ymin) };
}

/** A planned site: a 60 m octagon around (x, y) in `srid`. */
export async function insertOctagonSite(db: Db, site: { id: string; placeId: string; name: string; kind: string; srid: number; x: number; y: number }): Promise<void> {
	await sql`
		INSERT INTO macro_asset (id, place_id, name, kind, status, geom, illustrative)
		VALUES (${site.id}, ${site.placeId}, ${site.name}, ${site.kind}, 'planned',
		        ST_Multi(ST_Transform(ST_Buffer(ST_SetSRID(ST_MakePoint(${site.x}::float8, ${site.y}::float8), ${site.srid}::integer), 60, 4), 4326)), '{jobs}')`.execute(db);
}

export async function insertOpportunities(db: Db, rows: readonly Insertable<OpportunityTable>[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 500) await db.insertInto('opportunity').values(rows.slice(start, start + 500)).execute();
}

/** The extent of a place's walking network in British National Grid metres. */
export async function walkNetworkExtent(db: Db, placeId: string): Promise<{ xmin: number; ymin: number; xmax: number; ymax: number }> {
	const { rows } = await sql<{ xmin: number; ymin: number; xmax: number; ymax: number }>`
		SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
		FROM (SELECT ST_Extent(n.geom)::geometry AS e FROM walk_node n JOIN walk_network w ON w.id = n.network_id WHERE w.place_id = ${placeId}) x`.execute(db);
	const box = rows[0]!;
	return { xmin: Number(box.xmin), ymin: Number(box.ymin), xmax: Number(box.xmax), ymax: Number(box.ymax) };
}

/** A point given in `srid` as WGS84 GeoJSON text. */
export async function pointGeoJson(db: Db, x: number, y: number, srid: number): Promise<string> {
	const { rows } = await sql<{ g: string }>`SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), ${srid}::integer), 4326)) AS g`.execute(db);
	return rows[0]!.g;
}

/** A place over a WGS84 envelope. */
export async function insertEnvelopePlace(db: Db, place: { id: string; name: string; srid: number; west: number; south: number; east: number; north: number }): Promise<void> {
	await sql`INSERT INTO place (id, name, projected_srid, boundary)
		VALUES (${place.id}, ${place.name}, ${place.srid}::integer, ST_Multi(ST_MakeEnvelope(${place.west}::float8, ${place.south}::float8, ${place.east}::float8, ${place.north}::float8, 4326)))`.execute(db);
}

/** `count` synthetic social enterprises spread over the bench place (public points for the map benchmark). */
export async function insertBenchEnterprises(db: Db, placeId: string, count: number, extent: { xmin: number; ymin: number }, sideMetres: number): Promise<void> {
	await sql`SELECT setseed(0.42)`.execute(db);
	await sql`
		INSERT INTO social_enterprise (id, place_id, name, consortium, synthetic, consent_to_publish, geom)
		SELECT 'bench-enterprise-' || n, ${placeId}, 'Benchmark enterprise ' || n || ' (synthetic)',
		       (ARRAY['health', 'social_care', 'food', 'creative_industries', 'retail', 'construction', 'tourism'])[1 + n % 7],
		       true, true,
		       ST_Transform(ST_SetSRID(ST_MakePoint(${extent.xmin}::float8 + random() * ${sideMetres}::float8, ${extent.ymin}::float8 + random() * ${sideMetres}::float8), 27700), 4326)
		FROM generate_series(1, ${count}::integer) AS n`.execute(db);
	await sql`ANALYZE social_enterprise`.execute(db);
}
