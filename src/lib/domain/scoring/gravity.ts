import { scoreAccessibility } from './engine';
import type { AccessibilityResult, Decay, ScoringInput } from './types';

/**
 * Gravity (Hansen 1959, "How accessibility shapes land use") accessibility:
 * A(i) = Σ_j O(j)·f(d(i,j)), d in walking minutes. Two decay forms from Kwan (1998,
 * "Space-time and integral measures of individual accessibility"):
 *  - gaussian: f(d) = exp(−d²/β), β = h²/ln 2;
 *  - negativeExponential: f(d) = exp(−β·d), β = ln 2/h;
 * both parameterised by the half-weight time h (f(h) = ½, default 10 minutes), which a planner can
 * read off directly where β (min² or 1/min) cannot. The Gaussian keeps near sites at almost full
 * weight and falls fast past h; the exponential discounts even the nearest minutes. Scores are in
 * weighted opportunities; f(0) = 1 so a score never exceeds Σ_j O(j). No cut-off: every site with
 * a known distance counts, however little.
 */
export type GravityDecayForm = 'gaussian' | 'negativeExponential';

export interface GravityOptions {
	/** Default 'gaussian'. */
	readonly form?: GravityDecayForm;
	/** h, the travel time in minutes at which a site counts half (default 10). */
	readonly halfWeightMinutes?: number;
}

export const DEFAULT_HALF_WEIGHT_MINUTES = 10;

/** β for a decay form with half-weight time h: min² for gaussian, 1/min for negativeExponential. */
export function gravityBeta(form: GravityDecayForm, halfWeightMinutes: number): number {
	if (!Number.isFinite(halfWeightMinutes) || halfWeightMinutes <= 0) {
		throw new RangeError(`gravity half-weight time must be a positive number of minutes, got ${halfWeightMinutes}`);
	}
	if (form === 'gaussian') return (halfWeightMinutes * halfWeightMinutes) / Math.LN2;
	if (form === 'negativeExponential') return Math.LN2 / halfWeightMinutes;
	throw new RangeError(`gravity decay form must be 'gaussian' or 'negativeExponential', got '${String(form)}'`);
}

/** The decay f(d) of {@link gravityAccessibility}; exp(−∞) = 0 so unknown pairs weigh nothing. */
export function gravityDecay(options: GravityOptions = {}): Decay {
	const form = options.form ?? 'gaussian';
	const beta = gravityBeta(form, options.halfWeightMinutes ?? DEFAULT_HALF_WEIGHT_MINUTES);
	const weight = form === 'gaussian' ? (minutes: number) => Math.exp(-(minutes * minutes) / beta) : (minutes: number) => Math.exp(-beta * minutes);
	return { weight, band: () => null, reachMinutes: Infinity };
}

/**
 * Gravity accessibility, see the module comment for the decay forms and defaults.
 * @throws RangeError for an unknown form or a half-weight time that is not positive.
 */
export function gravityAccessibility(input: ScoringInput, options: GravityOptions = {}): AccessibilityResult {
	return scoreAccessibility('gravity', input, gravityDecay(options), 'opportunities');
}
