/**
 * Before and after: a scenario's scores against the baseline's, cell by cell and site by site,
 * with the same method and parameters. Both sides come from the SQL path; the baseline's distances
 * are cached, and a scenario only computes columns for sites it added or moved.
 */
import { sql, type Kysely } from 'kysely';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { rankScores } from '../../domain/scoring/ranking';
import { describeSpec, scoreSpecParameters } from '../../domain/scoring/spec';
import type { Database } from '../db/schema';
import { ApiError } from '../http/errors';
import { getScenario, type ScenarioChange } from '../scenarios/index';
import { scoreCellsInDatabase, siteViewInDatabase } from './sql-scorer';
import { prepareScores, tidy, unitsOf, type ScoreRequest } from './service';

export interface ComparisonProperties {
	cell: string;
	baseline: number;
	scenario: number;
	difference: number;
	baselineRank: number;
	scenarioRank: number;
}

export interface SiteComparison {
	id: string;
	name: string;
	opportunitiesBefore: number;
	opportunitiesAfter: number;
	supplyPerOpportunityBefore: number | null;
	supplyPerOpportunityAfter: number | null;
}

export type ScenarioComparison = FeatureCollection<Polygon, ComparisonProperties> & {
	place: string;
	scenario: { id: string; name: string };
	parameters: Record<string, string>;
	description: string;
	units: string;
	summary: { cells: number; better: number; worse: number; unchanged: number; largestGain: number; largestLoss: number; meanDifference: number };
	sites: SiteComparison[];
	changes: ScenarioChange[];
	timing: { scenarioDistancesMs: number; scoringMs: number; computedSites: number };
};

/** Differences smaller than this share of the largest score are "unchanged" (summation noise). */
const NOISE = 1e-9;

/** GET /api/scores/compare: a scenario against the baseline. */
export async function compareScenario(db: Kysely<Database>, request: ScoreRequest): Promise<ScenarioComparison> {
	if (!request.spec.scenario) throw new ApiError('bad_request', 'scenario is required: the id of the scenario to compare with the baseline.');
	const baselineRequest = { ...request, spec: { ...request.spec, scenario: null } };
	const baselinePrepared = await prepareScores(db, baselineRequest);
	const scenarioPrepared = await prepareScores(db, request);
	const started = performance.now();
	const [before, after, sitesBefore, sitesAfter] = [
		await scoreCellsInDatabase(db, baselinePrepared.context),
		await scoreCellsInDatabase(db, scenarioPrepared.context),
		await siteViewInDatabase(db, baselinePrepared.context),
		await siteViewInDatabase(db, scenarioPrepared.context)
	];
	const scoringMs = performance.now() - started;
	const geometries = await sql<{ cell_id: string; geometry: Polygon | string }>`
		SELECT cell_id, ST_AsGeoJSON(geom, 6)::json AS geometry FROM score_cell WHERE place_id = ${request.placeId} ORDER BY cell_id`.execute(db);
	const rankBefore = rankScores(before.map((c) => c.score));
	const rankAfter = rankScores(after.map((c) => c.score));
	const largest = Math.max(1e-12, ...before.map((c) => Math.abs(c.score)), ...after.map((c) => Math.abs(c.score)));
	let better = 0;
	let worse = 0;
	let largestGain = 0;
	let largestLoss = 0;
	let sum = 0;
	const features: Feature<Polygon, ComparisonProperties>[] = before.map((cell, i) => {
		const next = after[i]!;
		if (next.cellId !== cell.cellId) throw new Error('baseline and scenario cells disagree');
		const raw = next.score - cell.score;
		const difference = Math.abs(raw) <= NOISE * largest ? 0 : raw;
		if (difference > 0) better++;
		if (difference < 0) worse++;
		largestGain = Math.max(largestGain, difference);
		largestLoss = Math.min(largestLoss, difference);
		sum += difference;
		const geometry = geometries.rows[i]!.geometry;
		return {
			type: 'Feature',
			id: cell.cellId,
			geometry: typeof geometry === 'string' ? JSON.parse(geometry) : geometry,
			properties: {
				cell: cell.cellId,
				baseline: tidy(cell.score),
				scenario: tidy(next.score),
				difference: tidy(difference),
				baselineRank: rankBefore[i]!.rank,
				scenarioRank: rankAfter[i]!.rank
			}
		};
	});
	const detail = await getScenario(db, request.spec.scenario);
	const names = new Map(detail.sitesList.map((s) => [s.id, s.name]));
	const baselineNames = new Map((await db.selectFrom('macro_asset').select(['id', 'name']).where('place_id', '=', request.placeId).execute()).map((m) => [m.id, m.name]));
	const beforeById = new Map(sitesBefore.map((s) => [s.siteId, s]));
	const afterById = new Map(sitesAfter.map((s) => [s.siteId, s]));
	const siteIds = [...new Set([...beforeById.keys(), ...afterById.keys()])];
	const sites = siteIds
		.map((id) => {
			const b = beforeById.get(id);
			const a = afterById.get(id);
			return {
				id,
				name: names.get(id) ?? baselineNames.get(id) ?? id,
				opportunitiesBefore: b?.opportunities ?? 0,
				opportunitiesAfter: a?.opportunities ?? 0,
				supplyPerOpportunityBefore: b?.supplyRatio == null ? null : tidy(b.supplyRatio),
				supplyPerOpportunityAfter: a?.supplyRatio == null ? null : tidy(a.supplyRatio)
			};
		})
		.sort((x, y) => x.name.localeCompare(y.name));
	return {
		type: 'FeatureCollection',
		place: request.placeId,
		scenario: scenarioPrepared.scenario!,
		parameters: scoreSpecParameters(request.spec),
		description: describeSpec(request.spec),
		units: unitsOf(request.spec),
		summary: {
			cells: features.length,
			better,
			worse,
			unchanged: features.length - better - worse,
			largestGain: tidy(largestGain),
			largestLoss: tidy(largestLoss),
			meanDifference: tidy(features.length ? sum / features.length : 0)
		},
		sites,
		changes: detail.changes,
		timing: { scenarioDistancesMs: Math.round(scenarioPrepared.travel.milliseconds), scoringMs: Math.round(scoringMs), computedSites: scenarioPrepared.travel.computedSites },
		features
	};
}
