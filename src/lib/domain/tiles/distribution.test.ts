import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distributionQuantile, quantile, valueDistribution } from './distribution';

describe('valueDistribution', () => {
	it('counts zeros and positives and keeps the positive quantiles every 5 %', () => {
		const d = valueDistribution([0, 0, 3, 1, 2, Number.NaN, 4, 5]);
		expect(d).toMatchObject({ count: 7, zeros: 2, positive: 5 });
		expect(d.quantiles).toHaveLength(21);
		expect(d.quantiles[0]).toBe(1);
		expect(d.quantiles[10]).toBe(3);
		expect(d.quantiles[20]).toBe(5);
	});

	it('has no quantiles when nothing is positive', () => {
		expect(valueDistribution([0, 0])).toEqual({ count: 2, zeros: 2, positive: 0, quantiles: [] });
	});

	it('gives back the very quantiles of the values at fifths, as a legend asks for them', () => {
		fc.assert(
			fc.property(fc.array(fc.double({ min: 0.001, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }), (values) => {
				const sorted = [...values].sort((a, b) => a - b);
				const d = valueDistribution(values);
				for (let i = 0; i <= 5; i++) expect(distributionQuantile(d, i / 5)).toBe(quantile(sorted, i / 5));
			})
		);
	});
});
