import { thresholdDecay, scoreAccessibility } from './engine';
import type { AccessibilityResult, ScoringInput } from './types';

export interface TwoStepOptions {
	/** T, the catchment in walking minutes, the same in both steps (default 20). */
	readonly thresholdMinutes?: number;
}

/**
 * Two-step floating catchment area (Luo & Wang 2003, "Measures of spatial accessibility to health
 * care in a GIS environment", Environment and Planning B 30(6)):
 *  1. R(j) = O(j) / Σ_k P(k)·[d(k,j) ≤ T], opportunities per unit of local supply in the site's catchment;
 *  2. A(i) = Σ_j R(j)·[d(i,j) ≤ T].
 * A site with no supply in its catchment gets R(j) = 0 rather than a division by zero: it has
 * nobody local to take its opportunities, and it then drops out of the conservation identity
 * Σ_i P(i)·A(i) = Σ_j O(j) (which holds over sites with demand in reach). Scores are in
 * opportunities per matching micro-asset; the site view's W is [d ≤ T].
 * @throws RangeError when T is not a positive number of minutes.
 */
export function twoStepFloatingCatchment(input: ScoringInput, options: TwoStepOptions = {}): AccessibilityResult {
	return scoreAccessibility('2sfca', input, thresholdDecay(options.thresholdMinutes ?? 20), 'supplyToDemandRatio');
}
