/**
 * The opportunity-score layer as the map draws it: which score is asked for (kept in the page's
 * URL so a reload or a shared link restores it), the quantile classes and their colours, the
 * diverging classes of a scenario's difference, and MapLibre layer specs for both. Pure, so it is
 * unit-tested; the numbers come from the score tiles' summary and /api/scores/compare.
 */
import { distributionQuantile, valueDistribution } from '../domain/tiles/distribution';
import type { ValueDistribution } from '../contracts/tiles';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

export const SCORE_METHODS = ['cumulative', 'gravity', '2sfca', 'e2sfca'] as const;
export type ScoreMethod = (typeof SCORE_METHODS)[number];
export const DISTANCES = ['straight', 'walk'] as const;
export type Distance = (typeof DISTANCES)[number];

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

/** Methods whose catchment is the chosen walk (the others have their own bands or decay). */
export function usesWalk(method: ScoreMethod): boolean {
	return method === 'cumulative' || method === '2sfca';
}

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

export interface ScoreSettings {
	method: ScoreMethod;
	/** 'all' or a skill group id. */
	skill: string;
	distance: Distance;
	/** A scenario id, or null for the baseline (today's plans). */
	scenario: string | null;
	/**
	 * Colour-class breaks kept fixed (?breaks=), so that a story's baseline and scenario slides
	 * colour alike; absent = quantile classes of the layer on screen.
	 */
	breaks?: number[];
	/**
	 * Show the change from the baseline to the scenario (?difference=1) instead of the scenario's
	 * scores: the before/after difference map, which a story can hold as a view of its own.
	 */
	difference?: boolean;
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

export const DEFAULT_SCORE_SETTINGS: ScoreSettings = { method: 'e2sfca', skill: 'all', distance: 'straight', scenario: null };

/** URL parameters of the home map that carry the score layer (`scores` = the method, when shown). */
export const SCORE_URL_PARAMETERS = ['scores', 'skill', 'distance', 'scenario', 'cell', 'breaks', 'difference'] as const;

const SKILL_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CELL_ID = /^hex250:-?\d+:-?\d+$/;

/**
 * The score layer a page URL asks for, or null when it is off. Unknown values fall back to the
 * defaults rather than failing: a mistyped shared link still opens a useful map.
 */
export function scoreSettingsFromUrl(params: URLSearchParams): ScoreSettings | null {
	const method = params.get('scores');
	if (!method || !(SCORE_METHODS as readonly string[]).includes(method)) return null;
	const skill = params.get('skill') ?? 'all';
	const distance = params.get('distance');
	const scenario = params.get('scenario');
	const breaks = parseBreaks(params.get('breaks'));
	const scenarioId = scenario && UUID.test(scenario) ? scenario.toLowerCase() : null;
	// A difference needs a scenario to differ from the baseline; without one the scores are shown.
	const difference = scenarioId !== null && params.get('difference') === '1';
	return {
		method: method as ScoreMethod,
		skill: skill === 'all' || SKILL_ID.test(skill) ? skill : 'all',
		distance: (DISTANCES as readonly string[]).includes(distance ?? '') ? (distance as Distance) : 'straight',
		scenario: scenarioId,
		...(difference ? { difference } : breaks ? { breaks } : {})
	};
}

/** Fixed class breaks from a URL value: 4 to 8 increasing positive numbers, else null. */
export function parseBreaks(value: string | null): number[] | null {
	if (!value) return null;
	const numbers = value.split(',').map(Number);
	if (numbers.length < FIXED_CLASSES - 1 || numbers.length > 8) return null;
	if (numbers.some((n, i) => !Number.isFinite(n) || n <= 0 || (i > 0 && n <= numbers[i - 1]!))) return null;
	return numbers;
}

/** The selected cell in a page URL (only meaningful while scores are shown). */
export function selectedCellFromUrl(params: URLSearchParams): string | null {
	const cell = params.get('cell');
	return cell && CELL_ID.test(cell) ? cell : null;
}

/** Writes the score layer's state into a URL (in place), removing it when the layer is off. */
export function writeScoreSettings(url: URL, settings: ScoreSettings | null, cell: string | null = null): URL {
	for (const name of SCORE_URL_PARAMETERS) url.searchParams.delete(name);
	if (!settings) return url;
	url.searchParams.set('scores', settings.method);
	if (settings.skill !== 'all') url.searchParams.set('skill', settings.skill);
	if (settings.distance !== 'straight') url.searchParams.set('distance', settings.distance);
	if (settings.scenario) url.searchParams.set('scenario', settings.scenario);
	if (settings.difference && settings.scenario) url.searchParams.set('difference', '1');
	else if (settings.breaks?.length) url.searchParams.set('breaks', settings.breaks.join(','));
	if (cell) url.searchParams.set('cell', cell);
	return url;
}

/**
 * The query string of a score API request for these settings; with a walk, cumulative and 2SFCA
 * take it as their catchment (threshold), so the map and the gap headline use one walk.
 */
export function scoreQuery(placeId: string, settings: ScoreSettings, extra: Record<string, string> = {}, walkMinutes?: number): string {
	const params = new URLSearchParams({ place: placeId, method: settings.method, skill: settings.skill, distance: settings.distance });
	if (walkMinutes !== undefined && usesWalk(settings.method)) params.set('threshold', String(walkMinutes));
	if (settings.scenario) params.set('scenario', settings.scenario);
	for (const [k, v] of Object.entries(extra)) params.set(k, v);
	return params.toString();
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

/** A value rounded to two significant figures, so class breaks read as numbers people say. */
export function roundToSignificant(value: number, digits = 2): number {
	if (value === 0 || !Number.isFinite(value)) return value;
	const magnitude = Math.floor(Math.log10(Math.abs(value)));
	const factor = 10 ** (digits - 1 - magnitude);
	return Math.round(value * factor) / factor;
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

/** Fixed classes have at least this many colours (issue 17: two classes said nothing). */
export const FIXED_CLASSES = 5;

/**
 * Breaks to keep for a story: the layer's quantile breaks, topped up to {@link FIXED_CLASSES}
 * classes with evenly spaced round numbers between the lowest and highest positive score when ties
 * merged some (a layer with many equal scores gives few quantiles).
 */
export function fixedBreaksOf(distribution: ValueDistribution): number[] {
	if (distribution.positive === 0) return [1, 2, 5, 10];
	const lowest = distributionQuantile(distribution, 0);
	const highest = distributionQuantile(distribution, 1);
	const breaks = new Set<number>();
	for (let i = 1; i < FIXED_CLASSES; i++) breaks.add(roundToSignificant(distributionQuantile(distribution, i / FIXED_CLASSES)));
	const top = highest > lowest ? highest : lowest * 2 || 1;
	for (let i = 1; breaks.size < FIXED_CLASSES - 1 && i < 40; i++) breaks.add(roundToSignificant(lowest + ((top - lowest) * i) / 10, 2));
	const sorted = [...breaks].filter((b) => b > 0).sort((a, b) => a - b);
	while (sorted.length < FIXED_CLASSES - 1) sorted.push(roundToSignificant((sorted.at(-1) ?? 1) * 2));
	return sorted.slice(0, 8);
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
