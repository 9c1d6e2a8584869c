/**
 * Shared types of the opportunity-scoring engine (DESIGN.md, "Opportunity scores"). Every score is
 * for one skill group s: callers pass the local supply P(i,s) and the opportunities O(j,s) of that
 * group and run the engine once per group, reusing one {@link TravelTimes} matrix.
 */

/** An origin cell with its local supply P(i): the count of matching micro-assets in the cell. */
export interface Origin {
	readonly id: string;
	/** P(i), a count (≥ 0). */
	readonly supply: number;
}

/** An opportunity site with O(j): vacancies, construction packages, training places or lots. */
export interface Site {
	readonly id: string;
	/** O(j), a count (≥ 0). */
	readonly opportunities: number;
}

/** One origin–site distance d(i,j) in metres (straight-line or walking-network). */
export interface OriginSiteDistance {
	readonly origin: string;
	readonly site: string;
	/** d(i,j) in metres (≥ 0). */
	readonly metres: number;
}

/**
 * Walking minutes between every origin and every site, dense and row-major
 * (`minutes[row * siteIds.length + column]`), so a 1,000 × 50 scoring pass touches one
 * contiguous 400 kB array instead of hashing 50,000 id pairs. `Infinity` means no distance is
 * known (the pair is out of every catchment).
 */
export interface TravelTimes {
	readonly originIds: readonly string[];
	readonly siteIds: readonly string[];
	readonly originIndex: ReadonlyMap<string, number>;
	readonly siteIndex: ReadonlyMap<string, number>;
	/** Walking time in minutes, row-major origin × site. */
	readonly minutes: Float64Array;
}

/**
 * One site's column of a sparse matrix: the origins with a known travel time, as rows of
 * `originIds` in strictly increasing order, and their times in minutes. Row order (not time order)
 * makes every sum run in the same order as over the dense matrix, so both give the same bits.
 */
export interface TravelColumn {
	readonly rows: Int32Array;
	/** Walking time in minutes (≥ 0), `minutes[k]` for origin `rows[k]`. */
	readonly minutes: Float64Array;
}

/**
 * Travel times held sparsely, one column per site: a pair that is not listed is out of every
 * catchment, as `Infinity` is in {@link TravelTimes}. A place's server keeps only pairs within
 * the largest catchment a request can ask for, so memory grows with sites × cells in reach rather
 * than sites × cells.
 */
export interface SparseTravelTimes {
	readonly originIds: readonly string[];
	readonly siteIds: readonly string[];
	readonly originIndex: ReadonlyMap<string, number>;
	readonly siteIndex: ReadonlyMap<string, number>;
	/** `columns[siteIndex.get(id)]`. */
	readonly columns: readonly TravelColumn[];
}

/** What a method scores against: one skill group's supply and opportunities plus travel times. */
export interface ScoringInput {
	readonly origins: readonly Origin[];
	readonly sites: readonly Site[];
	readonly travel: TravelTimes | SparseTravelTimes;
}

/** A travel-time band (from, to] in minutes; the first band of a method starts at 0 inclusive. */
export interface TimeBand {
	readonly fromMinutes: number;
	readonly toMinutes: number;
}

/**
 * A distance-decay weight W(d) in [0, 1] with the band it falls in, so that one engine computes
 * every method and every score can be explained band by band.
 */
export interface Decay {
	/** W(d) for a travel time in minutes; 0 outside the catchment (and for `Infinity`). */
	weight(minutes: number): number;
	/** The band d falls in, or null for a continuous decay (gravity) or outside the catchment. */
	band(minutes: number): TimeBand | null;
	/** The catchment: W(d) = 0 for every d above it (Infinity for gravity, which has no cut-off). */
	readonly reachMinutes: number;
}

export type ScoringMethod = 'cumulative' | 'gravity' | '2sfca' | 'e2sfca';

/** A cell's score with its standing among the scored cells. */
export interface CellScore {
	readonly originId: string;
	/**
	 * A(i). Cumulative and gravity: (weighted) opportunities in reach. 2SFCA and E2SFCA:
	 * opportunities per unit of local supply in reach (opportunities per matching micro-asset).
	 */
	readonly score: number;
	/** 1 = highest score; tied cells share the smallest rank of their group (1, 2, 2, 4). */
	readonly rank: number;
	/** Share of the other cells scoring strictly lower, 0–100 (100 for a lone cell). */
	readonly percentile: number;
}

/** The site view: how much local talent reaches each site. */
export interface SiteSupply {
	readonly siteId: string;
	readonly opportunities: number;
	/** Σ_k P(k)·W(d(k,j)): weighted local supply in reach of the site (micro-assets). */
	readonly demand: number;
	/** S(j) = demand / O(j), micro-assets per opportunity; null when O(j) = 0. */
	readonly supplyRatio: number | null;
}

/** One site's part in one cell's score. */
export interface Contribution {
	readonly siteId: string;
	readonly minutes: number;
	/** The band the travel time falls in; null for gravity's continuous decay. */
	readonly band: TimeBand | null;
	/** W(d(i,j)). */
	readonly weight: number;
	/**
	 * What the site offers per unit of weight: O(j) for cumulative and gravity, the
	 * supply-to-demand ratio R(j) for 2SFCA and E2SFCA.
	 */
	readonly siteValue: number;
	/** siteValue × weight; the contributions of a cell sum to its score. */
	readonly contribution: number;
}

/** One origin in a site's reach, for the site view's explanation. */
export interface SiteReach {
	readonly originId: string;
	readonly minutes: number;
	readonly band: TimeBand | null;
	/** W(d(i,j)) > 0. */
	readonly weight: number;
}

export interface AccessibilityResult {
	readonly method: ScoringMethod;
	/** One entry per origin, in input order. */
	readonly cells: readonly CellScore[];
	/** One entry per site, in input order. */
	readonly sites: readonly SiteSupply[];
	/** Sites with non-zero weight for the cell, largest contribution first; throws for an unknown id. */
	explain(originId: string): Contribution[];
	/** Origins with non-zero weight for the site, in the travel matrix's origin order; throws for an unknown id. */
	reach(siteId: string): SiteReach[];
}

/** Walking speeds in metres per minute. */
export const WALKING_SPEED = {
	/** 4.8 km/h, the speed TfL's PTAL method assumes. */
	standard: 80,
	/** 3.6 km/h, for slower walkers (older residents, people with pushchairs or mobility aids). */
	slower: 60
} as const;
