/**
 * The origin–destination distance cache, per (place, mode, site geometry). A site's column is
 * computed once — straight-line metres in the place's projected CRS by ST_Distance (0 inside the
 * site), or walking metres over the imported network — and reused by every method, skill group,
 * opportunity change and scenario that has a site with the same geometry. Only a new or moved site
 * costs a computation. The engine reads the cache into memory (held-inputs.ts); this fills it.
 */
import type { Kysely } from 'kysely';
import type { DistanceMode } from '../../domain/scoring/spec';
import type { Database } from '../db/schema';
import { ApiError } from '../http/errors';
import type { ScoreGrid } from './grid';
import { analyzeTravel, gridOrigins, insertStraightDistances, insertWalkDistances, lockTravelBuild, sitesWithoutDistances, type SiteSource } from './queries';

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

/** Makes sure every site of `source` has its column of distances for `mode`. */
export async function ensureTravelDistances(
	db: Kysely<Database>,
	grid: ScoreGrid,
	mode: DistanceMode,
	source: SiteSource,
	walking: WalkingDistanceFunction
): Promise<TravelReport> {
	const started = performance.now();
	if ((await sitesWithoutDistances(db, grid.placeId, mode, source)).length === 0) return { computedSites: 0, milliseconds: performance.now() - started };

	return db.transaction().execute(async (trx) => {
		await lockTravelBuild(trx, grid.placeId, mode);
		const sites = await sitesWithoutDistances(trx, grid.placeId, mode, source);
		if (sites.length === 0) return { computedSites: 0, milliseconds: performance.now() - started };
		const siteKeys = sites.map((s) => s.siteKey);
		if (mode === 'straight') {
			await insertStraightDistances(trx, { placeId: grid.placeId, srid: grid.srid, source, siteKeys });
		} else {
			const origins = await gridOrigins(trx, grid.placeId);
			let result: Awaited<ReturnType<WalkingDistanceFunction>>;
			try {
				result = await walking(trx, { placeId: grid.placeId, origins, sites: sites.map((s) => ({ key: s.siteKey, geojson: s.geojson })) });
			} catch (err) {
				if (err instanceof ApiError) throw err;
				if (/no walking network|has no network/i.test((err as Error).message)) {
					throw new ApiError('unprocessable', `distance=walk needs a walking network for place "${grid.placeId}": import one with npm run import -- osm <file.osm.pbf>.`);
				}
				throw err;
			}
			await insertWalkDistances(trx, { placeId: grid.placeId, networkId: result.networkId, computeMs: Math.round(performance.now() - started), siteKeys, distances: result.distances });
		}
		// Fresh statistics, or the planner guesses (PGlite never autovacuums).
		await analyzeTravel(trx);
		return { computedSites: sites.length, milliseconds: performance.now() - started };
	});
}
