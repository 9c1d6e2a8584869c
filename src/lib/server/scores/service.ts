/**
 * Opportunity scores for the API, the CLI and the map: checks the request against the database
 * (place, skill group, scenario), makes sure the published layer, the grid and the cached distances
 * exist, scores in SQL, and shapes the answer. Ranks and percentiles are given by the domain's
 * rankScores for both paths, so they agree however the database summed.
 */
import { SharedMemo } from '../cache/shared-memo';
import { sql, type Kysely } from 'kysely';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { rankScores } from '../../domain/scoring/ranking';
import { describeSpec, scoreSpecParameters, type ScoreSpec } from '../../domain/scoring/spec';
import type { Contribution } from '../../domain/scoring/types';
import { config } from '../config';
import type { Database, Role } from '../db/schema';
import { ApiError } from '../http/errors';
import { ensurePublication } from '../restricted/publication';
import { PLANNING_ROLES } from '../auth/policy';
import { ensureScoreGrid, type ScoreGrid } from './grid';
import { loadScoringInputs, loadSupply, opportunitiesFor, runEngine } from './reference';
import { layerKeyOf, scoreCellsInDatabase, scoreInputsDigest, siteViewInDatabase, type ScoringContext } from './sql-scorer';
import { ensureTravelDistances, hasWalkingNetwork, type WalkingDistanceFunction } from './travel';

/** Roles that may see and use scenarios (planners' working drafts, not public). */
export const SCENARIO_ROLES = PLANNING_ROLES;

export interface ScoreRequest {
	readonly placeId: string;
	readonly spec: ScoreSpec;
	/** The caller's role; undefined for the public. */
	readonly viewer: Role | undefined;
}

export interface Prepared {
	readonly grid: ScoreGrid;
	readonly context: ScoringContext;
	readonly scenario: { id: string; name: string } | null;
	readonly travel: { computedSites: number; milliseconds: number };
}

/** Checks the request against the data (place, skill group, who may see a scenario, a walking network). */
async function validateScoreRequest(db: Kysely<Database>, request: ScoreRequest): Promise<Prepared['scenario']> {
	const { placeId, spec } = request;
	const place = await db.selectFrom('place').select('id').where('id', '=', placeId).executeTakeFirst();
	if (!place) throw new ApiError('not_found', `There is no place "${placeId}" (see GET /api/places).`);
	if (spec.skill !== 'all') {
		const skill = await db.selectFrom('skill_group').select('id').where('id', '=', spec.skill).executeTakeFirst();
		if (!skill) throw new ApiError('bad_request', `skill must be "all" or a skill group id (see GET /api/skill-groups); "${spec.skill}" is not one.`);
	}
	let scenario: Prepared['scenario'] = null;
	if (spec.scenario) {
		if (!request.viewer || !SCENARIO_ROLES.includes(request.viewer)) {
			throw new ApiError(request.viewer ? 'forbidden' : 'unauthorized', 'Scenarios are visible to planners and administrators only; sign in as one.');
		}
		const row = await db.selectFrom('scenario').select(['id', 'name', 'place_id']).where('id', '=', spec.scenario).executeTakeFirst();
		if (!row || row.place_id !== placeId) throw new ApiError('not_found', `There is no scenario "${spec.scenario}" for place "${placeId}".`);
		scenario = { id: row.id, name: row.name };
	}
	if (spec.distance === 'walk' && !(await hasWalkingNetwork(db, placeId))) {
		throw new ApiError('unprocessable', `distance=walk needs a walking network for place "${placeId}"; none is imported (npm run import -- osm <file.osm.pbf>). Use distance=straight.`);
	}
	return scenario;
}

/** Validates the request against the data and fills every cache the scoring query reads. */
export async function prepareScores(db: Kysely<Database>, request: ScoreRequest): Promise<Prepared> {
	const { placeId, spec } = request;
	const scenario = await validateScoreRequest(db, request);
	const cfg = config();
	await ensurePublication(db, placeId, { k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase });
	const grid = await ensureScoreGrid(db, placeId);
	// The router (and its graph library) loads only when someone asks for walking distances.
	const walking: WalkingDistanceFunction = async (executor, walkRequest) => (await import('../walking/distances')).walkingDistances(executor, walkRequest);
	const travel = await ensureTravelDistances(db, grid, spec.distance, { placeId, scenarioId: spec.scenario }, walking);
	return { grid, context: { placeId, spec }, scenario, travel };
}

