/**
 * The origin–destination distance matrix, cached per (place, mode, site geometry). A site's column
 * is computed once — straight-line metres in the place's projected CRS by ST_Distance (0 inside the
 * site), or walking metres over the imported network — and reused by every method, skill group,
 * opportunity change and scenario that has a site with the same geometry. Only a new or moved site
 * costs a computation.
 */
import { sql, type Kysely } from 'kysely';
import type { DistanceMode } from '../../domain/scoring/spec';
import type { Database } from '../db/schema';
import { ApiError } from '../http/errors';
import type { ScoreGrid } from './grid';
import { siteRows, type SiteSource } from './sites';

/** Computes walking metres for some sites; see src/lib/server/walking. */
export type WalkingDistanceFunction = (
	db: Kysely<Database>,
	request: { placeId: string; origins: { id: string; x: number; y: number }[]; sites: { key: string; geojson: string }[] }
) => Promise<{ networkId: string; distances: { originId: string; siteKey: string; metres: number }[] }>;

export interface TravelReport {
	/** Site columns that had to be computed now (0 when everything came from the cache). */
	readonly computedSites: number;
	readonly milliseconds: number;
}

const INSERT_BATCH = 20_000;

/** Makes sure every site of `source` has its column of distances for `mode`. */
export async function ensureTravelDistances(
	db: Kysely<Database>,
	grid: ScoreGrid,
	mode: DistanceMode,
	source: SiteSource,
	walking: WalkingDistanceFunction
): Promise<TravelReport> {
	const started = performance.now();
	const missing = async (executor: Kysely<Database>) =>
		(
			await sql<{ site_key: string; geojson: string }>`
				SELECT DISTINCT ON (s.site_key) s.site_key, ST_AsGeoJSON(s.geom) AS geojson
				FROM (${siteRows(source)}) s
				WHERE NOT EXISTS (SELECT 1 FROM travel_site t
				                  WHERE t.place_id = ${grid.placeId} AND t.mode = ${mode} AND t.site_key = s.site_key)
				ORDER BY s.site_key`.execute(executor)
		).rows;
	if ((await missing(db)).length === 0) return { computedSites: 0, milliseconds: performance.now() - started };

	return db.transaction().execute(async (trx) => {
		await sql`SELECT pg_advisory_xact_lock(727213, hashtext(${grid.placeId + '/' + mode}))`.execute(trx);
		const sites = await missing(trx);
		if (sites.length === 0) return { computedSites: 0, milliseconds: performance.now() - started };
		const keys = sites.map((s) => s.site_key);
		if (mode === 'straight') {
			await sql`
				INSERT INTO travel_site (place_id, mode, site_key) SELECT ${grid.placeId}, 'straight', k FROM unnest(${keys}::text[]) AS k`.execute(trx);
			await sql`
				INSERT INTO travel_distance (place_id, mode, site_key, cell_id, metres)
				SELECT c.place_id, 'straight', s.site_key, c.cell_id, ST_Distance(c.centre, ST_Transform(s.geom, ${grid.srid}::integer))
				FROM (SELECT DISTINCT ON (site_key) site_key, geom FROM (${siteRows(source)}) x WHERE site_key = ANY(${keys}::text[])) s
				CROSS JOIN score_cell c
				WHERE c.place_id = ${grid.placeId}`.execute(trx);
		} else {
			const origins = (
				await sql<{ id: string; x: number; y: number }>`
					SELECT cell_id AS id, ST_X(centre) AS x, ST_Y(centre) AS y FROM score_cell WHERE place_id = ${grid.placeId} ORDER BY cell_id`.execute(trx)
			).rows.map((r) => ({ id: r.id, x: Number(r.x), y: Number(r.y) }));
			let result: Awaited<ReturnType<WalkingDistanceFunction>>;
			try {
				result = await walking(trx, { placeId: grid.placeId, origins, sites: sites.map((s) => ({ key: s.site_key, geojson: s.geojson })) });
			} catch (err) {
				if (err instanceof ApiError) throw err;
				if (/no walking network|has no network/i.test((err as Error).message)) {
					throw new ApiError('unprocessable', `distance=walk needs a walking network for place "${grid.placeId}": import one with npm run import -- osm <file.osm.pbf>.`);
				}
				throw err;
			}
			await sql`
				INSERT INTO travel_site (place_id, mode, site_key, network_id, compute_ms)
				SELECT ${grid.placeId}, 'walk', k, ${result.networkId}::bigint, ${Math.round(performance.now() - started)} FROM unnest(${keys}::text[]) AS k`.execute(trx);
			const rows = result.distances;
			for (let start = 0; start < rows.length; start += INSERT_BATCH) {
				const batch = rows.slice(start, start + INSERT_BATCH);
				await sql`
					INSERT INTO travel_distance (place_id, mode, site_key, cell_id, metres)
					SELECT ${grid.placeId}, 'walk', k, c, m
					FROM unnest(${batch.map((r) => r.siteKey)}::text[], ${batch.map((r) => r.originId)}::text[], ${batch.map((r) => r.metres)}::float8[]) AS u (k, c, m)`.execute(trx);
			}
		}
		// Fresh statistics, or the planner guesses (PGlite never autovacuums): see sql-scorer.ts.
		await sql`ANALYZE travel_site, travel_distance`.execute(trx);
		return { computedSites: sites.length, milliseconds: performance.now() - started };
	});
}

/** Whether the place has a walking network to offer distance=walk. */
export async function hasWalkingNetwork(db: Kysely<Database>, placeId: string): Promise<boolean> {
	const row = await db.selectFrom('walk_network').select('id').where('place_id', '=', placeId).executeTakeFirst();
	return row !== undefined;
}
