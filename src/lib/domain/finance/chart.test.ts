import { describe, expect, it } from 'vitest';
import { layoutYearChart, niceCeiling } from './chart';

const zero = { grant: 0, loan: 0, community_share: 0, prize: 0 };

describe('layoutYearChart', () => {
	it('rounds the scale up to 1, 2 or 5 times a power of ten', () => {
		expect([0, 1, 3, 7, 12, 180, 5000, 5001].map(niceCeiling)).toEqual([1, 1, 5, 10, 20, 200, 5000, 10000]);
	});

	it('stacks each year’s kinds from the axis, heights in proportion to the amounts', () => {
		const chart = layoutYearChart([
			{ year: 2024, byKind: { ...zero, grant: 300, loan: 100 } },
			{ year: 2025, byKind: { ...zero, prize: 1000 } }
		]);
		expect(chart.scaleMax).toBe(1000);
		const [a, b] = chart.bars;
		expect(a!.segments.map((s) => s.kind)).toEqual(['grant', 'loan']);
		expect(a!.segments[0]!.height * 1).toBeCloseTo(a!.segments[1]!.height * 3, 6);
		// The grant sits on the axis, the loan on top of it.
		expect(a!.segments[0]!.y + a!.segments[0]!.height).toBeCloseTo(chart.ticks[0]!.y, 6);
		expect(a!.segments[1]!.y + a!.segments[1]!.height).toBeCloseTo(a!.segments[0]!.y, 6);
		expect(b!.segments[0]!.y).toBeCloseTo(chart.ticks[2]!.y, 6);
	});
});
