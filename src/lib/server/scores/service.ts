/**
 * Opportunity scores for the API, the CLI, the tiles and the OGC collection: checks the request
 * against the database (place, skill group, scenario, walking network), makes sure the published
 * layer, the grid and the cached distances exist, and scores with the pure engine in
 * src/lib/domain/scoring over inputs held in memory (held-inputs.ts), refreshed when the tables'
 * version counters move. SQL only loads inputs (queries.ts); every formula is the engine's.
 */
import type { Kysely } from 'kysely';
import type { Feature, Polygon } from 'geojson';
import type {
	CellExplanation,
	CellScoreProperties,
	DecileSummary,
	ExplainedContribution,
	ScenarioRef,
	ScoreLayer,
	SiteExplanation,
	SiteScore,
	SiteScores,
	SiteSupplyBand
} from '../../contracts/scores';
import { rankScores } from '../../domain/scoring/ranking';
import { describeSpec, scoreSpecParameters, type ScoreSpec } from '../../domain/scoring/spec';
import type { AccessibilityResult, TimeBand } from '../../domain/scoring/types';
import { SharedMemo } from '../cache/shared-memo';
import { config } from '../config';
import type { Database, Role } from '../db/schema';
import { ApiError } from '../http/errors';
import { ensurePublication } from '../restricted/publication';
import { PLANNING_ROLES } from '../auth/policy';
import { ensureScoreGrid, type ScoreGrid } from './grid';
import { gridSignature, heldInputs, heldSupply, holderOf, layerKeyOf, opportunitiesFor, runEngine, type EngineInputs } from './held-inputs';
import { LIVE_DATE, readScoreState, SCORE_INPUT_TABLES, type ScoreState } from './queries';
import { ensureTravelDistances, type TravelReport, type WalkingDistanceFunction } from './travel';

export type {
	CellExplanation,
	CellScoreProperties,
	DecileSummary,
	ExplainedContribution,
	ScoreLayer,
	SiteExplanation,
	SiteScore,
	SiteScores,
	SiteSkillView,
	SiteSupplyBand
} from '../../contracts/scores';

/** Roles that may see and use scenarios (planners' working drafts, not public). */
export const SCENARIO_ROLES = PLANNING_ROLES;

export interface ScoreRequest {
	readonly placeId: string;
	readonly spec: ScoreSpec;
	/** The caller's role; undefined for the public. */
	readonly viewer: Role | undefined;
}

/** A place and a spec, without a viewer: what the engine scores. */
export interface ScoringContext {
	readonly placeId: string;
	readonly spec: ScoreSpec;
}

export interface Prepared {
	readonly grid: ScoreGrid;
	readonly context: ScoringContext;
	readonly scenario: ScenarioRef | null;
	/** Distance columns computed for this request (0 sites when every column was cached). */
	readonly travel: TravelReport;
	/** The table versions the inputs were checked against, after any cache was filled. */
	readonly state: ScoreState;
	readonly inputs: EngineInputs;
}

function readState(db: Kysely<Database>, context: ScoringContext): Promise<ScoreState> {
	return readScoreState(db, { placeId: context.placeId, skill: context.spec.skill, scenarioId: context.spec.scenario });
}

/** Checks the request against what the database holds (place, skill group, who may see a scenario, a walking network). */
function validateScoreRequest(state: ScoreState, request: ScoreRequest): ScenarioRef | null {
	const { placeId, spec } = request;
	if (!state.placeExists) throw new ApiError('not_found', `There is no place "${placeId}" (see GET /api/places).`);
	if (!state.skillExists) throw new ApiError('bad_request', `skill must be "all" or a skill group id (see GET /api/skill-groups); "${spec.skill}" is not one.`);
	let scenario: ScenarioRef | null = null;
	if (spec.scenario) {
		if (!request.viewer || !SCENARIO_ROLES.includes(request.viewer)) {
			throw new ApiError(request.viewer ? 'forbidden' : 'unauthorized', 'Scenarios are visible to planners and administrators only; sign in as one.');
		}
		const row = state.scenario;
		if (!row || row.placeId !== placeId) throw new ApiError('not_found', `There is no scenario "${spec.scenario}" for place "${placeId}".`);
		scenario = { id: row.id, name: row.name };
	}
	if (spec.distance === 'walk' && !state.hasWalkingNetwork) {
		throw new ApiError('unprocessable', `distance=walk needs a walking network for place "${placeId}"; none is imported (npm run import -- osm <file.osm.pbf>). Use distance=straight.`);
	}
	return scenario;
}

