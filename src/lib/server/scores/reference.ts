/**
 * The TypeScript path: loads the same rows the SQL path reads (cells, published supply, sites,
 * opportunities, cached distances) and scores them with the pure engine in src/lib/domain/scoring.
 * It is the reference the SQL path is tested against, and it serves what needs the engine's
 * detail: explanations and the site view for every skill group at once.
 */
import { sql, type Kysely } from 'kysely';
import {
	cumulativeOpportunities,
	enhancedTwoStepFloatingCatchment,
	gravityAccessibility,
	travelTimesFromPairs,
	twoStepFloatingCatchment,
	type AccessibilityResult,
	type OriginSiteDistance,
	type ScoringInput,
	type TravelTimes
} from '../../domain/scoring';
import { metresPerMinute, type ScoreSpec } from '../../domain/scoring/spec';
import type { Database } from '../db/schema';
import { opportunityRows, siteRows } from './sites';
import { supplyRows, type ScoringContext } from './sql-scorer';

export interface LoadedSite {
	readonly id: string;
	readonly name: string;
	readonly kind: string;
	readonly status: string;
	/** Opportunities per skill group. */
	readonly opportunities: ReadonlyMap<string, number>;
}

export interface LoadedInputs {
	readonly cellIds: readonly string[];
	readonly sites: readonly LoadedSite[];
	readonly travel: TravelTimes;
}

/** Cells, sites with their opportunities, and the travel-time matrix for a spec's distance mode. */
export async function loadScoringInputs(db: Kysely<Database>, context: ScoringContext): Promise<LoadedInputs> {
	const { placeId, spec } = context;
	const source = { placeId, scenarioId: spec.scenario };
	const [cells, sites, opportunities, distances] = await Promise.all([
		sql<{ cell_id: string }>`SELECT cell_id FROM score_cell WHERE place_id = ${placeId} ORDER BY cell_id`.execute(db),
		sql<{ site_id: string; name: string; kind: string; status: string }>`
			SELECT site_id, name, kind, status FROM (${siteRows(source)}) s ORDER BY site_id`.execute(db),
		sql<{ site_id: string; skill_group_id: string; total: number }>`
			SELECT site_id, skill_group_id, SUM(count)::float8 AS total FROM (${opportunityRows(source)}) o GROUP BY site_id, skill_group_id`.execute(db),
		sql<{ cell_id: string; site_id: string; metres: number }>`
			SELECT d.cell_id, s.site_id, d.metres
			FROM travel_distance d JOIN (${siteRows(source)}) s ON s.site_key = d.site_key
			WHERE d.place_id = ${placeId} AND d.mode = ${spec.distance}`.execute(db)
	]);
	const bySite = new Map<string, Map<string, number>>();
	for (const row of opportunities.rows) {
		const map = bySite.get(row.site_id) ?? new Map<string, number>();
		map.set(row.skill_group_id, Number(row.total));
		bySite.set(row.site_id, map);
	}
	const cellIds = cells.rows.map((r) => r.cell_id);
	const siteList = sites.rows.map((r) => ({ id: r.site_id, name: r.name, kind: r.kind, status: r.status, opportunities: bySite.get(r.site_id) ?? new Map() }));
	const pairs: OriginSiteDistance[] = distances.rows.map((r) => ({ origin: r.cell_id, site: r.site_id, metres: Number(r.metres) }));
	const travel = travelTimesFromPairs(cellIds, siteList.map((s) => s.id), pairs, metresPerMinute(spec.speed));
	return { cellIds, sites: siteList, travel };
}

/** Published supply per cell for one layer, in `cellIds` order. */
export async function loadSupply(db: Kysely<Database>, placeId: string, layerKey: string, cellIds: readonly string[]): Promise<Float64Array> {
	const { rows } = await sql<{ cell_id: string; p: number }>`${supplyRows(placeId, layerKey)}`.execute(db);
	const byCell = new Map(rows.map((r) => [r.cell_id, Number(r.p)]));
	return Float64Array.from(cellIds, (id) => byCell.get(id) ?? 0);
}

/** O(j) of a skill group ('all' = every group) at a site. */
export function opportunitiesFor(site: LoadedSite, skill: string): number {
	if (skill !== 'all') return site.opportunities.get(skill) ?? 0;
	let total = 0;
	for (const count of site.opportunities.values()) total += count;
	return total;
}

/** Runs the spec's method on loaded inputs with one layer's supply. */
export function runEngine(spec: ScoreSpec, inputs: LoadedInputs, supply: Float64Array, skill: string = spec.skill): AccessibilityResult {
	const input: ScoringInput = {
		origins: inputs.cellIds.map((id, i) => ({ id, supply: supply[i] as number })),
		sites: inputs.sites.map((site) => ({ id: site.id, opportunities: opportunitiesFor(site, skill) })),
		travel: inputs.travel
	};
	switch (spec.method) {
		case 'cumulative':
			return cumulativeOpportunities(input, { thresholdMinutes: spec.thresholdMinutes });
		case 'gravity':
			return gravityAccessibility(input, { form: spec.gravityForm, halfWeightMinutes: spec.halfWeightMinutes });
		case '2sfca':
			return twoStepFloatingCatchment(input, { thresholdMinutes: spec.thresholdMinutes });
		case 'e2sfca':
			return enhancedTwoStepFloatingCatchment(input, { bands: spec.bands });
	}
}
