import { describe, expect, it } from 'vitest';
import { binTilePoints } from './bins';

describe('binTilePoints', () => {
	it('counts points per grid square, keeps singles, and skips the tile buffer', () => {
		const points: [number, number][] = [
			[0.01, 0.01],
			[0.02, 0.03],
			[0.9, 0.9],
			[-0.01, 0.5],
			[1.0, 0.5]
		];
		const bins = binTilePoints(points, (p) => p, 4);
		expect(bins).toHaveLength(2);
		const pair = bins.find((b) => b.count === 2)!;
		expect(pair.single).toBeNull();
		expect(pair.x).toBeCloseTo(0.015);
		expect(bins.find((b) => b.count === 1)!.single).toEqual([0.9, 0.9]);
	});

	it('adds up squares already counted, at their weighted mean, and keeps only a lone point as single', () => {
		// [x, y, count]: two categories' squares in one grid square, and a lone point elsewhere.
		const squares: [number, number, number][] = [
			[0.1, 0.1, 3],
			[0.2, 0.1, 1],
			[0.8, 0.8, 1],
			[0.6, 0.6, 0]
		];
		const bins = binTilePoints(squares, (s) => [s[0], s[1]], 2, (s) => s[2]);
		expect(bins).toHaveLength(2);
		const merged = bins.find((b) => b.count === 4)!;
		expect(merged.x).toBeCloseTo((0.1 * 3 + 0.2) / 4);
		expect(merged.y).toBeCloseTo(0.1);
		expect(merged.single).toBeNull();
		expect(bins.find((b) => b.count === 1)!.single).toEqual([0.8, 0.8, 1]);
	});
});
