import { describe, expect, it } from 'vitest';
import { workedDistances } from './fixtures/worked';
import { travelTimesFromMatrix, travelTimesFromPairs, walkingMinutes } from './travel-times';
import { WALKING_SPEED } from './types';

describe('walkingMinutes', () => {
	it('walks 80 m a minute by default (4.8 km/h, as PTAL) and 60 m for the slower preset', () => {
		expect(walkingMinutes(1600)).toBe(20);
		expect(walkingMinutes(1200, WALKING_SPEED.slower)).toBe(20);
		expect(WALKING_SPEED.standard * 60).toBe(4800);
		expect(WALKING_SPEED.slower * 60).toBe(3600);
	});
});

describe('travelTimesFromPairs', () => {
	it('fills a row-major minutes matrix and leaves unlisted pairs unreachable', () => {
		const travel = travelTimesFromPairs(['a', 'b'], ['x', 'y'], [
			{ origin: 'a', site: 'x', metres: 400 },
			{ origin: 'b', site: 'y', metres: 1200 }
		]);
		expect(Array.from(travel.minutes)).toEqual([5, Infinity, Infinity, 15]);
		expect(travel.originIndex.get('b')).toBe(1);
		expect(travel.siteIndex.get('y')).toBe(1);
	});

	it('matches the dense constructor for the same distances', () => {
		const fromPairs = travelTimesFromPairs(['a', 'b', 'c'], ['x', 'y', 'z'], workedDistances, WALKING_SPEED.slower);
		const metres = Float64Array.from([400, 1200, 3000, 1000, 2000, 3000, 2000, 640, 3000]);
		const fromMatrix = travelTimesFromMatrix(['a', 'b', 'c'], ['x', 'y', 'z'], metres, WALKING_SPEED.slower);
		expect(Array.from(fromMatrix.minutes)).toEqual(Array.from(fromPairs.minutes));
		expect(fromPairs.minutes[0]).toBeCloseTo(400 / 60, 12);
	});

	it('refuses distances it cannot place or trust', () => {
		expect(() => travelTimesFromPairs(['a'], ['x'], [{ origin: 'q', site: 'x', metres: 1 }])).toThrow("unknown origin 'q'");
		expect(() => travelTimesFromPairs(['a'], ['x'], [{ origin: 'a', site: 'q', metres: 1 }])).toThrow("unknown site 'q'");
		expect(() => travelTimesFromPairs(['a'], ['x'], [{ origin: 'a', site: 'x', metres: -1 }])).toThrow('non-negative number of metres');
		expect(() => travelTimesFromPairs(['a'], ['x'], [{ origin: 'a', site: 'x', metres: Number.NaN }])).toThrow('non-negative number of metres');
		expect(() =>
			travelTimesFromPairs(['a'], ['x'], [
				{ origin: 'a', site: 'x', metres: 1 },
				{ origin: 'a', site: 'x', metres: 2 }
			])
		).toThrow('given twice');
		expect(() => travelTimesFromPairs(['a', 'a'], ['x'], [])).toThrow("origin id 'a' appears twice");
		expect(() => travelTimesFromPairs(['a'], ['x'], [], 0)).toThrow('walking speed must be a positive number');
	});

	it('refuses a dense matrix of the wrong size', () => {
		expect(() => travelTimesFromMatrix(['a', 'b'], ['x'], new Float64Array(3))).toThrow('expected 2 origins × 1 sites = 2');
		expect(() => travelTimesFromMatrix(['a'], ['x'], Float64Array.from([-5]))).toThrow('matrix entry 0');
	});
});