export interface CellScoreProperties {
	cell: string;
	score: number;
	rank: number;
	percentile: number;
	/** IMD 2019 decile of the LSOA holding the cell centre (1 = most deprived), when loaded. */
	imdDecile: number | null;
}

export interface DecileSummary {
	decile: number;
	cells: number;
	meanScore: number;
	medianScore: number;
}

export type ScoreLayer = FeatureCollection<Polygon, CellScoreProperties> & {
	place: string;
	parameters: Record<string, string>;
	description: string;
	units: string;
	scenario: { id: string; name: string } | null;
	supply: string;
	summary: { cells: number; min: number; max: number; mean: number; byImdDecile: DecileSummary[] | null };
	timing: { distancesMs: number; scoringMs: number; computedSites: number };
};

export function unitsOf(spec: ScoreSpec): string {
	switch (spec.method) {
		case 'cumulative':
			return 'opportunities in reach';
		case 'gravity':
			return 'distance-weighted opportunities';
		default:
			return 'opportunities per local resident with the skills';
	}
}

const SUPPLY_NOTE =
	'Local supply is the published resident layer (counts rounded to 5, cells under the threshold withheld, coarse cells spread evenly over their 250 m cells), never person-level records.';

/** Rounds for output only; ranks are computed before rounding. */
export function tidy(value: number): number {
	return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(6));
}

interface CellGeometryRow {
	cell_id: string;
	geometry: Polygon;
	imd_decile: number | null;
}

async function cellGeometries(db: Kysely<Database>, placeId: string): Promise<CellGeometryRow[]> {
	const hasImd = await db.selectFrom('reference_area').select('id').where('area_type', '=', 'lsoa').where('imd_decile', 'is not', null).limit(1).executeTakeFirst();
	const { rows } = hasImd
		? await sql<CellGeometryRow>`
			SELECT c.cell_id, ST_AsGeoJSON(c.geom, 6)::json AS geometry, imd.imd_decile
			FROM score_cell c
			LEFT JOIN LATERAL (SELECT r.imd_decile FROM reference_area r
			                   WHERE r.area_type = 'lsoa' AND r.imd_decile IS NOT NULL AND ST_Intersects(r.geom, ST_Transform(c.centre, 4326))
			                   ORDER BY r.imd_year DESC NULLS LAST, r.code LIMIT 1) imd ON true
			WHERE c.place_id = ${placeId} ORDER BY c.cell_id`.execute(db)
		: await sql<CellGeometryRow>`
			SELECT cell_id, ST_AsGeoJSON(geom, 6)::json AS geometry, NULL::smallint AS imd_decile
			FROM score_cell WHERE place_id = ${placeId} ORDER BY cell_id`.execute(db);
	return rows.map((r) => ({ ...r, geometry: typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry }));
}

