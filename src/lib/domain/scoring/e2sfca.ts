import { scoreAccessibility } from './engine';
import type { AccessibilityResult, Decay, ScoringInput, TimeBand } from './types';

/** A travel-time band ending at `upToMinutes` (inclusive) and its weight. */
export interface WeightedBand {
	readonly upToMinutes: number;
	/** In [0, 1]. */
	readonly weight: number;
}

/**
 * Luo & Qi's (2009) bands, 0–10, 10–20 and 20–30 minutes weighted 1.00, 0.68 and 0.22, the
 * weights they took from a Gaussian decay; kept as published so our scores compare with theirs.
 */
export const DEFAULT_BANDS: readonly WeightedBand[] = Object.freeze([
	{ upToMinutes: 10, weight: 1 },
	{ upToMinutes: 20, weight: 0.68 },
	{ upToMinutes: 30, weight: 0.22 }
]);

/**
 * The banded decay of {@link enhancedTwoStepFloatingCatchment}: the first band is [0, e₁], each
 * later band (eₖ₋₁, eₖ]; past the last edge the weight is 0. A time on an edge belongs to the
 * nearer band, as d ≤ T does in 2SFCA.
 * @throws RangeError for no bands, edges that are not positive and strictly increasing, or a
 * weight outside [0, 1].
 */
export function bandedDecay(bands: readonly WeightedBand[] = DEFAULT_BANDS): Decay {
	if (bands.length === 0) throw new RangeError('E2SFCA needs at least one travel-time band');
	const timeBands: TimeBand[] = [];
	let previous = 0;
	for (const [position, { upToMinutes, weight }] of bands.entries()) {
		if (!Number.isFinite(upToMinutes) || upToMinutes <= previous) {
			throw new RangeError(`E2SFCA band edges must be positive and strictly increasing: band ${position + 1} ends at ${upToMinutes} minutes after ${previous}`);
		}
		if (!(weight >= 0 && weight <= 1)) {
			throw new RangeError(`E2SFCA band weights must lie in [0, 1]: band ${position + 1} has weight ${weight}`);
		}
		timeBands.push({ fromMinutes: previous, toMinutes: upToMinutes });
		previous = upToMinutes;
	}
	const weights = bands.map((band) => band.weight);
	// A handful of bands: a linear scan beats a binary search at this size.
	const bandIndex = (minutes: number): number => timeBands.findIndex((band) => minutes <= band.toMinutes);
	return {
		reachMinutes: previous,
		weight(minutes) {
			const index = bandIndex(minutes);
			return index < 0 ? 0 : (weights[index] as number);
		},
		band(minutes) {
			const index = bandIndex(minutes);
			return index < 0 ? null : (timeBands[index] as TimeBand);
		}
	};
}

export interface EnhancedTwoStepOptions {
	/** Default {@link DEFAULT_BANDS}. */
	readonly bands?: readonly WeightedBand[];
}

/**
 * Enhanced two-step floating catchment area (Luo & Qi 2009, "An enhanced two-step floating
 * catchment area (E2SFCA) method for measuring spatial accessibility to primary care
 * physicians", Health & Place 15(4)): 2SFCA with the band weight W(d) in both steps,
 *  1. R(j) = O(j) / Σ_k P(k)·W(d(k,j));
 *  2. A(i) = Σ_j R(j)·W(d(i,j)).
 * Sites with no weighted supply in reach get R(j) = 0 (see 2SFCA). Scores are in opportunities per
 * matching micro-asset; the site view's W is the band weight.
 */
export function enhancedTwoStepFloatingCatchment(input: ScoringInput, options: EnhancedTwoStepOptions = {}): AccessibilityResult {
	return scoreAccessibility('e2sfca', input, bandedDecay(options.bands ?? DEFAULT_BANDS), 'supplyToDemandRatio');
}
