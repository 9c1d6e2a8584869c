import { describe, expect, it } from 'vitest';
import { areaCodeOfUnit, publishAreaCoverage } from './area-coverage';

const repeat = (code: string | null, n: number) => Array.from({ length: n }, () => code);
const settings = { k: 10, roundingBase: 5, rateThresholdPer1000: 5 };

describe('publishAreaCoverage', () => {
	it('releases rounded counts, withholds an area under k, and rates the published count per 1,000', () => {
		const areas = [
			{ code: 'A', population: 2000 },
			{ code: 'B', population: 1500 },
			{ code: 'C', population: 1000 },
			{ code: 'D', population: 1200 }
		];
		// A 23 → 25, B 12 → 10, C 3 (withheld), D none. Withholding C alone would let the total give
		// it away, so a second unit goes too (secondary suppression).
		const figures = publishAreaCoverage([...repeat('A', 23), ...repeat('B', 12), ...repeat('C', 3)], areas, settings);
		expect(figures.areas).toEqual([
			{ code: 'A', count: 25, ratePer1000: 12.5, underSurveyed: false, reason: null },
			{ code: 'B', count: null, ratePer1000: null, underSurveyed: true, reason: 'withheld' },
			{ code: 'C', count: null, ratePer1000: null, underSurveyed: true, reason: 'withheld' },
			{ code: 'D', count: 0, ratePer1000: 0, underSurveyed: true, reason: 'low-rate' }
		]);
		expect(figures.total).toBe(40);
		expect(figures.outside).toBe(0);
		expect(JSON.stringify(figures)).not.toMatch(/"count":[1-9],/);
	});

	it('flags a published area whose rate is under the threshold, and not one above it', () => {
		const figures = publishAreaCoverage([...repeat('A', 40), ...repeat('B', 40), ...repeat(null, 20)], [
			{ code: 'A', population: 2000 },
			{ code: 'B', population: 10000 }
		], settings);
		expect(figures.areas).toEqual([
			{ code: 'A', count: 40, ratePer1000: 20, underSurveyed: false, reason: null },
			{ code: 'B', count: 40, ratePer1000: 4, underSurveyed: true, reason: 'low-rate' }
		]);
		expect(figures.outside).toBe(20);
		expect(figures.total).toBe(100);
	});

	it('counts responses in areas it was not given as outside, and gives no rate without a population', () => {
		const figures = publishAreaCoverage([...repeat('Z', 15), ...repeat('A', 15)], [{ code: 'A', population: null }], settings);
		expect(figures.areas).toEqual([{ code: 'A', count: 15, ratePer1000: null, underSurveyed: false, reason: null }]);
		expect(figures.outside).toBe(15);
	});

	it('reads area codes back from unit ids at every level', () => {
		expect(areaCodeOfUnit('area:E01009148')).toBe('E01009148');
		expect(areaCodeOfUnit('area:E01009148@hex1000')).toBe('E01009148');
		expect(areaCodeOfUnit('outside@hex500')).toBeNull();
	});
});
