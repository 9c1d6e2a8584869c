/**
 * What the opportunity-score endpoints answer (GET /api/scores, /api/scores/sites,
 * /api/scores/explain, /api/scores/compare), the OGC opportunity-scores collection and the score
 * tiles carry: types only, read by the server that builds them and the map that draws them.
 * Numbers are rounded to 6 significant digits for output; ranks were taken before rounding.
 */
import type { FeatureCollection, Polygon } from 'geojson';
import type { ScenarioChange } from './scenarios';

/** A scenario named in an answer. */
export interface ScenarioRef {
	id: string;
	name: string;
}

/** A distance band in minutes, (from, to]; the first band starts at 0 inclusive. */
export interface MinutesBand {
	fromMinutes: number;
	toMinutes: number;
}

export interface CellScoreProperties {
	cell: string;
	score: number;
	/** 1 = highest; tied cells share the smallest rank. */
	rank: number;
	/** Share of the other cells scoring strictly lower, 0–100, one decimal. */
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

/** GET /api/scores: every 250 m cell of the place with its score. */
export type ScoreLayer = FeatureCollection<Polygon, CellScoreProperties> & {
	place: string;
	/** The score parameters that differ from the defaults, as the request's query names them. */
	parameters: Record<string, string>;
	description: string;
	units: string;
	scenario: ScenarioRef | null;
	/** How the local supply was made safe to use. */
	supply: string;
	summary: { cells: number; min: number; max: number; mean: number; byImdDecile: DecileSummary[] | null };
	/** Server time: distances computed for this answer (0 when held), and scoring. */
	timing: { distancesMs: number; scoringMs: number; computedSites: number };
};

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

/** GET /api/scores/sites: for each site, local supply per opportunity, overall and per skill group. */
export interface SiteScores {
	place: string;
	parameters: Record<string, string>;
	description: string;
	scenario: ScenarioRef | null;
	supply: string;
	sites: SiteScore[];
}

export interface ExplainedContribution {
	siteId: string;
	siteName: string;
	minutes: number;
	band: MinutesBand | null;
	weight: number;
	opportunities: number;
	/** Σ_k P(k)·W(d(k,j)) from published counts; null for cumulative and gravity, which ignore it. */
	localSupply: number | null;
	/** O(j), or R(j) = O(j) / local supply for 2SFCA and E2SFCA. */
	siteValue: number;
	contribution: number;
}

/** GET /api/scores/explain?cell=: which sites and bands gave how much to a cell's score. */
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
	byBand: (MinutesBand & { contribution: number; sites: number })[];
	supply: string;
}

/** One band of a site's local supply. */
export interface SiteSupplyBand extends MinutesBand {
	cells: number;
	supply: number;
	/** The band's weight; null for gravity, whose weight varies within a band. */
	weight: number | null;
	weightedSupply: number;
}

/** GET /api/scores/explain?site=: where a site's local supply comes from, band by band. */
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
	byBand: SiteSupplyBand[];
	supply: string;
}

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

export interface ComparisonSummary {
	cells: number;
	better: number;
	worse: number;
	unchanged: number;
	largestGain: number;
	largestLoss: number;
	meanDifference: number;
}

/** GET /api/scores/compare: a scenario against the baseline, cell by cell and site by site. */
export type ScenarioComparison = FeatureCollection<Polygon, ComparisonProperties> & {
	place: string;
	scenario: ScenarioRef;
	parameters: Record<string, string>;
	description: string;
	units: string;
	summary: ComparisonSummary;
	sites: SiteComparison[];
	changes: ScenarioChange[];
	timing: { scenarioDistancesMs: number; scoringMs: number; computedSites: number };
};
