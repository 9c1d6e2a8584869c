/**
 * Which opportunity score a map view asks for, as its URL says (`scores`, `skill`, `distance`,
 * `scenario`, `breaks`, `difference`), the score API query it makes, and the fixed class breaks a
 * story keeps (issue 17). Pure: the map (map/scores.ts re-exports all of it) and the story service
 * (which keeps one set of breaks per story) read views the same way.
 */
import { distributionQuantile } from '../tiles/distribution';
import type { ValueDistribution } from '../../contracts/tiles';

export const SCORE_METHODS = ['cumulative', 'gravity', '2sfca', 'e2sfca'] as const;
export type ScoreMethod = (typeof SCORE_METHODS)[number];
export const DISTANCES = ['straight', 'walk'] as const;
export type Distance = (typeof DISTANCES)[number];

/** Methods whose catchment is the chosen walk (the others have their own bands or decay). */
export function usesWalk(method: ScoreMethod): boolean {
	return method === 'cumulative' || method === '2sfca';
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

/** A value rounded to two significant figures, so class breaks read as numbers people say. */
export function roundToSignificant(value: number, digits = 2): number {
	if (value === 0 || !Number.isFinite(value)) return value;
	const magnitude = Math.floor(Math.log10(Math.abs(value)));
	const factor = 10 ** (digits - 1 - magnitude);
	return Math.round(value * factor) / factor;
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
