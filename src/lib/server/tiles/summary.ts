/**
 * GET /tiles/<layer>/summary.json: what a map needs besides the tiles of a large layer to draw it
 * (its legend's classes, its units and description, what was withheld), a few hundred bytes
 * instead of the whole layer as GeoJSON. Same parameters as the layer's tiles. The layer itself
 * comes from the services that serve /api/scores and /api/layers/resident-skills, so the summary
 * and the tiles describe the same numbers.
 */
import type { Kysely } from 'kysely';
import type { ResidentTileSummary, ScoreTileSummary, TileSummary } from '../../contracts/tiles';
import { valueDistribution } from '../../domain/tiles/distribution';
import type { Database, Role } from '../db/schema';
import { ApiError } from '../http/errors';
import { getResidentLayer } from '../published/layers';
import { getCellScores } from '../scores/service';
import { checkLayer, readinessParam, scoreRequestOf } from './index';

export async function getTileSummary(db: Kysely<Database>, layerName: string, params: URLSearchParams, viewer: Role | undefined): Promise<TileSummary> {
	const layer = checkLayer(layerName, params);
	if (layer === 'opportunity-scores') {
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the cells and the server's timing stay out of the summary
		const { type, features, timing, ...facts } = await getCellScores(db, scoreRequestOf(params, viewer));
		const shared: Record<string, number> = {};
		for (const f of features) shared[f.properties.rank] = (shared[f.properties.rank] ?? 0) + 1;
		const ties = Object.fromEntries(Object.entries(shared).filter(([, n]) => n > 1));
		const summary: ScoreTileSummary = { layer, ...facts, distribution: valueDistribution(features.map((f) => f.properties.score)), ties };
		return summary;
	}
	if (layer === 'resident-skills') {
		const place = params.get('place');
		if (!place) throw new ApiError('bad_request', 'place is required for resident-skills tiles.');
		const residents = await getResidentLayer(db, { placeId: place, skill: params.get('skill') ?? 'all', readiness: readinessParam(params) });
		const counts = residents.features.map((f) => f.properties.count).filter((c): c is number => c !== null && c > 0);
		const summary: ResidentTileSummary = {
			layer,
			filter: residents.filter,
			total: residents.total,
			k: residents.k,
			roundingBase: residents.roundingBase,
			synthetic: residents.synthetic,
			cells: counts.length,
			withheld: residents.features.length - counts.length,
			maxCount: counts.length ? Math.max(...counts) : null
		};
		return summary;
	}
	throw new ApiError('not_found', `Layer ${layer} has no summary; opportunity-scores and resident-skills do.`);
}
