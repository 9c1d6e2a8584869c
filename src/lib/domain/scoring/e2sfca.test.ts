import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandedDecay, DEFAULT_BANDS, enhancedTwoStepFloatingCatchment, type WeightedBand } from './e2sfca';
import { workedDistances, workedExpected, workedOrigins, workedSites } from './fixtures/worked';
import { arbitraryScoringInput, closeRelative, conservation } from './test-support';
import { travelTimesFromPairs } from './travel-times';
import type { ScoringInput } from './types';

const worked: ScoringInput = { origins: workedOrigins, sites: workedSites, travel: travelTimesFromPairs(['a', 'b', 'c'], ['x', 'y', 'z'], workedDistances) };

const arbitraryBands: fc.Arbitrary<WeightedBand[]> = fc
	.array(fc.record({ step: fc.integer({ min: 1, max: 15 }), percent: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 5 })
	.map((steps) => {
		let edge = 0;
		return steps.map(({ step, percent }) => ({ upToMinutes: (edge += step), weight: percent / 100 }));
	});

describe('bandedDecay', () => {
	it('uses Luo & Qi’s bands by default, an edge belonging to the nearer band', () => {
		expect(DEFAULT_BANDS.map((b) => [b.upToMinutes, b.weight])).toEqual([
			[10, 1],
			[20, 0.68],
			[30, 0.22]
		]);
		const decay = bandedDecay();
		expect([0, 10, 10.01, 20, 29.9, 30, 30.01, Infinity].map((m) => decay.weight(m))).toEqual([1, 1, 0.68, 0.68, 0.22, 0.22, 0, 0]);
		expect(decay.band(15)).toEqual({ fromMinutes: 10, toMinutes: 20 });
		expect(decay.band(31)).toBeNull();
	});

	it('refuses bands that are empty, out of order or weighted outside [0, 1]', () => {
		expect(() => bandedDecay([])).toThrow('at least one travel-time band');
		expect(() => bandedDecay([{ upToMinutes: 0, weight: 1 }])).toThrow('band 1 ends at 0 minutes');
		expect(() =>
			bandedDecay([
				{ upToMinutes: 10, weight: 1 },
				{ upToMinutes: 10, weight: 0.5 }
			])
		).toThrow('strictly increasing: band 2 ends at 10 minutes after 10');
		expect(() => bandedDecay([{ upToMinutes: Number.NaN, weight: 1 }])).toThrow('strictly increasing');
		expect(() => bandedDecay([{ upToMinutes: 10, weight: 1.2 }])).toThrow('weights must lie in [0, 1]: band 1 has weight 1.2');
		expect(() => bandedDecay([{ upToMinutes: 10, weight: -0.1 }])).toThrow('weights must lie in [0, 1]');
		expect(() => enhancedTwoStepFloatingCatchment(worked, { bands: [{ upToMinutes: 10, weight: Number.NaN }] })).toThrow('weights must lie in [0, 1]');
	});
});

describe('enhancedTwoStepFloatingCatchment', () => {
	it('scores the worked example as computed by hand', () => {
		const result = enhancedTwoStepFloatingCatchment(worked);
		expect(result.method).toBe('e2sfca');
		workedExpected.enhanced.scores.forEach((expected, i) => expect(result.cells[i]!.score).toBeCloseTo(expected, 9));
		workedExpected.enhanced.rounded.forEach((expected, i) => expect(result.cells[i]!.score).toBeCloseTo(expected, 8));
		expect(result.cells.map((c) => c.rank)).toEqual(workedExpected.enhanced.ranks);
		workedExpected.enhanced.demand.forEach((expected, j) => expect(result.sites[j]!.demand).toBeCloseTo(expected, 9));
		workedExpected.enhanced.supplyRatios.forEach((expected, j) => expect(result.sites[j]!.supplyRatio).toBeCloseTo(expected, 9));
		expect(conservation(worked, result).distributed).toBeCloseTo(10, 9);
	});

	it('explains a score band by band', () => {
		const parts = enhancedTwoStepFloatingCatchment(worked).explain('b');
		expect(parts.map((p) => [p.siteId, p.band, p.weight])).toEqual([
			['x', { fromMinutes: 10, toMinutes: 20 }, 0.68],
			['y', { fromMinutes: 20, toMinutes: 30 }, 0.22]
		]);
		expect(parts[0]!.contribution).toBeCloseTo((0.68 * 4) / 3.34, 9);
	});

	it('equals 2SFCA with a single band of weight 1', () => {
		const single = enhancedTwoStepFloatingCatchment(worked, { bands: [{ upToMinutes: 20, weight: 1 }] });
		workedExpected.twoStep.scores.forEach((expected, i) => expect(single.cells[i]!.score).toBeCloseTo(expected, 9));
	});

	it('hands out exactly the opportunities of sites with demand in reach, whatever the bands', () => {
		fc.assert(
			fc.property(arbitraryScoringInput, arbitraryBands, (input, bands) => {
				const result = enhancedTwoStepFloatingCatchment(input, { bands });
				const { distributed, offered } = conservation(input, result);
				expect(closeRelative(distributed, offered)).toBe(true);
				for (const cell of result.cells) {
					const total = result.explain(cell.originId).reduce((sum, part) => sum + part.contribution, 0);
					expect(total).toBeCloseTo(cell.score, 9);
				}
			})
		);
	});
});
