import { describe, expect, it } from 'vitest';
import { deriveAttackerFacts } from './attack';
import { buildFilterLattice } from './filters';
import type { Publication, PublishedLayer } from './publish';
import { tableHierarchy } from './test-support';

const hierarchy = tableHierarchy({
	'hex250:a': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
	'hex250:a2': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
	'hex250:b': { hex500: 'hex500:B1', hex1000: 'hex1000:B' },
	'hex250:c': { hex500: 'hex500:C1', hex1000: 'hex1000:C' }
});
const geography = { hierarchy, baseCellIds: hierarchy.baseCellIds };

/** A publication written by hand: `layers` maps a filter key to released units, hidden ids, total. */
function publication(layers: Record<string, { units?: Record<string, number>; hidden?: string[]; total?: number | null }>): Publication {
	const lattice = buildFilterLattice(['nurse', 'porter']);
	const out = new Map<string, PublishedLayer>();
	lattice.filters.forEach((filter, f) => {
		const given = layers[lattice.keys[f]!] ?? {};
		out.set(lattice.keys[f]!, {
			filter,
			units: Object.entries(given.units ?? {}).map(([id, count]) => ({ id, level: 'hex250' as const, count })),
			suppressedUnits: given.hidden ?? [],
			total: given.total === undefined ? 0 : given.total
		});
	});
	return { k: 10, roundingBase: 5, layers: out, suppressionRecord: [], summary: { records: 0, recordsInPublishedUnits: 0, shareInPublishedUnits: 1, acrossLayers: { counted: 0, inPublishedUnits: 0, share: 1 } } };
}

const nurseOnly = (units: Record<string, number>, hidden: string[], total: number | null) => ({
	'all/any': { units, hidden, total },
	'nurse/any': { units, hidden, total }
});

describe('deriveAttackerFacts', () => {
	it('subtracts the released units from the total (primary suppression alone leaks)', () => {
		const facts = deriveAttackerFacts(publication(nurseOnly({ 'hex250:a': 30, 'hex250:c': 25 }, ['hex1000:B'], 59)), geography);
		expect(facts).toContainEqual({ kind: 'total', terms: [{ filterKey: 'nurse/any', unitId: 'hex1000:B' }], value: 4 });
	});

	it('gives only a sum when two units are hidden', () => {
		const facts = deriveAttackerFacts(publication(nurseOnly({ 'hex250:a': 30 }, ['hex1000:B', 'hex250:c'], 59)), geography);
		const total = facts.find((fact) => fact.kind === 'total' && fact.terms[0]?.filterKey === 'nurse/any');
		expect(total).toMatchObject({ value: 29 });
		expect(total && 'terms' in total ? total.terms : []).toHaveLength(2);
	});

	it('subtracts nested filters over the same unit', () => {
		const facts = deriveAttackerFacts(
			publication({
				...nurseOnly({ 'hex250:a': 20 }, [], 20),
				'all/professionally_registered': { units: { 'hex250:a': 17 }, total: 17 },
				'nurse/professionally_registered': { units: { 'hex250:a': 17 }, total: 17 }
			}),
			geography
		);
		expect(facts).toContainEqual({ kind: 'linked', narrower: 'nurse/professionally_registered', broader: 'nurse/any', unitId: 'hex250:a', value: 3 });
	});

	it("splits 'all' into groups, even inside a coarser unit of a group", () => {
		const facts = deriveAttackerFacts(
			publication({
				'all/any': { units: { 'hex250:a': 23, 'hex250:a2': 12 }, total: 35 },
				'nurse/any': { units: { 'hex250:a': 20 }, total: 20 },
				'porter/any': { units: { 'hex500:A1': 15 }, total: 15 }
			}),
			geography
		);
		expect(facts).toContainEqual({ kind: 'partition', terms: [{ filterKey: 'porter/any', unitId: 'hex250:a' }], value: 3 });
	});

	it('feeds a pinned value into the other relations', () => {
		// Truth: a 30 nurses; b 3 porters; c 25 nurses + 15 porters. The nurse total pins nurses in c
		// (25); 'all' in c (40) then pins porters in c (15); porter's total (18) leaves 3 for b.
		const facts = deriveAttackerFacts(
			publication({
				'all/any': { units: { 'hex250:a': 30, 'hex250:c': 40 }, hidden: ['hex250:b'], total: null },
				'nurse/any': { units: { 'hex250:a': 30 }, hidden: ['hex250:c'], total: 55 },
				'porter/any': { hidden: ['hex250:b', 'hex250:c'], total: 18 }
			}),
			geography
		);
		expect(facts).toContainEqual({ kind: 'total', terms: [{ filterKey: 'nurse/any', unitId: 'hex250:c' }], value: 25 });
		expect(facts).toContainEqual({ kind: 'partition', terms: [{ filterKey: 'porter/any', unitId: 'hex250:c' }], value: 15 });
		expect(facts).toContainEqual({ kind: 'total', terms: [{ filterKey: 'porter/any', unitId: 'hex250:b' }], value: 3 });
	});

	it('refuses a publication whose units are not in the public geography', () => {
		expect(() => deriveAttackerFacts(publication({ 'all/any': { units: { 'hex250:zz': 10 }, total: 10 } }), geography)).toThrow(/not in the public geography/);
	});
});
