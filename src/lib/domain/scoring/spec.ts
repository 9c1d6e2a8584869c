/**
 * What a caller asks the scoring service for — method, skill group, distance, scenario and the
 * method's parameters — read from query parameters (the API, the CLI and the map all use the same
 * names) and checked once, so that the service only ever sees a valid {@link ScoreSpec}.
 */
import { DEFAULT_THRESHOLD_MINUTES } from './cumulative';
import { DEFAULT_BANDS, bandedDecay, type WeightedBand } from './e2sfca';
import { DEFAULT_HALF_WEIGHT_MINUTES, type GravityDecayForm } from './gravity';
import { WALKING_SPEED, type ScoringMethod } from './types';
import { isUuid } from '../uuid';

export const SCORING_METHODS = ['cumulative', 'gravity', '2sfca', 'e2sfca'] as const satisfies readonly ScoringMethod[];
export const DISTANCE_MODES = ['straight', 'walk'] as const;
export type DistanceMode = (typeof DISTANCE_MODES)[number];
export const WALKING_SPEEDS = ['standard', 'slower'] as const;
export type WalkingSpeedName = (typeof WALKING_SPEEDS)[number];
export const GRAVITY_FORMS = ['gaussian', 'exponential'] as const;
const READINESS_VALUES = ['any', 'overseas_qualification', 'english_test_passed', 'professionally_registered'] as const;
export type SupplyReadiness = (typeof READINESS_VALUES)[number];

export interface ScoreSpec {
	readonly method: ScoringMethod;
	/** A skill group id, or 'all' for every group pooled. */
	readonly skill: string;
	/** Which published resident layer gives the supply P(i). */
	readonly readiness: SupplyReadiness;
	readonly distance: DistanceMode;
	readonly speed: WalkingSpeedName;
	/** Cumulative and 2SFCA catchment T, minutes. */
	readonly thresholdMinutes: number;
	/** E2SFCA bands. */
	readonly bands: readonly WeightedBand[];
	readonly gravityForm: GravityDecayForm;
	readonly halfWeightMinutes: number;
	/** A scenario id (uuid), or null for the baseline. */
	readonly scenario: string | null;
}

export const DEFAULT_SPEC: Omit<ScoreSpec, 'skill' | 'scenario'> = {
	method: 'e2sfca',
	readiness: 'any',
	distance: 'straight',
	speed: 'standard',
	thresholdMinutes: DEFAULT_THRESHOLD_MINUTES,
	bands: DEFAULT_BANDS,
	gravityForm: 'gaussian',
	halfWeightMinutes: DEFAULT_HALF_WEIGHT_MINUTES
};

/** The longest time a request may name: a threshold, a band edge or gravity's half-weight time. */
export const MAX_MINUTES = 120;

/**
 * The widest catchment any request can ask for, in metres: the longest time at the fastest speed
 * (120 min × 80 m/min = 9,600 m). Past it, cumulative, 2SFCA and E2SFCA weigh every pair 0 under
 * every spec {@link parseScoreSpec} accepts, so a server need hold only the pairs within it.
 *
 * Gravity has no cut-off, and none is drawn: at the largest half-weight time (120 min) a site
 * 9,600 m away still counts half, and its weight falls below 2⁻⁵³ (lost in a sum that includes a
 * site at the door) only past 874 min ≈ 70 km for the Gaussian and 6,360 min ≈ 509 km for the
 * negative exponential — further than across any place this serves, so a cut-off would save no
 * memory and would change far cells' scores and ranks. Gravity reads each site's whole column.
 */
export const LARGEST_CATCHMENT_METRES = MAX_MINUTES * Math.max(...Object.values(WALKING_SPEED));

/** Whether a spec's method has a catchment (every pair past LARGEST_CATCHMENT_METRES weighs 0). */
export function hasCatchment(spec: Pick<ScoreSpec, 'method'>): boolean {
	return spec.method !== 'gravity';
}

/** Metres per minute for a speed name. */
export function metresPerMinute(speed: WalkingSpeedName): number {
	return WALKING_SPEED[speed];
}

/** The parameter names {@link parseScoreSpec} reads; anything else is refused. */
export const SCORE_PARAMETERS = [
	'place',
	'method',
	'skill',
	'readiness',
	'distance',
	'speed',
	'threshold',
	'bands',
	'weights',
	'decay',
	'halfWeight',
	'scenario',
	'format'
] as const;

export class ScoreSpecError extends Error {
	constructor(readonly problems: readonly string[]) {
		super(problems.join(' '));
		this.name = 'ScoreSpecError';
	}
}

type Getter = (name: string) => string | null;

function oneOf<T extends string>(get: Getter, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
	const value = get(name);
	if (value === null || value === '') return fallback;
	if ((allowed as readonly string[]).includes(value)) return value as T;
	problems.push(`${name} must be one of ${allowed.join(', ')}; got "${value}".`);
	return fallback;
}

function positiveNumber(get: Getter, name: string, fallback: number, max: number, problems: string[]): number {
	const value = get(name);
	if (value === null || value === '') return fallback;
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0 || number > max) {
		problems.push(`${name} must be a number of minutes above 0 and at most ${max}; got "${value}".`);
		return fallback;
	}
	return number;
}

function numberList(value: string, name: string, problems: string[]): number[] | null {
	const parts = value.split(',').map((part) => part.trim());
	const numbers = parts.map(Number);
	if (parts.length === 0 || parts.length > 10 || parts.some((part) => part === '') || numbers.some((n) => !Number.isFinite(n))) {
		problems.push(`${name} must be 1 to 10 comma-separated numbers; got "${value}".`);
		return null;
	}
	return numbers;
}

