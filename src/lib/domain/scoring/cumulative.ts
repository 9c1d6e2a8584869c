import { thresholdDecay, scoreAccessibility } from './engine';
import type { AccessibilityResult, ScoringInput } from './types';

export interface CumulativeOptions {
	/** T, the catchment in walking minutes (default 20). */
	readonly thresholdMinutes?: number;
}

export const DEFAULT_THRESHOLD_MINUTES = 20;

/**
 * Cumulative-opportunities accessibility: A(i) = Σ_j O(j)·[d(i,j) ≤ T], the count of
 * opportunities within T walking minutes (the isochrone measure; Geurs & van Wee 2004, §3.2).
 * Scores are in opportunities; the site view's W is [d ≤ T].
 * @throws RangeError when T is not a positive number of minutes.
 */
export function cumulativeOpportunities(input: ScoringInput, options: CumulativeOptions = {}): AccessibilityResult {
	return scoreAccessibility('cumulative', input, thresholdDecay(options.thresholdMinutes ?? DEFAULT_THRESHOLD_MINUTES), 'opportunities');
}