/** Validates the request against the data, fills every cache the engine reads and holds its inputs. */
export async function prepareScores(db: Kysely<Database>, request: ScoreRequest): Promise<Prepared> {
	return prepareFrom(db, request, await readState(db, request));
}

async function prepareFrom(db: Kysely<Database>, request: ScoreRequest, seen: ScoreState): Promise<Prepared> {
	const { placeId, spec } = request;
	let state = seen;
	const scenario = validateScoreRequest(state, request);
	const cfg = config();
	let wrote = false;
	const publication = state.publication;
	if (!publication || publication.k !== cfg.privacyK || publication.roundingBase !== cfg.privacyRoundingBase) {
		await ensurePublication(db, placeId, { k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase });
		wrote = true;
	}
	// The grid is checked against the boundary once per version of the place and grid tables.
	const ensured = holderOf(db).ensuredGrids;
	let checked = ensured.get(placeId);
	if (!checked || checked.signature !== gridSignature(state.versions)) {
		const grid = await ensureScoreGrid(db, placeId);
		wrote = true;
		checked = { signature: '', srid: grid.srid, cellCount: grid.cellCount };
	}
	if (wrote) state = await readState(db, request);
	ensured.set(placeId, { ...checked, signature: gridSignature(state.versions) });
	const grid: ScoreGrid = { placeId, srid: checked.srid, cellCount: checked.cellCount };

	let travel: TravelReport = { computedSites: 0, milliseconds: 0 };
	// The router (and its graph library) loads only when someone asks for walking distances.
	const walking: WalkingDistanceFunction = async (executor, walkRequest) => (await import('../walking/distances')).walkingDistances(executor, walkRequest);
	const inputs = await heldInputs(db, spec, placeId, state.versions, async () => {
		travel = await ensureTravelDistances(db, grid, spec.distance, { placeId, scenarioId: spec.scenario }, walking);
	});
	return { grid, context: { placeId, spec }, scenario, travel, state, inputs };
}

/** Published supply for a layer of the prepared place, per grid cell. */
function supplyFor(db: Kysely<Database>, prepared: Prepared, spec: Pick<ScoreSpec, 'skill' | 'readiness'>): Promise<Float64Array> {
	return heldSupply(db, prepared.context.placeId, layerKeyOf(spec), prepared.inputs.grid, prepared.state.versions);
}

/**
 * The engine's raw result over what the database holds now, with the supply it read: nothing is
 * validated, built or computed (a site without cached distances reaches nobody). For tests and the
 * benchmark, which compare the engine with independent computations.
 */
export async function scoreHeldInputs(db: Kysely<Database>, context: ScoringContext): Promise<{ inputs: EngineInputs; supply: Float64Array; result: AccessibilityResult }> {
	const state = await readState(db, context);
	const inputs = await heldInputs(db, context.spec, context.placeId, state.versions);
	const supply = await heldSupply(db, context.placeId, layerKeyOf(context.spec), inputs.grid, state.versions);
	return { inputs, supply, result: runEngine(context.spec, inputs, supply) };
}

/**
 * A digest of everything a score layer depends on besides the spec: the version of each input
 * table (bumped by a statement trigger on every change, migration 0006), the date the live-opportunity
 * rule read (a vacancy closes at midnight without any statement), the database it came from and the
 * place's publication. Equal digests mean equal answers, so a computed layer can be served
 * again.
 */
