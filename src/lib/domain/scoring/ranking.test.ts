import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankScores } from './ranking';

describe('rankScores', () => {
	it('ranks highest first, ties sharing the smallest rank', () => {
		const standing = rankScores([5, 3, 5, 1]);
		expect(standing.map((s) => s.rank)).toEqual([1, 3, 1, 4]);
		// Cells strictly lower out of the 3 others: 2, 1, 2, 0.
		expect(standing.map((s) => s.percentile)).toEqual([(100 * 2) / 3, 100 / 3, (100 * 2) / 3, 0]);
	});

	it('ties scores that differ only by summation order', () => {
		const forwards = 0.1 + 0.2 + 0.3;
		const backwards = 0.3 + 0.2 + 0.1;
		expect(forwards).not.toBe(backwards);
		expect(rankScores([forwards, backwards, 0.5]).map((s) => s.rank)).toEqual([1, 1, 3]);
		expect(rankScores([1.0000001, 1]).map((s) => s.rank)).toEqual([1, 2]);
	});

	it('gives a lone cell rank 1 and percentile 100', () => {
		expect(rankScores([0])).toEqual([{ rank: 1, percentile: 100 }]);
		expect(rankScores([])).toEqual([]);
	});

	it('orders ranks and percentiles as the scores are ordered', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }), (scores) => {
				const standing = rankScores(scores);
				scores.forEach((score, a) => {
					const mine = standing[a]!;
					// Rank is one more than the number of strictly better cells.
					expect(mine.rank).toBe(1 + scores.filter((other) => other > score).length);
					expect(mine.percentile).toBeGreaterThanOrEqual(0);
					expect(mine.percentile).toBeLessThanOrEqual(100);
					scores.forEach((other, b) => {
						const theirs = standing[b]!;
						if (score > other) {
							expect(mine.rank).toBeLessThan(theirs.rank);
							expect(mine.percentile).toBeGreaterThan(theirs.percentile);
						} else if (score === other) {
							expect(mine).toEqual(theirs);
						}
					});
				});
				expect(standing.some((s) => s.rank === 1)).toBe(true);
			})
		);
	});
});
