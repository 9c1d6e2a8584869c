/**
 * The opportunity-score layer as the map draws it: which score is asked for (kept in the page's
 * URL so a reload or a shared link restores it), the quantile classes and their colours, the
 * diverging classes of a scenario's difference, and MapLibre layer specs for both. Pure, so it is
 * unit-tested; the numbers come from the score tiles' summary and /api/scores/compare.
 */
import { distributionQuantile, valueDistribution } from '../domain/tiles/distribution';
import { usesWalk, roundToSignificant, type ScoreMethod, type Distance } from '../domain/scoring/score-settings';
export {
	SCORE_METHODS,
	type ScoreMethod,
	DISTANCES,
	type Distance,
	usesWalk,
	type ScoreSettings,
	DEFAULT_SCORE_SETTINGS,
	SCORE_URL_PARAMETERS,
	scoreSettingsFromUrl,
	parseBreaks,
	selectedCellFromUrl,
	writeScoreSettings,
	scoreQuery,
	roundToSignificant,
	FIXED_CLASSES,
	fixedBreaksOf
} from '../domain/scoring/score-settings';

import type { ValueDistribution } from '../contracts/tiles';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

/** Plain words; the technical name is in {@link METHOD_TECHNICAL}, shown as a tooltip. */
export const METHOD_LABELS: Record<ScoreMethod, string> = {
	cumulative: 'Posts within the walk',
	gravity: 'Posts, nearer ones counting more',
	'2sfca': 'Posts per local person with the skills',
	e2sfca: 'Posts per local person, nearer ones counting more'
};
/** The methods' names in the literature, for the tooltip (DESIGN.md "Opportunity scores"). */
export const METHOD_TECHNICAL: Record<ScoreMethod, string> = {
	cumulative: 'cumulative opportunities',
	gravity: 'gravity model (Gaussian decay)',
	'2sfca': 'two-step floating catchment, 2SFCA (Luo & Wang 2003)',
	e2sfca: 'enhanced two-step floating catchment, E2SFCA (Luo & Qi 2009)'
};
export const DISTANCE_LABELS: Record<Distance, string> = {
	straight: 'Straight line',
	walk: 'Walking network (streets and paths)'
};

/** How far a method reaches, in words that name the distance kind. */
export function reachWords(method: ScoreMethod, walkMinutes: number, distance: Distance): string {
	const kind = distance === 'walk' ? 'walking network' : 'straight line';
	if (usesWalk(method)) return `within ${walkMinutes} minutes' walk (${kind})`;
	if (method === 'e2sfca') return `walks up to 30 minutes, counted in full to 10, ×0.68 to 20, ×0.22 to 30 (${kind})`;
	return `every walk, half weight at 20 minutes (${kind})`;
}

/** What a score layer shows, for its legend, slides and the PNG. */
export interface ScoreFacts {
	method: ScoreMethod;
	skillName: string;
	readinessLabel: string;
	walkMinutes: number;
	distance: Distance;
	/** The scenario's name, or null for the baseline. */
	scenarioName: string | null;
}

/**
 * A score layer ready to draw: the query of its tiles (/tiles/opportunity-scores/…?query), their
 * fill colour, the legend's classes and units, and the ranks that several cells share.
 */
export interface ScoreLayer {
	query: string;
	colour: ExpressionSpecification | string;
	/** The colour classes of the cells' scores (the map's colours and the legend's entries). */
	classes: ScoreClass[];
	units: string;
	/** How many cells the layer has, and how many share each tied rank (a cell's "joint 3rd of 133"). */
	ranks: { cells: number; ties: Record<string, number> };
	/** What the layer shows (skill group, readiness, walk, distance kind, scenario). */
	facts: ScoreFacts;
	/**
	 * The before/after difference map's cells (from /api/scores/compare), drawn as GeoJSON and
	 * coloured by `difference`; absent for a score layer, whose cells come as tiles.
	 */
	difference?: FeatureCollection;
}

// ── Classes and colours ──────────────────────────────────────────────────────────────────────

/**
 * Viridis in five steps, reversed so that light means low and dark means high: it reads on the
 * light basemap, stays in order in greyscale and for the common colour-vision deficiencies
 * (van der Walt & Smith 2015), and differs from the resident layer's YlGnBu when both are on.
 */
export const SCORE_PALETTE = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'] as const;
/** Cells with nothing in reach: a neutral grey, so "none" never looks like "a little". */
export const NO_SCORE_COLOUR = '#bdbdbd';
/** Gain blue, loss orange (ColorBrewer RdBu blues and PuOr oranges): safe for colour-blind readers. */
export const GAIN_COLOURS = ['#92c5de', '#2166ac'] as const;
export const LOSS_COLOURS = ['#fdb863', '#b35806'] as const;
export const UNCHANGED_COLOUR = '#f2f2f2';

