import { describe, expect, it } from 'vitest';
import { cumulativeOpportunities } from './cumulative';
import { enhancedTwoStepFloatingCatchment } from './e2sfca';
import { workedDistances, workedOrigins, workedSites } from './fixtures/worked';
import { travelTimesFromPairs } from './travel-times';
import type { ScoringInput } from './types';

const travel = travelTimesFromPairs(['a', 'b', 'c'], ['x', 'y', 'z'], workedDistances);
const worked: ScoringInput = { origins: workedOrigins, sites: workedSites, travel };

describe('the shared scoring engine', () => {
	it('reports no supply ratio for a site with no opportunities', () => {
		const result = enhancedTwoStepFloatingCatchment({ ...worked, sites: [{ id: 'x', opportunities: 0 }, ...workedSites.slice(1)] });
		expect(result.sites[0]).toMatchObject({ siteId: 'x', opportunities: 0, supplyRatio: null });
		expect(result.sites[0]!.demand).toBeCloseTo(3.34, 9);
	});

	it('scores any subset of the matrix, in the order given', () => {
		const result = cumulativeOpportunities({ origins: [workedOrigins[2]!, workedOrigins[0]!], sites: [workedSites[1]!], travel });
		expect(result.cells.map((c) => [c.originId, c.score, c.rank])).toEqual([
			['c', 6, 1],
			['a', 6, 1]
		]);
		// Percentile counts cells strictly lower, so cells all tied share 0.
		expect(result.cells.map((c) => c.percentile)).toEqual([0, 0]);
	});

	it('refuses counts it cannot score with a message naming the culprit', () => {
		expect(() => cumulativeOpportunities({ ...worked, origins: [{ id: 'q', supply: 1 }] })).toThrow("origin 'q' has no row in the travel times");
		expect(() => cumulativeOpportunities({ ...worked, sites: [{ id: 'q', opportunities: 1 }] })).toThrow("site 'q' has no column in the travel times");
		expect(() => cumulativeOpportunities({ ...worked, origins: [{ id: 'a', supply: -1 }] })).toThrow("origin 'a' supply must be a finite count ≥ 0, got -1");
		expect(() => cumulativeOpportunities({ ...worked, sites: [{ id: 'x', opportunities: Number.NaN }] })).toThrow("site 'x' opportunities must be a finite count ≥ 0");
		expect(() => cumulativeOpportunities({ ...worked, origins: [workedOrigins[0]!, workedOrigins[0]!] })).toThrow("origin 'a' appears twice");
	});
});
