/**
 * Before and after: a scenario's scores against the baseline's, cell by cell and site by site,
 * with the same method and parameters, both from the engine over held inputs. The baseline's
 * distances are cached and held, and a scenario only computes columns for sites it added or moved.
 */
import type { Kysely } from 'kysely';
import type { Feature, Polygon } from 'geojson';
import type { ComparisonProperties, ScenarioComparison, SiteComparison } from '../../contracts/scores';
import { describeSpec, scoreSpecParameters } from '../../domain/scoring/spec';
import type { Database } from '../db/schema';
import { ApiError } from '../http/errors';
import { getScenario } from '../scenarios/index';
import { prepareScores, scorePrepared, tidy, unitsOf, type ScoreRequest } from './service';

export type { ComparisonProperties, ScenarioComparison, SiteComparison } from '../../contracts/scores';

/** Differences smaller than this share of the largest score are "unchanged" (summation noise). */
const NOISE = 1e-9;

/** GET /api/scores/compare: a scenario against the baseline. */
export async function compareScenario(db: Kysely<Database>, request: ScoreRequest): Promise<ScenarioComparison> {
	if (!request.spec.scenario) throw new ApiError('bad_request', 'scenario is required: the id of the scenario to compare with the baseline.');
	const baselineRequest = { ...request, spec: { ...request.spec, scenario: null } };
	const baselinePrepared = await prepareScores(db, baselineRequest);
	const scenarioPrepared = await prepareScores(db, request);
	const started = performance.now();
	const [resultBefore, resultAfter] = [await scorePrepared(db, baselinePrepared), await scorePrepared(db, scenarioPrepared)];
	const scoringMs = performance.now() - started;
	const before = resultBefore.cells;
	const after = resultAfter.cells;
	const cells = baselinePrepared.inputs.grid.cells;
	const largest = Math.max(1e-12, ...before.map((c) => Math.abs(c.score)), ...after.map((c) => Math.abs(c.score)));
	let better = 0;
	let worse = 0;
	let largestGain = 0;
	let largestLoss = 0;
	let sum = 0;
	const features: Feature<Polygon, ComparisonProperties>[] = before.map((cell, i) => {
		const next = after[i]!;
		if (next.originId !== cell.originId) throw new Error('baseline and scenario cells disagree');
		const raw = next.score - cell.score;
		const difference = Math.abs(raw) <= NOISE * largest ? 0 : raw;
		if (difference > 0) better++;
		if (difference < 0) worse++;
		largestGain = Math.max(largestGain, difference);
		largestLoss = Math.min(largestLoss, difference);
		sum += difference;
		return {
			type: 'Feature',
			id: cell.originId,
			geometry: cells[i]!.geometry,
			properties: {
				cell: cell.originId,
				baseline: tidy(cell.score),
				scenario: tidy(next.score),
				difference: tidy(difference),
				baselineRank: cell.rank,
				scenarioRank: next.rank
			}
		};
	});
	const detail = await getScenario(db, request.spec.scenario);
	const names = new Map(detail.sitesList.map((s) => [s.id, s.name]));
	const baselineNames = new Map(baselinePrepared.inputs.sites.map((m) => [m.id, m.name]));
	const beforeById = new Map(resultBefore.sites.map((s) => [s.siteId, s]));
	const afterById = new Map(resultAfter.sites.map((s) => [s.siteId, s]));
	const siteIds = [...new Set([...beforeById.keys(), ...afterById.keys()])];
	const sites: SiteComparison[] = siteIds
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