const SKILL = /^(all|[a-z0-9][a-z0-9-]{0,62})$/;

/**
 * Reads a score request. `get` returns a parameter's value or null (URLSearchParams.get works).
 * Whether the skill group or scenario exists is the service's question; this checks shape only.
 * @throws ScoreSpecError listing every problem found, each naming its parameter.
 */
export function parseScoreSpec(get: Getter, names: Iterable<string> = []): ScoreSpec {
	const problems: string[] = [];
	for (const name of names) {
		if (!(SCORE_PARAMETERS as readonly string[]).includes(name)) problems.push(`Unknown parameter "${name}"; expected ${SCORE_PARAMETERS.join(', ')}.`);
	}
	const method = oneOf(get, 'method', SCORING_METHODS, DEFAULT_SPEC.method, problems);
	const skill = get('skill') || 'all';
	if (!SKILL.test(skill)) problems.push(`skill must be "all" or a skill group id; got "${skill}".`);
	const readiness = oneOf(get, 'readiness', READINESS_VALUES, 'any', problems);
	const distance = oneOf(get, 'distance', DISTANCE_MODES, DEFAULT_SPEC.distance, problems);
	const speed = oneOf(get, 'speed', WALKING_SPEEDS, DEFAULT_SPEC.speed, problems);
	const thresholdMinutes = positiveNumber(get, 'threshold', DEFAULT_SPEC.thresholdMinutes, MAX_MINUTES, problems);
	const halfWeightMinutes = positiveNumber(get, 'halfWeight', DEFAULT_SPEC.halfWeightMinutes, MAX_MINUTES, problems);
	const decay = oneOf(get, 'decay', GRAVITY_FORMS, 'gaussian', problems);
	const gravityForm: GravityDecayForm = decay === 'exponential' ? 'negativeExponential' : 'gaussian';

	let bands: readonly WeightedBand[] = DEFAULT_BANDS;
	const edgesText = get('bands');
	const weightsText = get('weights');
	if (edgesText || weightsText) {
		if (!edgesText || !weightsText) {
			problems.push('bands and weights go together: give both (e.g. bands=10,20,30&weights=1,0.68,0.22).');
		} else {
			const edges = numberList(edgesText, 'bands', problems);
			const weights = numberList(weightsText, 'weights', problems);
			if (edges && weights) {
				if (edges.length !== weights.length) {
					problems.push(`bands has ${edges.length} edges but weights has ${weights.length} values; give one weight per band.`);
				} else if (edges.some((edge) => edge > MAX_MINUTES)) {
					problems.push(`band edges must be at most ${MAX_MINUTES} minutes.`);
				} else {
					const candidate = edges.map((upToMinutes, i) => ({ upToMinutes, weight: weights[i] as number }));
					try {
						bandedDecay(candidate);
						bands = candidate;
					} catch (err) {
						problems.push(`${(err as Error).message}.`);
					}
				}
			}
		}
	}

	const scenarioText = get('scenario');
	const scenario = scenarioText && scenarioText !== 'baseline' ? scenarioText : null;
	if (scenario !== null && !isUuid(scenario)) problems.push(`scenario must be a scenario id (a uuid) or "baseline"; got "${scenario}".`);

	if (problems.length > 0) throw new ScoreSpecError(problems);
	return { method, skill, readiness, distance, speed, thresholdMinutes, bands, gravityForm, halfWeightMinutes, scenario };
}

/** The inverse of {@link parseScoreSpec}: only what differs from the defaults, for links and URLs. */
export function scoreSpecParameters(spec: ScoreSpec): Record<string, string> {
	const out: Record<string, string> = { method: spec.method, skill: spec.skill, distance: spec.distance };
	if (spec.readiness !== 'any') out.readiness = spec.readiness;
	if (spec.speed !== DEFAULT_SPEC.speed) out.speed = spec.speed;
	if (spec.thresholdMinutes !== DEFAULT_SPEC.thresholdMinutes) out.threshold = String(spec.thresholdMinutes);
	if (spec.halfWeightMinutes !== DEFAULT_SPEC.halfWeightMinutes) out.halfWeight = String(spec.halfWeightMinutes);
	if (spec.gravityForm !== 'gaussian') out.decay = 'exponential';
	if (spec.bands !== DEFAULT_BANDS) {
		out.bands = spec.bands.map((band) => band.upToMinutes).join(',');
		out.weights = spec.bands.map((band) => band.weight).join(',');
	}
	if (spec.scenario) out.scenario = spec.scenario;
	return out;
}

/** A one-line description of the method and its parameters, for legends and file headers. */
export function describeSpec(spec: ScoreSpec): string {
	const speed = spec.distance === 'walk' || spec.speed !== 'standard' ? `, ${metresPerMinute(spec.speed)} m/min` : ', 80 m/min';
	const distance = spec.distance === 'walk' ? 'walking network' : 'straight line';
	switch (spec.method) {
		case 'cumulative':
			return `Opportunities within ${spec.thresholdMinutes} min (${distance}${speed})`;
		case 'gravity':
			return `Gravity, ${spec.gravityForm === 'gaussian' ? 'Gaussian' : 'negative-exponential'} decay, half weight at ${spec.halfWeightMinutes} min (${distance}${speed})`;
		case '2sfca':
			return `2SFCA, ${spec.thresholdMinutes} min catchment: opportunities per local resident (${distance}${speed})`;
		case 'e2sfca':
			return `E2SFCA, bands ${spec.bands.map((b) => `≤${b.upToMinutes} min ×${b.weight}`).join(', ')}: opportunities per local resident (${distance}${speed})`;
	}
}
