/**
 * The scoring engine's inputs held in memory, per database and place: the grid (cell ids, their
 * coarser hexagons, polygons and IMD deciles), the sites of the baseline and of each scenario with
 * their opportunities, the published supply of each resident layer, and the travel matrix as one
 * sparse column per site geometry. Loading these rows is what an answer used to cost (65–220 ms);
 * holding them leaves the arithmetic (about 1 ms for 1,067 cells × 50 sites).
 *
 * Each held thing is labelled with the versions of the tables it was read from (data_version,
 * bumped by a statement trigger on every change, migrations 0006/0007), read in the same statement
 * as the rows. A request reads the current versions once (readScoreState); anything whose tables
 * moved since is read again. So nothing is served from memory that the database no longer says.
 *
 * The matrix is sparse: only pairs within the widest catchment any request can name
 * (LARGEST_CATCHMENT_METRES, 9,600 m) are held for cumulative, 2SFCA and E2SFCA. Gravity has no
 * cut-off (see spec.ts), so it reads a site's whole column, held apart from the catchment column.
 */
import type { Kysely } from 'kysely';
import { filterKey } from '../../domain/privacy/filters';
import { scoreBySpec } from '../../domain/scoring/by-spec';
import { spreadPublishedSupply } from '../../domain/scoring/published-supply';
import { hasCatchment, LARGEST_CATCHMENT_METRES, metresPerMinute, type DistanceMode, type ScoreSpec } from '../../domain/scoring/spec';
import { sparseTravelTimes } from '../../domain/scoring/travel-times';
import type { AccessibilityResult, SparseTravelTimes, TravelColumn } from '../../domain/scoring/types';
import type { Database } from '../db/schema';
import { LIVE_DATE, loadGridCells, loadPublishedUnits, loadSites, loadTravelColumns, travelTablesOf, type GridCell, type SiteSource, type SourceSite, type TableVersions } from './queries';

type Db = Kysely<Database>;

/** The versions of `tables` as one comparable string. */
function signatureOf(versions: TableVersions, tables: readonly string[]): string {
	return tables.map((table) => `${table}:${versions[table] ?? 0}`).join(',');
}

/**
 * Values by key, each labelled with the versions of its tables; a lookup whose versions differ
 * loads again. Keeps the promise, so concurrent requests for one cold value share one load.
 */
class VersionedCache<T> {
	readonly #entries = new Map<string, { signature: string; value: Promise<T> }>();
	constructor(private readonly limit: number) {}

