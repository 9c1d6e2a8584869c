/**
 * Rounding of released counts to a base (5 by default), as OpenSAFELY's output checking does for
 * counts drawn from NHS records (https://docs.opensafely.org/ , "releasing files"): rounding blurs
 * what exact differencing of overlapping outputs could otherwise reveal. It is a second line of
 * defence only; suppression decisions are made on true counts and assume an attacker who knows
 * them exactly.
 */

/**
 * `count` to the nearest multiple of `base`, halves up; 0 stays 0. A result below k is raised to
 * the first multiple of `base` at or above k: with k = 7 and base 5, a true 7 would otherwise be
 * shown as 5, a value in 1..k-1 that the threshold forbids.
 * @param count a true count that has already passed the threshold (0 or ≥ k).
 */
export function roundForRelease(count: number, base: number, k: number): number {
	if (count === 0) return 0;
	const rounded = Math.floor((2 * count + base) / (2 * base)) * base;
	return rounded >= k ? rounded : Math.ceil(k / base) * base;
}
