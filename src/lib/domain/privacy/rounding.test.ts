import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundForRelease } from './rounding';

describe('roundForRelease', () => {
	it('rounds to the nearest multiple of the base, halves up', () => {
		expect([10, 12, 13, 14, 15, 17, 18, 61].map((count) => roundForRelease(count, 5, 10))).toEqual([10, 10, 15, 15, 15, 15, 20, 60]);
		expect(roundForRelease(0, 5, 10)).toBe(0);
	});

	it('never shows a released count as a value under k', () => {
		// k = 7: a true 7 would round to 5, which the threshold forbids.
		expect(roundForRelease(7, 5, 7)).toBe(10);
		expect(roundForRelease(8, 5, 7)).toBe(10);
		expect(roundForRelease(10, 20, 10)).toBe(20);
	});

	it('gives a multiple of the base, at or above k, within half a base once clear of k', () => {
		fc.assert(
			fc.property(fc.integer({ min: 5, max: 20 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 100_000 }), (k, base, offset) => {
				const count = k + offset;
				const shown = roundForRelease(count, base, k);
				expect(shown % base).toBe(0);
				expect(shown).toBeGreaterThanOrEqual(k);
				if (count >= Math.ceil(k / base) * base + base) expect(Math.abs(shown - count)).toBeLessThanOrEqual(base / 2);
			})
		);
	});
});