	get(key: string, tables: readonly string[], current: TableVersions, load: () => Promise<{ versions: TableVersions; value: T }>): Promise<T> {
		const wanted = signatureOf(current, tables);
		const hit = this.#entries.get(key);
		if (hit && hit.signature === wanted) {
			// Most recently used last, so the oldest is dropped first.
			this.#entries.delete(key);
			this.#entries.set(key, hit);
			return hit.value;
		}
		const loading = load();
		const entry = { signature: wanted, value: loading.then((loaded) => loaded.value) };
		if (this.#entries.size >= this.limit && !this.#entries.has(key)) this.#entries.delete(this.#entries.keys().next().value as string);
		this.#entries.set(key, entry);
		loading.then(
			// Labelled with what the rows were read at, which may be newer than the request's view.
			(loaded) => (entry.signature = signatureOf({ ...current, ...loaded.versions }, tables)),
			() => {
				if (this.#entries.get(key) === entry) this.#entries.delete(key);
			}
		);
		return entry.value;
	}
}

/** A place's grid as the engine and the map read it. */
export interface HeldGrid {
	readonly cells: readonly GridCell[];
	readonly cellIds: readonly string[];
	readonly rowOf: ReadonlyMap<string, number>;
}

/** One site geometry's cached distances, rows in grid order; minutes per speed made on first use. */
interface HeldColumn {
	readonly rows: Int32Array;
	readonly metres: Float64Array;
	readonly minutes: Map<number, Float64Array>;
}

interface HeldTravel {
	signature: string;
	readonly columns: Map<string, HeldColumn>;
}

const GRID_TABLES = ['place', 'score_grid', 'reference_area'] as const;
const SUPPLY_TABLES = ['place', 'score_grid', 'publication', 'published_unit'] as const;
// The baseline's live opportunities change at midnight too (a vacancy closes): LIVE_DATE is among its versions.
const BASELINE_SITE_TABLES = ['macro_asset', 'opportunity', LIVE_DATE] as const;
const SCENARIO_SITE_TABLES = ['scenario', 'scenario_site', 'scenario_opportunity'] as const;
/** About 60 bytes per held pair: 5,000 columns of 1,000 cells is 300 MB at most, far above any place here. */
const MAX_COLUMNS = 5_000;

/** Everything held for one database (one Kysely instance). */
class Holder {
	readonly grids = new VersionedCache<HeldGrid>(16);
	readonly sites = new VersionedCache<SourceSite[]>(64);
	readonly supply = new VersionedCache<Float64Array>(256);
	readonly travel = new Map<string, HeldTravel>();
	/** Grids checked against their place's boundary (ensureScoreGrid), by place, at these versions. */
	readonly ensuredGrids = new Map<string, { signature: string; srid: number; cellCount: number }>();
	columnCount = 0;
}

const holders = new WeakMap<object, Holder>();

export function holderOf(db: Db): Holder {
	let holder = holders.get(db);
	if (!holder) {
		holder = new Holder();
		holders.set(db, holder);
	}
	return holder;
}

/** Drops everything held for a database, so the next request reads its inputs again (the benchmark's cold case). */
export function forgetHeldInputs(db: Db): void {
	holders.delete(db);
}

/** The grid tables' signature, to know whether a checked grid still holds. */
export function gridSignature(versions: TableVersions): string {
	return signatureOf(versions, ['place', 'score_grid']);
}

export function heldGrid(db: Db, placeId: string, versions: TableVersions): Promise<HeldGrid> {
	return holderOf(db).grids.get(placeId, GRID_TABLES, versions, async () => {
		const { versions: read, cells } = await loadGridCells(db, placeId);
		return { versions: read, value: { cells, cellIds: cells.map((c) => c.id), rowOf: new Map(cells.map((c, i) => [c.id, i])) } };
	});
}

export function heldSites(db: Db, source: SiteSource, versions: TableVersions): Promise<SourceSite[]> {
	const tables = source.scenarioId === null ? BASELINE_SITE_TABLES : SCENARIO_SITE_TABLES;
	return holderOf(db).sites.get(`${source.placeId}/${source.scenarioId ?? 'baseline'}`, tables, versions, async () => {
		const { versions: read, sites } = await loadSites(db, source);
		return { versions: read, value: sites };
	});
}

/** The published layer a spec draws its supply from. */
export function layerKeyOf(spec: Pick<ScoreSpec, 'skill' | 'readiness'>): string {
	return filterKey({ skill: spec.skill, readiness: spec.readiness });
}

/** P(i) per grid cell from one published layer, spread by the domain's rule. */
export function heldSupply(db: Db, placeId: string, layerKey: string, grid: HeldGrid, versions: TableVersions): Promise<Float64Array> {
	return holderOf(db).supply.get(`${placeId}/${layerKey}`, SUPPLY_TABLES, versions, async () => {
		const { versions: read, units } = await loadPublishedUnits(db, placeId, layerKey);
		return { versions: read, value: spreadPublishedSupply(grid.cells, units) };
	});
}

function columnKey(siteKey: string, whole: boolean): string {
	return `${siteKey}/${whole ? 'whole' : 'reach'}`;
}

/**
 * The held columns for `siteKeys`, loading those not held. Keys with no cached distances at all
 * are returned in `uncomputed` (the caller may compute them and ask again).
 */
async function heldColumns(
	db: Db,
	request: { placeId: string; mode: DistanceMode; grid: HeldGrid; siteKeys: readonly string[]; whole: boolean; versions: TableVersions }
): Promise<{ columns: Map<string, HeldColumn>; uncomputed: string[] }> {
	const { placeId, mode, grid, whole } = request;
	const holder = holderOf(db);
	const signature = signatureOf(request.versions, travelTablesOf(mode));
	let held = holder.travel.get(`${placeId}/${mode}`);
	if (!held || held.signature !== signature) {
		holder.columnCount -= held?.columns.size ?? 0;
		held = { signature, columns: new Map() };
		holder.travel.set(`${placeId}/${mode}`, held);
	}
	const wanted = [...new Set(request.siteKeys)];
	const columns = new Map<string, HeldColumn>();
	const missing: string[] = [];
	for (const key of wanted) {
		const column = held.columns.get(columnKey(key, whole));
		if (column) columns.set(key, column);
		else missing.push(key);
	}
	if (missing.length === 0) return { columns, uncomputed: [] };

	const loaded = await loadTravelColumns(db, { placeId, mode, siteKeys: missing, withinMetres: whole ? null : LARGEST_CATCHMENT_METRES });
	// Rows read at other versions than the request's are used once and not held.
	const keep = loaded.columns.length > 0 && signatureOf({ ...request.versions, ...loaded.versions }, travelTablesOf(mode)) === signature;
	if (keep && holder.columnCount + loaded.columns.length > MAX_COLUMNS) {
		for (const entry of holder.travel.values()) holder.columnCount -= entry.columns.size;
		holder.travel.clear();
		holder.travel.set(`${placeId}/${mode}`, held);
		held.columns.clear();
	}
	for (const stored of loaded.columns) {
		const pairs: [number, number][] = [];
		stored.cellIds.forEach((cellId, k) => {
			const row = grid.rowOf.get(cellId);
			if (row !== undefined) pairs.push([row, stored.metres[k] as number]);
		});
		pairs.sort((a, b) => a[0] - b[0]);
		const column: HeldColumn = { rows: Int32Array.from(pairs, (p) => p[0]), metres: Float64Array.from(pairs, (p) => p[1]), minutes: new Map() };
		columns.set(stored.siteKey, column);
		if (keep) {
			held.columns.set(columnKey(stored.siteKey, whole), column);
			holder.columnCount++;
		}
	}
	return { columns, uncomputed: missing.filter((key) => !columns.has(key)) };
}

/** A column's minutes at a speed, computed as travelTimesFromPairs does (metres / metres per minute). */
function minutesOf(column: HeldColumn, speed: number): TravelColumn {
	let minutes = column.minutes.get(speed);
	if (!minutes) {
		minutes = column.metres.map((metres) => metres / speed);
		column.minutes.set(speed, minutes);
	}
	return { rows: column.rows, minutes };
}

/** The inputs one request scores: the grid, the sites and the sparse matrix between them. */
export interface EngineInputs {
	readonly grid: HeldGrid;
	readonly sites: readonly SourceSite[];
	readonly travel: SparseTravelTimes;
}

/**
 * Grid, sites and matrix for a spec, from memory where the versions allow. `compute` is called
 * when some site has no cached distances yet (a new or moved site); without it such a site has an
 * empty column (no pair in reach), which is what the database holds for it.
 */
export async function heldInputs(
	db: Db,
	spec: Pick<ScoreSpec, 'method' | 'distance' | 'speed' | 'scenario'>,
	placeId: string,
	versions: TableVersions,
	compute?: () => Promise<void>
): Promise<EngineInputs> {
	const grid = await heldGrid(db, placeId, versions);
	const sites = await heldSites(db, { placeId, scenarioId: spec.scenario }, versions);
	const request = { placeId, mode: spec.distance, grid, siteKeys: sites.map((s) => s.siteKey), whole: !hasCatchment(spec), versions };
	const first = await heldColumns(db, request);
	const columns = first.columns;
	let uncomputed = first.uncomputed;
	if (uncomputed.length > 0 && compute) {
		await compute();
		const more = await heldColumns(db, { ...request, siteKeys: uncomputed });
		for (const [key, column] of more.columns) columns.set(key, column);
		uncomputed = more.uncomputed;
	}
	const speed = metresPerMinute(spec.speed);
	const empty: TravelColumn = { rows: new Int32Array(0), minutes: new Float64Array(0) };
	const travel = sparseTravelTimes(
		grid.cellIds,
		sites.map((s) => s.id),
		sites.map((s) => {
			const column = columns.get(s.siteKey);
			return column ? minutesOf(column, speed) : empty;
		})
	);
	return { grid, sites, travel };
}

/** O(j) of a skill group ('all' = every group) at a site. */
export function opportunitiesFor(site: SourceSite, skill: string): number {
	if (skill !== 'all') return site.opportunities.get(skill) ?? 0;
	let total = 0;
	for (const count of site.opportunities.values()) total += count;
	return total;
}

/** The spec's method over held inputs with one layer's supply, for `skill` (default the spec's). */
export function runEngine(spec: ScoreSpec, inputs: EngineInputs, supply: Float64Array, skill: string = spec.skill): AccessibilityResult {
	return scoreBySpec(spec, {
		origins: inputs.grid.cellIds.map((id, i) => ({ id, supply: supply[i] as number })),
		sites: inputs.sites.map((site) => ({ id: site.id, opportunities: opportunitiesFor(site, skill) })),
		travel: inputs.travel
	});
}
