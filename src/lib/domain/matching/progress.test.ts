import { describe, expect, it } from 'vitest';
import { progressShare, sumPublished } from './progress';

describe('progress', () => {
	it('sums released totals and says when one was withheld', () => {
		expect(sumPublished([10, 0, 15])).toEqual({ value: 25, atLeast: false });
		expect(sumPublished([10, null, 15])).toEqual({ value: 25, atLeast: true });
		expect(sumPublished([])).toEqual({ value: 0, atLeast: false });
	});
	it('gives the share of a target', () => {
		expect(progressShare(94, 60)).toBeCloseTo(1.5667, 3);
		expect(progressShare(5, 0)).toBeNull();
		expect(progressShare(5, null)).toBeNull();
	});
});
