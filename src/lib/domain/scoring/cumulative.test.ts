import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeOpportunities } from './cumulative';
import { workedDistances, workedExpected, workedOrigins, workedSites } from './fixtures/worked';
import { arbitraryScoringInput } from './test-support';
import { travelTimesFromPairs } from './travel-times';
import { WALKING_SPEED, type ScoringInput } from './types';

function worked(metresPerMinute: number = WALKING_SPEED.standard): ScoringInput {
	return { origins: workedOrigins, sites: workedSites, travel: travelTimesFromPairs(['a', 'b', 'c'], ['x', 'y', 'z'], workedDistances, metresPerMinute) };
}

describe('cumulativeOpportunities', () => {
	it('counts the opportunities within 20 minutes in the worked example', () => {
		const result = cumulativeOpportunities(worked());
		expect(result.method).toBe('cumulative');
		expect(result.cells.map((c) => c.score)).toEqual(workedExpected.cumulative.scores);
		expect(result.cells.map((c) => c.rank)).toEqual(workedExpected.cumulative.ranks);
		expect(result.cells.map((c) => c.percentile)).toEqual(workedExpected.cumulative.percentiles);
		// Site view with W = [d ≤ 20]: x is reached by a and b (supply 3), y by a and c (5).
		expect(result.sites.map((s) => s.supplyRatio)).toEqual([3 / 4, 5 / 6, 0]);
	});

	it('explains a score site by site in the 0–T band', () => {
		const result = cumulativeOpportunities(worked());
		expect(result.explain('a')).toEqual([
			{ siteId: 'y', minutes: 15, band: { fromMinutes: 0, toMinutes: 20 }, weight: 1, siteValue: 6, contribution: 6 },
			{ siteId: 'x', minutes: 5, band: { fromMinutes: 0, toMinutes: 20 }, weight: 1, siteValue: 4, contribution: 4 }
		]);
		expect(() => result.explain('nowhere')).toThrow("origin 'nowhere' was not scored");
	});

	it('reaches less for slower walkers', () => {
		// At 60 m/min b–x (1000 m) is 16.7 min, still in; a–y (1200 m) is exactly 20 min, still in.
		expect(cumulativeOpportunities(worked(WALKING_SPEED.slower), { thresholdMinutes: 16 }).cells.map((c) => c.score)).toEqual([4, 0, 6]);
	});

	it('never loses a cell opportunities as the threshold grows', () => {
		fc.assert(
			fc.property(arbitraryScoringInput, fc.double({ min: 0.1, max: 40, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), (input, threshold, extra) => {
				const shorter = cumulativeOpportunities(input, { thresholdMinutes: threshold }).cells;
				const longer = cumulativeOpportunities(input, { thresholdMinutes: threshold + extra }).cells;
				shorter.forEach((cell, i) => expect(longer[i]!.score).toBeGreaterThanOrEqual(cell.score));
			})
		);
	});

	it('gives scores that its explanations sum to', () => {
		fc.assert(
			fc.property(arbitraryScoringInput, (input) => {
				const result = cumulativeOpportunities(input);
				for (const cell of result.cells) {
					const total = result.explain(cell.originId).reduce((sum, part) => sum + part.contribution, 0);
					expect(total).toBeCloseTo(cell.score, 9);
				}
			})
		);
	});

	it('refuses a threshold that is not a positive number of minutes', () => {
		for (const thresholdMinutes of [0, -5, Number.NaN, Infinity]) {
			expect(() => cumulativeOpportunities(worked(), { thresholdMinutes })).toThrow('threshold must be a positive number of minutes');
		}
	});
});
