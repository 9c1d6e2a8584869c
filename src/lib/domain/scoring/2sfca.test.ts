import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twoStepFloatingCatchment } from './2sfca';
import { workedDistances, workedExpected, workedOrigins, workedSites } from './fixtures/worked';
import { arbitraryScoringInput, closeRelative, conservation } from './test-support';
import { travelTimesFromPairs } from './travel-times';
import type { ScoringInput } from './types';

const worked: ScoringInput = { origins: workedOrigins, sites: workedSites, travel: travelTimesFromPairs(['a', 'b', 'c'], ['x', 'y', 'z'], workedDistances) };

describe('twoStepFloatingCatchment', () => {
	it('shares each site among the supply in its catchment in the worked example', () => {
		const result = twoStepFloatingCatchment(worked);
		expect(result.method).toBe('2sfca');
		workedExpected.twoStep.scores.forEach((expected, i) => expect(result.cells[i]!.score).toBeCloseTo(expected, 9));
		expect(result.cells.map((c) => c.rank)).toEqual([1, 2, 3]);
		workedExpected.twoStep.supplyRatios.forEach((expected, j) => expect(result.sites[j]!.supplyRatio).toBeCloseTo(expected, 9));
		const { distributed, offered } = conservation(worked, result);
		expect(offered).toBe(10);
		expect(distributed).toBeCloseTo(10, 9);
	});

	it('explains a score by each site’s supply-to-demand ratio', () => {
		const parts = twoStepFloatingCatchment(worked).explain('a');
		expect(parts.map((p) => p.siteId)).toEqual(['x', 'y']);
		expect(parts[0]!.siteValue).toBeCloseTo(workedExpected.twoStep.siteRatios[0], 9);
		expect(parts[1]!.siteValue).toBeCloseTo(workedExpected.twoStep.siteRatios[1], 9);
		expect(parts[0]!.band).toEqual({ fromMinutes: 0, toMinutes: 20 });
	});

	it('gives a site with nobody in reach a ratio of 0 rather than dividing by zero', () => {
		const result = twoStepFloatingCatchment(worked);
		expect(result.sites[2]).toEqual({ siteId: 'z', opportunities: 5, demand: 0, supplyRatio: 0 });
		expect(result.cells.every((c) => Number.isFinite(c.score))).toBe(true);
	});

	it('hands out exactly the opportunities of sites with demand in reach', () => {
		fc.assert(
			fc.property(arbitraryScoringInput, fc.double({ min: 1, max: 40, noNaN: true }), (input, thresholdMinutes) => {
				const { distributed, offered } = conservation(input, twoStepFloatingCatchment(input, { thresholdMinutes }));
				expect(closeRelative(distributed, offered)).toBe(true);
			})
		);
	});

	it('refuses a threshold that is not a positive number of minutes', () => {
		expect(() => twoStepFloatingCatchment(worked, { thresholdMinutes: -1 })).toThrow('threshold must be a positive number of minutes');
	});
});