export interface ScoreClass {
	/** Inclusive lower bound (the score itself for the zero class). */
	from: number;
	/** Exclusive upper bound, or null for the open top class. */
	to: number | null;
	colour: string;
	/** The zero class: no opportunities in reach (or, for a difference, no change). */
	none?: boolean;
	/** What the legend says, e.g. "0.12 to 0.25", "under 0.12", "0.5 or more". */
	label: string;
}

/**
 * Up to five quantile classes over the positive scores, plus a "no opportunities in reach" class
 * for zero when any cell scores zero. Breaks are rounded to two significant figures and repeated
 * breaks merged, so few distinct scores give fewer classes; the darkest colours are kept for the
 * top classes, so "dark = most" holds whatever the number of classes.
 */
export function scoreClasses(scores: readonly number[], classes = SCORE_PALETTE.length): ScoreClass[] {
	return scoreClassesOf(valueDistribution(scores), classes);
}

/** The same classes from a layer's distribution (a tile summary), without its cells. */
export function scoreClassesOf(distribution: ValueDistribution, classes = SCORE_PALETTE.length): ScoreClass[] {
	const out: ScoreClass[] = [];
	if (distribution.zeros > 0) out.push({ from: 0, to: 0, colour: NO_SCORE_COLOUR, none: true, label: 'No opportunities in reach' });
	if (distribution.positive === 0) return out;
	const lowest = distributionQuantile(distribution, 0);
	const highest = distributionQuantile(distribution, 1);
	const breaks: number[] = [];
	for (let i = 1; i < classes; i++) {
		const b = roundToSignificant(distributionQuantile(distribution, i / classes));
		if (b > lowest && b <= highest && b > (breaks.at(-1) ?? 0)) breaks.push(b);
	}
	const lows = [lowest, ...breaks];
	const offset = SCORE_PALETTE.length - lows.length;
	lows.forEach((from, i) => {
		const to = breaks[i] ?? null;
		const label =
			lows.length === 1 ? (from === highest ? formatNumber(from) : `${formatNumber(from)} to ${formatNumber(highest)}`) : i === 0 ? `under ${formatNumber(to!)}` : to === null ? `${formatNumber(from)} or more` : `${formatNumber(from)} to ${formatNumber(to)}`;
		out.push({ from, to, colour: SCORE_PALETTE[offset + i]!, label });
	});
	return out;
}

/** Classes from fixed breaks: "under b1", "b1 to b2", …, "bn or more", plus the zero class when any cell scores 0. */
export function classesFromBreaks(breaks: readonly number[], anyZero: boolean): ScoreClass[] {
	const out: ScoreClass[] = [];
	if (anyZero) out.push({ from: 0, to: 0, colour: NO_SCORE_COLOUR, none: true, label: 'No opportunities in reach' });
	const lows = [0, ...breaks];
	// More than five classes reuse the palette's darkest end rather than inventing colours.
	const palette = lows.length <= SCORE_PALETTE.length ? SCORE_PALETTE.slice(SCORE_PALETTE.length - lows.length) : lows.map((_, i) => SCORE_PALETTE[Math.round((i * (SCORE_PALETTE.length - 1)) / (lows.length - 1))]!);
	lows.forEach((from, i) => {
		const to = breaks[i] ?? null;
		const label = i === 0 ? `under ${formatNumber(to!)}` : to === null ? `${formatNumber(from)} or more` : `${formatNumber(from)} to ${formatNumber(to)}`;
		out.push({ from, to, colour: palette[i]!, label });
	});
	return out;
}

/** MapLibre fill colour for the classes: a `step` on the score, grey for zero. */
export function scoreColourExpression(classes: readonly ScoreClass[]): ExpressionSpecification | string {
	const ranked = classes.filter((c) => !c.none);
	if (ranked.length === 0) return NO_SCORE_COLOUR;
	const steps: (number | string)[] = [];
	for (const c of ranked.slice(1)) steps.push(c.from, c.colour);
	// A `step` needs at least one stop: with a single class the colour is used as it is.
	const positive = steps.length ? ['step', ['get', 'score'], ranked[0]!.colour, ...steps] : ranked[0]!.colour;
	return ['case', ['<=', ['get', 'score'], 0], NO_SCORE_COLOUR, positive] as unknown as ExpressionSpecification;
}

/**
 * Diverging classes for a scenario's difference: two shades of gain, two of loss, and unchanged.
 * The strong shade starts at half the largest change on that side (rounded), so the legend's
 * numbers are round and each side is read on its own scale.
 */
