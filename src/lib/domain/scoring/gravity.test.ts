import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workedDistances, workedExpected, workedOrigins, workedSites } from './fixtures/worked';
import { gravityAccessibility, gravityBeta, gravityDecay, type GravityDecayForm } from './gravity';
import { arbitraryScoringInput } from './test-support';
import { travelTimesFromPairs } from './travel-times';
import type { ScoringInput } from './types';

const worked: ScoringInput = { origins: workedOrigins, sites: workedSites, travel: travelTimesFromPairs(['a', 'b', 'c'], ['x', 'y', 'z'], workedDistances) };

describe('gravityAccessibility', () => {
	it('weighs the worked example with a Gaussian at half weight 10 minutes', () => {
		const scores = gravityAccessibility(worked).cells.map((c) => c.score);
		workedExpected.gravityGaussian.scores.forEach((expected, i) => expect(scores[i]).toBeCloseTo(expected, 9));
		workedExpected.gravityGaussian.rounded.forEach((expected, i) => expect(scores[i]).toBeCloseTo(expected, 7));
	});

	it('weighs the worked example with a negative exponential', () => {
		const half = (minutes: number) => 2 ** -(minutes / 10);
		const scores = gravityAccessibility(worked, { form: 'negativeExponential' }).cells.map((c) => c.score);
		expect(scores[0]).toBeCloseTo(4 * half(5) + 6 * half(15) + 5 * half(37.5), 9);
		expect(scores[0]).toBeCloseTo(5.32137469, 7);
	});

	it('gives half weight at the half-weight time and full weight at the door', () => {
		for (const form of ['gaussian', 'negativeExponential'] as const) {
			const decay = gravityDecay({ form, halfWeightMinutes: 12 });
			expect(decay.weight(0)).toBe(1);
			expect(decay.weight(12)).toBeCloseTo(0.5, 12);
			expect(decay.weight(Infinity)).toBe(0);
			expect(decay.band(5)).toBeNull();
		}
		expect(gravityBeta('gaussian', 10)).toBeCloseTo(100 / Math.LN2, 12);
		expect(gravityBeta('negativeExponential', 10)).toBeCloseTo(Math.LN2 / 10, 12);
	});

	it('weighs a site less the further it is', () => {
		fc.assert(
			fc.property(
				fc.constantFrom<GravityDecayForm>('gaussian', 'negativeExponential'),
				fc.double({ min: 1, max: 30, noNaN: true }),
				fc.double({ min: 0, max: 60, noNaN: true }),
				fc.double({ min: 0.01, max: 60, noNaN: true }),
				(form, halfWeightMinutes, near, further) => {
					const decay = gravityDecay({ form, halfWeightMinutes });
					expect(decay.weight(near + further)).toBeLessThanOrEqual(decay.weight(near));
				}
			)
		);
	});

	it('never raises a score when a site moves further away', () => {
		fc.assert(
			fc.property(arbitraryScoringInput, fc.nat(), fc.double({ min: 1, max: 2000, noNaN: true }), (input, pick, metres) => {
				const before = gravityAccessibility(input).cells;
				// arbitraryScoringInput builds a dense matrix; a sparse one would have no flat `minutes`.
				if (!('minutes' in input.travel)) throw new Error('expected a dense travel matrix');
				const minutes = Float64Array.from(input.travel.minutes);
				const entry = pick % minutes.length;
				minutes[entry] = minutes[entry]! + metres / 80;
				const after = gravityAccessibility({ ...input, travel: { ...input.travel, minutes } }).cells;
				before.forEach((cell, i) => expect(after[i]!.score).toBeLessThanOrEqual(cell.score));
			})
		);
	});

	it('refuses an unknown form or a half-weight time that is not positive', () => {
		expect(() => gravityAccessibility(worked, { halfWeightMinutes: 0 })).toThrow('half-weight time must be a positive number of minutes');
		expect(() => gravityAccessibility(worked, { halfWeightMinutes: Number.NaN })).toThrow('half-weight time');
		expect(() => gravityAccessibility(worked, { form: 'inverse-power' as GravityDecayForm })).toThrow("must be 'gaussian' or 'negativeExponential'");
	});
});
