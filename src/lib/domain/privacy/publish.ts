/**
 * The publishing pipeline every layer of resident data goes through before anyone but an
 * administrator sees it (DESIGN.md, Anonymisation rules):
 *   1. per filter, coarsen before suppressing (adaptive-partition.ts), then hide units under k;
 *   2. secondary suppression until no hidden value, sum of hidden values, or complement of two
 *      nested filters can be pinned to 1..k-1 (disclosure-audit.ts, secondary-suppression.ts);
 *   3. round what is released (rounding.ts).
 * Threshold k defaults to 10, as ONS secure research output checking and sdcSpatial
 * (`sdc_raster(min_count = 10)`) use, and may not go below 5 (DESIGN.md).
 */
import { adaptivePartition } from './adaptive-partition';
import { LEVELS, type CellHierarchy, type Level } from './cell-hierarchy';
import { buildCellTree } from './cell-tree';
import type { PublicationState } from './disclosure-audit';
import { countResidentsByFilter } from './filter-counts';
import { buildFilterLattice, filterIndex, type FilterKey, type ResidentFilter, type ResidentRecord } from './filters';
import { roundForRelease } from './rounding';
import { suppressUntilSafe, type SecondaryReason } from './secondary-suppression';

/** ONS / sdcSpatial default threshold. */
export const DEFAULT_K = 10;
/** DESIGN.md: configurable, never below 5. */
export const MIN_K = 5;
/** OpenSAFELY's rounding base. */
export const DEFAULT_ROUNDING_BASE = 5;

export interface PublishOptions {
	/** Threshold: no released figure, and nothing derivable from released figures, is in 1..k-1. */
	readonly k?: number;
	readonly roundingBase?: number;
	/** Every group a record may carry; each record has exactly one. */
	readonly skillGroups: readonly string[];
	/**
	 * Highest level a filter's cells are merged up to before small units are suppressed.
	 * 'hex1000' (default) leaves a map of 1 km units and the place total; 'place' applies the merge
	 * rule to the top as well, so one small 1 km unit folds the filter into a single place count.
	 */
	readonly coarsestLevel?: 'hex1000' | 'place';
}

export interface PublishedUnit {
	readonly id: string;
	readonly level: Level;
	/** Rounded to roundingBase; never in 1..k-1. */
	readonly count: number;
}

export interface PublishedLayer {
	readonly filter: ResidentFilter;
	/** Units with residents whose count is released, sorted by id. Empty units are not listed. */
	readonly units: readonly PublishedUnit[];
	/** Units with residents whose count is withheld, sorted by id; no counts. */
	readonly suppressedUnits: readonly string[];
	/** Rounded place total, 0 when the filter counts nobody, null when withheld. */
	readonly total: number | null;
}

export type SuppressionReason = 'primary' | SecondaryReason;

/** True count band of a withheld value, for administrators only. */
export type TrueCountBand = '1-4' | '5-9' | '10+';

export interface SuppressionRecordEntry {
	readonly filterKey: FilterKey;
	/** The unit, or the place id for a withheld place total. */
	readonly unitId: string;
	readonly level: Level;
	readonly reason: SuppressionReason;
	readonly trueCountBand: TrueCountBand;
}

/** Exact figures about what was withheld: administrators only, never in a public response. */
export interface PublicationSummary {
	/** Records in the input. */
	readonly records: number;
	/** Records lying in released units of the 'all'/'any' layer (the broadest map). */
	readonly recordsInPublishedUnits: number;
	readonly shareInPublishedUnits: number;
	/** The same over every layer: Σ counted records, Σ of those in released units, and the share. */
	readonly acrossLayers: { readonly counted: number; readonly inPublishedUnits: number; readonly share: number };
}

export interface Publication {
	readonly k: number;
	readonly roundingBase: number;
	/** Public part: one layer per filter, 'all' first, then groups in sorted order. */
	readonly layers: ReadonlyMap<FilterKey, PublishedLayer>;
	/** Administrators only: what was withheld and why. */
	readonly suppressionRecord: readonly SuppressionRecordEntry[];
	/** Administrators only. */
	readonly summary: PublicationSummary;
}

function bandOf(count: number): TrueCountBand {
	return count < 5 ? '1-4' : count < 10 ? '5-9' : '10+';
}

