import { describe, expect, it } from 'vitest';
import { coverageAreaFeatures, coverageClass, coverageFillColour, coverageLegend } from './coverage';

describe('coverage classes', () => {
	it('steps the published rate against the threshold, withheld and missing population apart', () => {
		expect(coverageClass(null, null, 5)).toBe('withheld');
		expect(coverageClass(10, null, 5)).toBe('none');
		expect(coverageClass(0, 0, 5)).toBe('zero');
		expect(coverageClass(10, 4.9, 5)).toBe('below');
		expect(coverageClass(10, 5, 5)).toBe('near');
		expect(coverageClass(10, 9.9, 5)).toBe('near');
		expect(coverageClass(10, 10, 5)).toBe('above');
	});

	it('names every class the map fills with, with the threshold and k in words', () => {
		const legend = coverageLegend(2.5, 10);
		expect(legend.map((l) => l.label)).toEqual([
			'no responses',
			'under 2.5 per 1,000 residents',
			'2.5 to under 5 per 1,000',
			'5 or more per 1,000',
			'withheld (fewer than 10 responses, or hidden to protect a neighbour)'
		]);
		const colour = coverageFillColour();
		for (const { cls } of legend) expect(colour).toContain(cls);
	});

	it('turns areas into features carrying their class and under-surveyed flag', () => {
		const geometry = { type: 'MultiPolygon' as const, coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] };
		const fc = coverageAreaFeatures([{ code: 'A', name: null, count: null, ratePer1000: null, underSurveyed: true, geometry }], 5);
		expect(fc.features[0]!.properties).toEqual({ code: 'A', name: 'A', cls: 'withheld', under: true });
	});
});