function median(sorted: readonly number[]): number {
	if (sorted.length === 0) return 0;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function summariseByDecile(scores: readonly { score: number; imdDecile: number | null }[]): DecileSummary[] | null {
	const byDecile = new Map<number, number[]>();
	for (const { score, imdDecile } of scores) {
		if (imdDecile === null) continue;
		const list = byDecile.get(imdDecile) ?? [];
		list.push(score);
		byDecile.set(imdDecile, list);
	}
	if (byDecile.size === 0) return null;
	return [...byDecile.entries()]
		.sort(([a], [b]) => a - b)
		.map(([decile, list]) => {
			const sorted = [...list].sort((a, b) => a - b);
			return { decile, cells: list.length, meanScore: tidy(list.reduce((s, v) => s + v, 0) / list.length), medianScore: tidy(median(sorted)) };
		});
}

/** GET /api/scores: every cell of the place with its score, rank and percentile. */
export async function getCellScores(db: Kysely<Database>, request: ScoreRequest): Promise<ScoreLayer> {
	// The digest covers every input (publication, sites and their shapes, opportunities, network,
	// areas, boundary), so a layer already computed for it is served after one query; the grid,
	// publication and distance caches are filled only when something changed.
	await validateScoreRequest(db, request);
	const context = { placeId: request.placeId, spec: request.spec };
	const keyOf = (digest: string) => `${request.placeId}?${new URLSearchParams(scoreSpecParameters(request.spec)).toString()}#${digest}`;
	let key = keyOf(await scoreInputsDigest(db, context));
	let prepared: Prepared | undefined;
	if (!layerMemo.has(key)) {
		// Nothing for these inputs yet: fill the caches, then key the layer by the digest of what
		// they now hold. (A digest taken before, say, a withdrawn publication was rebuilt, would
		// match the next withdrawal's too; only digests taken after preparing are ever stored.)
		prepared = await prepareScores(db, request);
		key = keyOf(await scoreInputsDigest(db, context));
	}
	return layerMemo.get(key, async () => computeCellScores(db, request, prepared ?? (await prepareScores(db, request))));
}

/**
 * Computed layers by spec and input digest: a room full of clients asking for one map costs one
 * computation, also when they all ask before the first answer is ready.
 */
const layerMemo = new SharedMemo<ScoreLayer>(32);

async function computeCellScores(db: Kysely<Database>, request: ScoreRequest, prepared: Prepared): Promise<ScoreLayer> {
	const started = performance.now();
	const scores = await scoreCellsInDatabase(db, prepared.context);
	const scoringMs = performance.now() - started;
	const standing = rankScores(scores.map((s) => s.score));
	const geometries = await cellGeometries(db, request.placeId);
	const features: Feature<Polygon, CellScoreProperties>[] = scores.map((row, i) => {
		const cell = geometries[i];
		if (!cell || cell.cell_id !== row.cellId) throw new Error(`score and geometry rows disagree at ${i}`);
		const { rank, percentile } = standing[i]!;
		return {
			type: 'Feature',
			id: row.cellId,
			geometry: cell.geometry,
			properties: { cell: row.cellId, score: tidy(row.score), rank, percentile: Math.round(percentile * 10) / 10, imdDecile: cell.imd_decile === null ? null : Number(cell.imd_decile) }
		};
	});
	const values = scores.map((s) => s.score);
	return {
		type: 'FeatureCollection',
		place: request.placeId,
		parameters: scoreSpecParameters(request.spec),
		description: describeSpec(request.spec),
		units: unitsOf(request.spec),
		scenario: prepared.scenario,
		supply: SUPPLY_NOTE,
		summary: {
			cells: values.length,
			min: tidy(values.length ? Math.min(...values) : 0),
			max: tidy(values.length ? Math.max(...values) : 0),
			mean: tidy(values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0),
			byImdDecile: summariseByDecile(features.map((f) => ({ score: f.properties.score, imdDecile: f.properties.imdDecile })))
		},
		timing: { distancesMs: Math.round(prepared.travel.milliseconds), scoringMs: Math.round(scoringMs), computedSites: prepared.travel.computedSites },
		features
	};
}

export interface SiteSkillView {
	skill: string;
	opportunities: number;
	/** Σ_k P(k)·W(d(k,j)) from the published layer of that skill. */
	localSupply: number;
	/** localSupply / opportunities: local residents with the skills per opportunity. */
	supplyPerOpportunity: number | null;
}

export interface SiteScore {
	id: string;
	name: string;
	kind: string;
	status: string;
	opportunities: number;
	localSupply: number;
	supplyPerOpportunity: number | null;
	/** Rank among sites with opportunities by supply per opportunity, 1 = most local talent per post. */
	rank: number | null;
	bySkillGroup: SiteSkillView[];
}

export interface SiteScores {
	place: string;
	parameters: Record<string, string>;
	description: string;
	scenario: { id: string; name: string } | null;
	supply: string;
	sites: SiteScore[];
}

/** GET /api/scores/sites: for each site, local supply per opportunity, overall and per skill group. */
export async function getSiteScores(db: Kysely<Database>, request: ScoreRequest): Promise<SiteScores> {
	const prepared = await prepareScores(db, request);
	const { spec } = request;
	const inputs = await loadScoringInputs(db, prepared.context);
	const overall = await siteViewInDatabase(db, prepared.context);
	const skills = [...new Set(inputs.sites.flatMap((s) => [...s.opportunities.keys()]))].sort();
	const perSkill = new Map<string, ReturnType<typeof runEngine>>();
	for (const skill of skills) {
		const supply = await loadSupply(db, request.placeId, layerKeyOf({ ...spec, skill }), inputs.cellIds);
		perSkill.set(skill, runEngine({ ...spec, skill }, inputs, supply, skill));
	}
	const byId = new Map(overall.map((row) => [row.siteId, row]));
	const ratioOrder = overall.filter((r) => r.supplyRatio !== null).map((r) => r.supplyRatio as number);
	const ranks = rankScores(ratioOrder);
	const rankOf = new Map(overall.filter((r) => r.supplyRatio !== null).map((r, i) => [r.siteId, ranks[i]!.rank]));
	const sites = inputs.sites.map((site, j) => {
		const row = byId.get(site.id)!;
		return {
			id: site.id,
			name: site.name,
			kind: site.kind,
			status: site.status,
			opportunities: row.opportunities,
			localSupply: tidy(row.demand),
			supplyPerOpportunity: row.supplyRatio === null ? null : tidy(row.supplyRatio),
			rank: rankOf.get(site.id) ?? null,
			bySkillGroup: skills
				.filter((skill) => opportunitiesFor(site, skill) > 0)
				.map((skill) => {
					const view = perSkill.get(skill)!.sites[j]!;
					return { skill, opportunities: view.opportunities, localSupply: tidy(view.demand), supplyPerOpportunity: view.supplyRatio === null ? null : tidy(view.supplyRatio) };
				})
		};
	});
	return { place: request.placeId, parameters: scoreSpecParameters(spec), description: describeSpec(spec), scenario: prepared.scenario, supply: SUPPLY_NOTE, sites };
}

export interface ExplainedContribution {
	siteId: string;
	siteName: string;
	minutes: number;
	band: { fromMinutes: number; toMinutes: number } | null;
	weight: number;
	opportunities: number;
	/** Σ_k P(k)·W(d(k,j)) from published counts; null for cumulative and gravity, which ignore it. */
	localSupply: number | null;
	/** O(j), or R(j) = O(j) / local supply for 2SFCA and E2SFCA. */
	siteValue: number;
	contribution: number;
}

export interface CellExplanation {
	cell: string;
	place: string;
	parameters: Record<string, string>;
	description: string;
	units: string;
	score: number;
	rank: number;
	percentile: number;
	contributions: ExplainedContribution[];
	byBand: { fromMinutes: number; toMinutes: number; contribution: number; sites: number }[];
	supply: string;
}

/** GET /api/scores/explain?cell=...: which sites and bands gave how much to a cell's score. */
export async function explainCell(db: Kysely<Database>, request: ScoreRequest, cellId: string): Promise<CellExplanation> {
	const prepared = await prepareScores(db, request);
	const inputs = await loadScoringInputs(db, prepared.context);
	const position = inputs.cellIds.indexOf(cellId);
	if (position < 0) throw new ApiError('not_found', `Cell "${cellId}" is not one of place "${request.placeId}"'s score cells (ids look like hex250:-8:12; see GET /api/scores).`);
	const supply = await loadSupply(db, request.placeId, layerKeyOf(request.spec), inputs.cellIds);
	const result = runEngine(request.spec, inputs, supply);
	const sitesById = new Map(inputs.sites.map((s, j) => [s.id, { site: s, view: result.sites[j]! }]));
	const ratio = request.spec.method === '2sfca' || request.spec.method === 'e2sfca';
	const contributions = result.explain(cellId).map((c: Contribution) => {
		const { site, view } = sitesById.get(c.siteId)!;
		return {
			siteId: c.siteId,
			siteName: site.name,
			minutes: tidy(c.minutes),
			band: c.band,
			weight: tidy(c.weight),
			opportunities: view.opportunities,
			localSupply: ratio ? tidy(view.demand) : null,
			siteValue: tidy(c.siteValue),
			contribution: tidy(c.contribution)
		};
	});
	const bands = new Map<string, { fromMinutes: number; toMinutes: number; contribution: number; sites: number }>();
	for (const c of result.explain(cellId)) {
		const band = c.band ?? { fromMinutes: Math.floor(c.minutes / 10) * 10, toMinutes: Math.floor(c.minutes / 10) * 10 + 10 };
		const key = `${band.fromMinutes}-${band.toMinutes}`;
		const entry = bands.get(key) ?? { ...band, contribution: 0, sites: 0 };
		entry.contribution += c.contribution;
		entry.sites += 1;
		bands.set(key, entry);
	}
	const cell = result.cells[position]!;
	return {
		cell: cellId,
		place: request.placeId,
		parameters: scoreSpecParameters(request.spec),
		description: describeSpec(request.spec),
		units: unitsOf(request.spec),
		score: tidy(cell.score),
		rank: cell.rank,
		percentile: Math.round(cell.percentile * 10) / 10,
		contributions,
		byBand: [...bands.values()].sort((a, b) => a.fromMinutes - b.fromMinutes).map((b) => ({ ...b, contribution: tidy(b.contribution) })),
		supply: SUPPLY_NOTE
	};
}

export interface SiteExplanation {
	site: { id: string; name: string; kind: string; status: string };
	place: string;
	parameters: Record<string, string>;
	description: string;
	opportunities: number;
	opportunitiesBySkillGroup: { skill: string; opportunities: number }[];
	localSupply: number;
	supplyPerOpportunity: number | null;
	/** Published supply in reach, band by band (10-minute steps for gravity). */
	byBand: { fromMinutes: number; toMinutes: number; cells: number; supply: number; weight: number | null; weightedSupply: number }[];
	supply: string;
}

/** GET /api/scores/explain?site=...: where a site's local supply comes from, band by band. */
export async function explainSite(db: Kysely<Database>, request: ScoreRequest, siteId: string): Promise<SiteExplanation> {
	const prepared = await prepareScores(db, request);
	const inputs = await loadScoringInputs(db, prepared.context);
	const j = inputs.sites.findIndex((s) => s.id === siteId);
	if (j < 0) throw new ApiError('not_found', `Site "${siteId}" is not in ${request.spec.scenario ? 'this scenario' : `place "${request.placeId}"`}.`);
	const supply = await loadSupply(db, request.placeId, layerKeyOf(request.spec), inputs.cellIds);
	const result = runEngine(request.spec, inputs, supply);
	const site = inputs.sites[j]!;
	const view = result.sites[j]!;
	const column = inputs.travel.siteIndex.get(siteId)!;
	const stride = inputs.travel.siteIds.length;
	const bands = new Map<string, { fromMinutes: number; toMinutes: number; cells: number; supply: number; weight: number | null; weightedSupply: number }>();
	inputs.cellIds.forEach((cellId, i) => {
		const minutes = inputs.travel.minutes[i * stride + column] as number;
		const explained = result.explain(cellId).find((c) => c.siteId === siteId);
		if (!explained) return;
		const band = explained.band ?? { fromMinutes: Math.floor(minutes / 10) * 10, toMinutes: Math.floor(minutes / 10) * 10 + 10 };
		const key = `${band.fromMinutes}-${band.toMinutes}`;
		const entry = bands.get(key) ?? { ...band, cells: 0, supply: 0, weight: explained.band ? explained.weight : null, weightedSupply: 0 };
		entry.cells += 1;
		entry.supply += supply[i] as number;
		entry.weightedSupply += (supply[i] as number) * explained.weight;
		bands.set(key, entry);
	});
	return {
		site: { id: site.id, name: site.name, kind: site.kind, status: site.status },
		place: request.placeId,
		parameters: scoreSpecParameters(request.spec),
		description: describeSpec(request.spec),
		opportunities: view.opportunities,
		opportunitiesBySkillGroup: [...site.opportunities.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([skill, opportunities]) => ({ skill, opportunities })),
		localSupply: tidy(view.demand),
		supplyPerOpportunity: view.supplyRatio === null ? null : tidy(view.supplyRatio),
		byBand: [...bands.values()].sort((a, b) => a.fromMinutes - b.fromMinutes).map((b) => ({ ...b, supply: tidy(b.supply), weightedSupply: tidy(b.weightedSupply) })),
		supply: SUPPLY_NOTE
	};
}
