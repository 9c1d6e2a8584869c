import { describe, expect, it } from 'vitest';
import { buildFilterLattice, filterKey } from './filters';
import { randomHierarchy, randomPopulation, seededRandom, truthOracle } from './test-support';

describe('buildFilterLattice', () => {
	it("offers 'all' and each group, each with four readiness variants, in a fixed order", () => {
		const lattice = buildFilterLattice(['porter', 'nurse']);
		expect(lattice.skills).toEqual(['all', 'nurse', 'porter']);
		expect(lattice.keys.slice(0, 5)).toEqual(['all/any', 'all/overseas_qualification', 'all/english_test_passed', 'all/professionally_registered', 'nurse/any']);
		expect(lattice.filters).toHaveLength(12);
		expect(filterKey({ skill: 'nurse', readiness: 'any' })).toBe('nurse/any');
	});

	it('lists every pair an attacker could subtract, transitively closed', () => {
		// Per group: (s,r)⊂(s,any), (s,r)⊂(all,r), (s,r)⊂(all,any) for 3 flags, and (s,any)⊂(all,any);
		// plus (all,r)⊂(all,any) for 3 flags.
		expect(buildFilterLattice(['a']).nestedPairs).toHaveLength(13);
		expect(buildFilterLattice(Array.from({ length: 12 }, (_, i) => `g${i}`)).nestedPairs).toHaveLength(123);
	});

	it('only pairs filters that really nest', () => {
		const random = seededRandom(7);
		const hierarchy = randomHierarchy({ hex1000: 2, hex500PerHex1000: 2, hex250PerHex500: 3 }, random);
		const groups = ['a', 'b', 'c'];
		const records = randomPopulation(hierarchy.baseCellIds, { size: 400, groups, hotCellShare: 0.5, flagRates: [0.5, 0.5, 0.5] }, random);
		const truth = truthOracle(records, hierarchy);
		const lattice = buildFilterLattice(groups);
		for (const { narrower, broader } of lattice.nestedPairs) {
			for (const unit of [...hierarchy.baseCellIds, 'place']) expect(truth.count(lattice.keys[narrower]!, unit)).toBeLessThanOrEqual(truth.count(lattice.keys[broader]!, unit));
		}
	});

	it('refuses group lists a layer could not be built from', () => {
		expect(() => buildFilterLattice([])).toThrow(/at least one/);
		expect(() => buildFilterLattice(['a', 'a'])).toThrow(/more than once/);
		expect(() => buildFilterLattice(['all'])).toThrow(/reserved/);
		expect(() => buildFilterLattice([' '])).toThrow(/empty/);
	});
});