export function differenceClasses(differences: readonly number[]): ScoreClass[] {
	const gains = differences.filter((d) => d > 0);
	const losses = differences.filter((d) => d < 0);
	const out: ScoreClass[] = [];
	if (losses.length) {
		const strong = -roundToSignificant(Math.max(...losses.map(Math.abs)) / 2);
		if (losses.some((d) => d <= strong) && losses.some((d) => d > strong)) {
			out.push({ from: -Infinity, to: strong, colour: LOSS_COLOURS[1], label: `${formatDifference(strong)} or more lost` });
			out.push({ from: strong, to: 0, colour: LOSS_COLOURS[0], label: `less than ${formatNumber(-strong)} lost` });
		} else {
			out.push({ from: -Infinity, to: 0, colour: LOSS_COLOURS[1], label: 'Worse' });
		}
	}
	out.push({ from: 0, to: 0, colour: UNCHANGED_COLOUR, none: true, label: 'No change' });
	if (gains.length) {
		const strong = roundToSignificant(Math.max(...gains) / 2);
		if (gains.some((d) => d >= strong) && gains.some((d) => d < strong)) {
			out.push({ from: 0, to: strong, colour: GAIN_COLOURS[0], label: `less than ${formatNumber(strong)} gained` });
			out.push({ from: strong, to: null, colour: GAIN_COLOURS[1], label: `${formatDifference(strong)} or more gained` });
		} else {
			out.push({ from: 0, to: null, colour: GAIN_COLOURS[1], label: 'Better' });
		}
	}
	return out;
}

/** MapLibre fill colour for the difference classes, reading `difference`. */
export function differenceColourExpression(classes: readonly ScoreClass[]): ExpressionSpecification {
	const value = ['get', 'difference'];
	const side = (list: readonly ScoreClass[], fallback: string): unknown => {
		if (list.length === 0) return fallback;
		const expr: unknown[] = ['step', value, list[0]!.colour];
		for (const c of list.slice(1)) expr.push(c.from, c.colour);
		return list.length === 1 ? list[0]!.colour : expr;
	};
	const losses = classes.filter((c) => !c.none && c.to !== null && c.to <= 0);
	const gains = classes.filter((c) => !c.none && c.from >= 0);
	return ['case', ['<', value, 0], side(losses, LOSS_COLOURS[1]), ['>', value, 0], side(gains, GAIN_COLOURS[1]), UNCHANGED_COLOUR] as unknown as ExpressionSpecification;
}

export const SCORE_SOURCE_ID = 'atlas-scores';
export const SCORE_LAYER_IDS = {
	fill: 'atlas-scores-fill',
	outline: 'atlas-scores-outline',
	selected: 'atlas-scores-selected'
} as const;

/** The layer name inside /tiles/opportunity-scores tiles. */
export const SCORE_TILE_LAYER = 'opportunity-scores';

/**
 * The score cells: a semi-transparent fill (the basemap's streets still read through it), thin
 * white edges, and a dark outline on the selected cell. `colour` is one of the expressions above.
 * `sourceLayer` names the tile layer when the cells come as vector tiles.
 */
export function scoreLayerSpecs(colour: ExpressionSpecification | string, selectedCell: string | null = null, opacity = 0.62, sourceLayer?: string): LayerSpecification[] {
	const from = { source: SCORE_SOURCE_ID, ...(sourceLayer ? { 'source-layer': sourceLayer } : {}) };
	return [
		{ id: SCORE_LAYER_IDS.fill, type: 'fill', ...from, paint: { 'fill-color': colour, 'fill-opacity': opacity } },
		{ id: SCORE_LAYER_IDS.outline, type: 'line', ...from, paint: { 'line-color': '#ffffff', 'line-width': 0.6, 'line-opacity': 0.7 } },
		{ id: SCORE_LAYER_IDS.selected, type: 'line', ...from, filter: selectedCellFilter(selectedCell), paint: { 'line-color': '#111111', 'line-width': 3.5 } }
	];
}

export function selectedCellFilter(cell: string | null): ['==', ['get', 'cell'], string] {
	return ['==', ['get', 'cell'], cell ?? ''];
}

// ── Words and numbers ───────────────────────────────────────────────────────────────────────

/** A score or count as people read it: whole numbers with separators, small values to 2 s.f. */
export function formatNumber(value: number): string {
	if (!Number.isFinite(value)) return '–';
	if (value === 0) return '0';
	const abs = Math.abs(value);
	if (abs >= 100) return Math.round(value).toLocaleString('en-GB');
	if (abs >= 10) return value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
	return roundToSignificant(value, 2).toLocaleString('en-GB', { maximumSignificantDigits: 2 });
}

/** A signed difference: "+0.12", "−3", "0". */
export function formatDifference(value: number): string {
	if (value === 0) return '0';
	return `${value > 0 ? '+' : '−'}${formatNumber(Math.abs(value))}`;
}

/** 1 → "1st", 12 → "12th", 22 → "22nd". */
export function ordinal(n: number): string {
	const mod100 = n % 100;
	const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n.toLocaleString('en-GB')}${suffix}`;
}

/** "0–10 min" for a band. */
export function bandLabel(band: { fromMinutes: number; toMinutes: number } | null): string {
	return band ? `${formatNumber(band.fromMinutes)}–${formatNumber(band.toMinutes)} min` : '–';
}