function digestOf(state: ScoreState): string {
	// With the date the live-opportunity rule reads: a vacancy closing at midnight changes the answer.
	const versions = [...SCORE_INPUT_TABLES, LIVE_DATE].map((table) => `${table}:${state.versions[table] ?? 0}`).join(',');
	return [state.database, versions, state.publication?.stamp ?? ''].join('|');
}

/** The digest of a place's score inputs as the database holds them now (one statement). */
export async function scoreInputsDigest(db: Kysely<Database>, context: ScoringContext): Promise<string> {
	return digestOf(await readState(db, context));
}

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
	const state = await readState(db, request);
	validateScoreRequest(state, request);
	const keyOf = (digest: string) => `${request.placeId}?${new URLSearchParams(scoreSpecParameters(request.spec)).toString()}#${digest}`;
	const key = keyOf(digestOf(state));
	if (layerMemo.has(key)) return layerMemo.get(key, () => Promise.reject(new Error('unreachable: the layer is held')));
	// Nothing for these inputs yet: fill the caches, then key the layer by the digest of what they
	// now hold. (A digest taken before, say, a withdrawn publication was rebuilt, would match the
	// next withdrawal's too; only digests taken after preparing are ever stored.)
	const prepared = await prepareFrom(db, request, state);
	return layerMemo.get(keyOf(digestOf(prepared.state)), () => computeCellScores(db, request, prepared));
}

/**
 * Computed layers by spec and input digest: a room full of clients asking for one map costs one
 * computation, also when they all ask before the first answer is ready.
 */
const layerMemo = new SharedMemo<ScoreLayer>(32);

/** Forgets every computed layer (the held inputs stay): the benchmark's "uncached answer". */
export function forgetComputedLayers(): void {
	layerMemo.clear();
}

