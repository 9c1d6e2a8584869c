import { describe, expect, it } from 'vitest';
import {
	formatDistance,
	formatPeriod,
	formatRatio,
	groupByKey,
	labelledName,
	opportunityTable,
	ordinal,
	talentAxisMax,
	talentBars,
	walkingMinutes
} from './summary';

const GROUPS = [
	{ id: 'nursing', name: 'Nursing & midwifery' },
	{ id: 'care', name: 'Care & support' },
	{ id: 'facilities', name: 'Facilities' }
];

describe('opportunityTable', () => {
	it('counts by skill group (taxonomy order) and kind (vocabulary order), with totals', () => {
		const table = opportunityTable(
			[
				{ skillGroupId: 'facilities', kind: 'job', count: 25, illustrative: false },
				{ skillGroupId: 'nursing', kind: 'training', count: 24, illustrative: true },
				{ skillGroupId: 'nursing', kind: 'job', count: 60, illustrative: false },
				{ skillGroupId: 'nursing', kind: 'job', count: 14, illustrative: false },
				{ skillGroupId: 'facilities', kind: 'procurement', count: 1, illustrative: false }
			],
			GROUPS
		);
		expect(table.kinds).toEqual(['job', 'training', 'procurement']);
		expect(table.rows).toEqual([
			{ skillGroupId: 'nursing', name: 'Nursing & midwifery', counts: [74, 24, 0], total: 98, illustrative: true },
			{ skillGroupId: 'facilities', name: 'Facilities', counts: [25, 0, 1], total: 26, illustrative: false }
		]);
		expect(table.totals).toEqual([99, 24, 1]);
		expect(table.total).toBe(124);
		expect(table.illustrative).toBe(true);
	});

	it('shows a group missing from the taxonomy by its id, last, and is empty for no opportunities', () => {
		const table = opportunityTable([{ skillGroupId: 'unknown', kind: 'placement', count: 2, illustrative: false }], GROUPS);
		expect(table.rows.map((r) => r.name)).toEqual(['unknown']);
		expect(opportunityTable([], GROUPS)).toEqual({ kinds: [], rows: [], totals: [], total: 0, illustrative: false });
	});
});

describe('talent bars', () => {
	it('ends the axis at the smallest of 1, 2, 5 and 10 that holds the largest ratio, never beyond 10', () => {
		expect(talentAxisMax([0.3, 0.8])).toBe(1);
		expect(talentAxisMax([0.3, 1.5])).toBe(2);
		expect(talentAxisMax([3.2, 6.7])).toBe(10);
		expect(talentAxisMax([1.5, 60])).toBe(10);
		expect(talentAxisMax([])).toBe(1);
	});

	it('draws ratios beyond the axis full and marked, and none as an empty bar', () => {
		const { axisMax, bars } = talentBars(
			[
				{ skill: 'facilities', opportunities: 2, localSupply: 120, supplyPerOpportunity: 60 },
				{ skill: 'nursing', opportunities: 104, localSupply: 31.7, supplyPerOpportunity: 0.305 },
				{ skill: 'care', opportunities: 0, localSupply: 0, supplyPerOpportunity: null }
			],
			GROUPS
		);
		expect(axisMax).toBe(10);
		expect(bars.map((b) => [b.name, b.percent, b.beyondAxis])).toEqual([
			['Nursing & midwifery', 3.05, false],
			['Care & support', 0, false],
			['Facilities', 100, true]
		]);
	});
});

describe('words and numbers', () => {
	it('writes ratios to 2 significant figures below 10 and whole above', () => {
		expect([0.304669, 1.49228, 2.18005, 14.8108, 60.29, 0, null].map(formatRatio)).toEqual(['0.30', '1.5', '2.2', '15', '60', '0', '–']);
	});

	it('writes distances from a site’s edge', () => {
		expect([0, 4, 7, 182, 996, 1240].map(formatDistance)).toEqual(['on site', 'on site', '10 m', '180 m', '1.0 km', '1.2 km']);
		expect(walkingMinutes(1000)).toBe(13);
		expect(walkingMinutes(10)).toBe(1);
	});

	it('labels synthetic names once', () => {
		expect(labelledName('Food Co-op', true)).toBe('Food Co-op (synthetic)');
		expect(labelledName('Food Co-op (synthetic)', true)).toBe('Food Co-op (synthetic)');
		expect(labelledName('Asda', false)).toBe('Asda');
	});

	it('writes periods by month, whatever the time zone', () => {
		expect(formatPeriod('2025-01-01', '2025-12-31')).toBe('Jan 2025 – Dec 2025');
		expect(formatPeriod('2025-04-01', null)).toBe('from Apr 2025');
		expect(formatPeriod(null, '2026-03-31')).toBe('until Mar 2026');
		expect(formatPeriod(null, null)).toBe('');
	});

	it('groups nearby organisations in the vocabulary’s order, keeping nearest first', () => {
		const groups = groupByKey(
			[
				{ id: 'a', type: 'school', d: 10 },
				{ id: 'b', type: 'faith_centre', d: 20 },
				{ id: 'c', type: 'school', d: 30 }
			],
			(x) => x.type,
			['faith_centre', 'school', 'library'],
			{ faith_centre: 'Faith centres', school: 'Schools' }
		);
		expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
			['Faith centres', ['b']],
			['Schools', ['a', 'c']]
		]);
		expect(ordinal(1)).toBe('1st');
		expect(ordinal(12)).toBe('12th');
		expect(ordinal(23)).toBe('23rd');
	});
});
