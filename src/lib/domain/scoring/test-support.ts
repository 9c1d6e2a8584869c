import fc from 'fast-check';
import { travelTimesFromMatrix } from './travel-times';
import type { AccessibilityResult, ScoringInput } from './types';

/**
 * Random scoring instances for property tests: up to 8 cells and 5 sites, integer counts (some 0),
 * distances up to 4 km (37.5 walking minutes reach past every default catchment) and some pairs
 * with no known distance.
 */
export const arbitraryScoringInput: fc.Arbitrary<ScoringInput> = fc
	.record({ originCount: fc.integer({ min: 1, max: 8 }), siteCount: fc.integer({ min: 1, max: 5 }) })
	.chain(({ originCount, siteCount }) =>
		fc.record({
			supplies: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: originCount, maxLength: originCount }),
			opportunities: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: siteCount, maxLength: siteCount }),
			metres: fc.array(fc.oneof({ weight: 9, arbitrary: fc.double({ min: 0, max: 4000, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Infinity) }), {
				minLength: originCount * siteCount,
				maxLength: originCount * siteCount
			})
		})
	)
	.map(({ supplies, opportunities, metres }) => {
		const originIds = supplies.map((_, i) => `cell-${i}`);
		const siteIds = opportunities.map((_, j) => `site-${j}`);
		return {
			origins: supplies.map((supply, i) => ({ id: originIds[i] as string, supply })),
			sites: opportunities.map((count, j) => ({ id: siteIds[j] as string, opportunities: count })),
			travel: travelTimesFromMatrix(originIds, siteIds, Float64Array.from(metres))
		};
	});

/** |actual − expected| within a relative tolerance (exact when expected is 0). */
export function closeRelative(actual: number, expected: number, tolerance = 1e-9): boolean {
	return Math.abs(actual - expected) <= tolerance * Math.abs(expected);
}

/** Σ_i P(i)·A(i) and Σ_j O(j) over sites with demand in reach. */
export function conservation(input: ScoringInput, result: AccessibilityResult): { distributed: number; offered: number } {
	const distributed = input.origins.reduce((sum, origin, i) => sum + origin.supply * result.cells[i]!.score, 0);
	const offered = result.sites.reduce((sum, site) => sum + (site.demand > 0 ? site.opportunities : 0), 0);
	return { distributed, offered };
}
