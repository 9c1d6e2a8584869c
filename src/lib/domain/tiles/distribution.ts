/**
 * What a map needs to know about a tiled layer's values to colour it, without the layer itself:
 * how many values, how many are zero, and the positive values' quantiles on a fixed grid. The tile
 * summary (server/tiles/summary.ts) computes it over the whole layer; the map's legend classes
 * (map/scores.ts) read their breaks from it, so classes do not change as tiles load or the map pans.
 */
import type { ValueDistribution } from '../../contracts/tiles';

/** Quantiles every 1/20 (5 %): exact for 2, 4, 5, 10 and 20 classes. */
export const QUANTILE_STEPS = 20;

/** The q-quantile of sorted values, by linear interpolation (type 7, as R and NumPy default). */
export function quantile(sorted: readonly number[], q: number): number {
	const position = (sorted.length - 1) * q;
	const low = Math.floor(position);
	const high = Math.ceil(position);
	return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/** The distribution of `values` (non-finite values are left out). */
export function valueDistribution(values: readonly number[], steps = QUANTILE_STEPS): ValueDistribution {
	const finite = values.filter((v) => Number.isFinite(v));
	const positive = finite.filter((v) => v > 0).sort((a, b) => a - b);
	return {
		count: finite.length,
		zeros: finite.filter((v) => v === 0).length,
		positive: positive.length,
		quantiles: positive.length ? Array.from({ length: steps + 1 }, (_, i) => quantile(positive, i / steps)) : []
	};
}

/**
 * The positive values' q-quantile read back from a distribution: exact where q falls on its grid
 * (i / steps), interpolated between grid points otherwise.
 */
export function distributionQuantile(distribution: ValueDistribution, q: number): number {
	return quantile(distribution.quantiles, q);
}