async function computeCellScores(db: Kysely<Database>, request: ScoreRequest, prepared: Prepared): Promise<ScoreLayer> {
	const supply = await supplyFor(db, prepared, request.spec);
	const started = performance.now();
	const result = runEngine(request.spec, prepared.inputs, supply);
	const scoringMs = performance.now() - started;
	const cells = prepared.inputs.grid.cells;
	const features: Feature<Polygon, CellScoreProperties>[] = result.cells.map((scored, i) => {
		const cell = cells[i]!;
		return {
			type: 'Feature',
			id: cell.id,
			geometry: cell.geometry,
			properties: { cell: cell.id, score: tidy(scored.score), rank: scored.rank, percentile: Math.round(scored.percentile * 10) / 10, imdDecile: cell.imdDecile }
		};
	});
	const values = result.cells.map((c) => c.score);
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

/** GET /api/scores/sites: for each site, local supply per opportunity, overall and per skill group. */
export async function getSiteScores(db: Kysely<Database>, request: ScoreRequest): Promise<SiteScores> {
	const prepared = await prepareScores(db, request);
	const { spec } = request;
	const { inputs } = prepared;
	const overall = runEngine(spec, inputs, await supplyFor(db, prepared, spec)).sites;
	const skills = [...new Set(inputs.sites.flatMap((s) => [...s.opportunities.keys()]))].sort();
	const perSkill = new Map<string, AccessibilityResult>();
	for (const skill of skills) {
		perSkill.set(skill, runEngine({ ...spec, skill }, inputs, await supplyFor(db, prepared, { ...spec, skill }), skill));
	}
	const ratioOrder = overall.filter((r) => r.supplyRatio !== null).map((r) => r.supplyRatio as number);
	const ranks = rankScores(ratioOrder);
	const rankOf = new Map(overall.filter((r) => r.supplyRatio !== null).map((r, i) => [r.siteId, ranks[i]!.rank]));
	const sites: SiteScore[] = inputs.sites.map((site, j) => {
		const row = overall[j]!;
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

/** The band a travel time is shown in: the method's own, or a 10-minute step for gravity. */
function bandOf(band: TimeBand | null, minutes: number): TimeBand {
	return band ?? { fromMinutes: Math.floor(minutes / 10) * 10, toMinutes: Math.floor(minutes / 10) * 10 + 10 };
}

/** GET /api/scores/explain?cell=...: which sites and bands gave how much to a cell's score. */
export async function explainCell(db: Kysely<Database>, request: ScoreRequest, cellId: string): Promise<CellExplanation> {
	const prepared = await prepareScores(db, request);
	const { inputs } = prepared;
	const position = inputs.grid.rowOf.get(cellId);
	if (position === undefined) throw new ApiError('not_found', `Cell "${cellId}" is not one of place "${request.placeId}"'s score cells (ids look like hex250:-8:12; see GET /api/scores).`);
	const result = runEngine(request.spec, inputs, await supplyFor(db, prepared, request.spec));
	const sitesById = new Map(inputs.sites.map((s, j) => [s.id, { site: s, view: result.sites[j]! }]));
	const ratio = request.spec.method === '2sfca' || request.spec.method === 'e2sfca';
	const explained = result.explain(cellId);
	const contributions: ExplainedContribution[] = explained.map((c) => {
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
	for (const c of explained) {
		const band = bandOf(c.band, c.minutes);
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

/** GET /api/scores/explain?site=...: where a site's local supply comes from, band by band. */
export async function explainSite(db: Kysely<Database>, request: ScoreRequest, siteId: string): Promise<SiteExplanation> {
	const prepared = await prepareScores(db, request);
	const { inputs } = prepared;
	const j = inputs.sites.findIndex((s) => s.id === siteId);
	if (j < 0) throw new ApiError('not_found', `Site "${siteId}" is not in ${request.spec.scenario ? 'this scenario' : `place "${request.placeId}"`}.`);
	const supply = await supplyFor(db, prepared, request.spec);
	const result = runEngine(request.spec, inputs, supply);
	const site = inputs.sites[j]!;
	const view = result.sites[j]!;
	const bands = new Map<string, SiteSupplyBand>();
	// Cells in grid order, each with W > 0 for the site: the same terms, in the same order, as its demand.
	for (const reached of result.reach(siteId)) {
		const band = bandOf(reached.band, reached.minutes);
		const key = `${band.fromMinutes}-${band.toMinutes}`;
		const entry = bands.get(key) ?? { ...band, cells: 0, supply: 0, weight: reached.band ? reached.weight : null, weightedSupply: 0 };
		const cellSupply = supply[inputs.grid.rowOf.get(reached.originId)!] as number;
		entry.cells += 1;
		entry.supply += cellSupply;
		entry.weightedSupply += cellSupply * reached.weight;
		bands.set(key, entry);
	}
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

/** Supply and engine result for a prepared request, for the comparison of two sides. */
export async function scorePrepared(db: Kysely<Database>, prepared: Prepared): Promise<AccessibilityResult> {
	return runEngine(prepared.context.spec, prepared.inputs, await supplyFor(db, prepared, prepared.context.spec));
}

/**
 * The cells a site's catchment reaches under a request (weight above 0), and the grid's projected
 * CRS: what the gap's ring is drawn from.
 */
export async function siteCatchmentCells(db: Kysely<Database>, request: ScoreRequest, siteId: string): Promise<{ srid: number; cellIds: string[] }> {
	const prepared = await prepareScores(db, request);
	const result = await scorePrepared(db, prepared);
	if (!prepared.inputs.sites.some((s) => s.id === siteId)) throw new ApiError('not_found', `Site "${siteId}" is not in ${request.spec.scenario ? 'this scenario' : `place "${request.placeId}"`}.`);
	return { srid: prepared.grid.srid, cellIds: result.reach(siteId).map((r) => r.originId) };
}