function validated(options: PublishOptions): { k: number; roundingBase: number; coarsestLevel: Level } {
	const k = options.k ?? DEFAULT_K;
	if (!Number.isInteger(k) || k < MIN_K) throw new Error(`k must be a whole number of at least ${MIN_K} (ONS/sdcSpatial practice is 10), got ${k}`);
	const roundingBase = options.roundingBase ?? DEFAULT_ROUNDING_BASE;
	if (!Number.isInteger(roundingBase) || roundingBase < 1) throw new Error(`roundingBase must be a whole number of at least 1, got ${roundingBase}`);
	return { k, roundingBase, coarsestLevel: options.coarsestLevel ?? 'hex1000' };
}

/**
 * Turns person-level records into the layers the public may see, one per filter.
 * Pure and deterministic: the same records in any order give the same publication.
 * @throws if k < 5, or a record's group is not in skillGroups, or its cell is unknown to the hierarchy.
 */
export function publishResidentLayers(records: readonly ResidentRecord[], hierarchy: CellHierarchy, options: PublishOptions): Publication {
	const { k, roundingBase, coarsestLevel } = validated(options);
	const lattice = buildFilterLattice(options.skillGroups);
	const filterCount = lattice.filters.length;

	if (records.length === 0) {
		const layers = new Map(lattice.filters.map((filter, f) => [lattice.keys[f]!, { filter, units: [], suppressedUnits: [], total: 0 }]));
		return { k, roundingBase, layers, suppressionRecord: [], summary: { records: 0, recordsInPublishedUnits: 0, shareInPublishedUnits: 1, acrossLayers: { counted: 0, inPublishedUnits: 0, share: 1 } } };
	}

	const tree = buildCellTree(
		records.map((record) => record.cell),
		hierarchy
	);
	const n = tree.size;
	const counts = countResidentsByFilter(records, tree, lattice);
	const isUnit = adaptivePartition(counts, filterCount, tree, k, coarsestLevel);

	const reasons = new Map<number, SuppressionReason>();
	const released = new Uint8Array(filterCount * n);
	for (let f = 0; f < filterCount; f++) {
		for (let node = 0; node < n; node++) {
			const at = f * n + node;
			const isPlaceTotal = node === tree.root;
			if (isUnit[at] !== 1 && !isPlaceTotal) continue;
			const count = counts[at]!;
			if (count >= k) released[at] = 1;
			else if (count > 0) reasons.set(at, 'primary');
		}
	}

	const state: PublicationState = { tree, lattice, counts, isUnit, released, k };
	for (const { filter, node, reason } of suppressUntilSafe(state)) {
		const at = filter * n + node;
		if (!reasons.has(at)) reasons.set(at, reason);
	}

	const layers = new Map<FilterKey, PublishedLayer>();
	let counted = 0;
	let inPublishedUnits = 0;
	let everyoneReleased = 0;
	for (let f = 0; f < filterCount; f++) {
		const units: PublishedUnit[] = [];
		const suppressedUnits: string[] = [];
		let releasedMass = 0;
		// Node order is (level, id); the output lists units by id alone.
		for (let node = 0; node < n; node++) {
			const at = f * n + node;
			if (isUnit[at] !== 1) continue;
			if (released[at] === 1) {
				units.push({ id: tree.ids[node]!, level: LEVELS[tree.levelRanks[node]!]!, count: roundForRelease(counts[at]!, roundingBase, k) });
				releasedMass += counts[at]!;
			} else suppressedUnits.push(tree.ids[node]!);
		}
		units.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		suppressedUnits.sort();
		const totalAt = f * n + tree.root;
		const trueTotal = counts[totalAt]!;
		const total = trueTotal === 0 ? 0 : released[totalAt] === 1 ? roundForRelease(trueTotal, roundingBase, k) : null;
		layers.set(lattice.keys[f]!, { filter: lattice.filters[f]!, units, suppressedUnits, total });
		counted += trueTotal;
		inPublishedUnits += releasedMass;
		if (f === filterIndex(0, 0)) everyoneReleased = releasedMass;
	}

	const suppressionRecord = [...reasons.entries()]
		.sort(([a], [b]) => a - b)
		.map(([at, reason]) => {
			const node = at % n;
			return {
				filterKey: lattice.keys[Math.floor(at / n)]!,
				unitId: tree.ids[node]!,
				level: LEVELS[tree.levelRanks[node]!]!,
				reason,
				trueCountBand: bandOf(counts[at]!)
			};
		});

	return {
		k,
		roundingBase,
		layers,
		suppressionRecord,
		summary: {
			records: records.length,
			recordsInPublishedUnits: everyoneReleased,
			shareInPublishedUnits: everyoneReleased / records.length,
			acrossLayers: { counted, inPublishedUnits, share: counted === 0 ? 1 : inPublishedUnits / counted }
		}
	};
}
