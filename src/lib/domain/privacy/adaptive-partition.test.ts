import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adaptivePartition } from './adaptive-partition';
import { buildCellTree, isWithin } from './cell-tree';
import { countResidentsByFilter } from './filter-counts';
import { buildFilterLattice, type ResidentRecord } from './filters';
import { randomHierarchy, randomPopulation, seededRandom, tableHierarchy } from './test-support';

const nobodyReady = { overseasQualification: false, englishTestPassed: false, professionallyRegistered: false };
const people = (cell: string, skillGroup: string, count: number): ResidentRecord[] => Array.from({ length: count }, () => ({ cell, skillGroup, ...nobodyReady }));

function unitsOf(records: ResidentRecord[], hierarchy: ReturnType<typeof tableHierarchy>, groups: string[], k: number, coarsestLevel: 'hex1000' | 'place' = 'hex1000') {
	const lattice = buildFilterLattice(groups);
	const tree = buildCellTree(records.map((r) => r.cell), hierarchy);
	const counts = countResidentsByFilter(records, tree, lattice);
	const isUnit = adaptivePartition(counts, lattice.filters.length, tree, k, coarsestLevel);
	const units = (key: string): Record<string, number> => {
		const f = lattice.keys.indexOf(key);
		const out: Record<string, number> = {};
		for (let node = 0; node < tree.size; node++) if (isUnit[f * tree.size + node] === 1) out[tree.ids[node]!] = counts[f * tree.size + node]!;
		return out;
	};
	return { lattice, tree, counts, isUnit, units };
}

describe('adaptivePartition', () => {
	// README.md, example 1.
	const hierarchy = tableHierarchy({
		'hex250:a': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
		'hex250:b': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
		'hex250:c': { hex500: 'hex500:A2', hex1000: 'hex1000:A' },
		'hex250:d': { hex500: 'hex500:B1', hex1000: 'hex1000:B' },
		'hex250:e': { hex500: 'hex500:B1', hex1000: 'hex1000:B' }
	});
	const records = [...people('hex250:a', 'nurse', 12), ...people('hex250:b', 'nurse', 3), ...people('hex250:c', 'porter', 15), ...people('hex250:d', 'nurse', 20), ...people('hex250:e', 'porter', 11)];

	it('merges a parent whose non-empty cell is small, and nothing else (example 1)', () => {
		const { units } = unitsOf(records, hierarchy, ['nurse', 'porter'], 10);
		expect(units('all/any')).toEqual({ 'hex250:c': 15, 'hex250:d': 20, 'hex250:e': 11, 'hex500:A1': 15 });
		expect(units('nurse/any')).toEqual({ 'hex250:d': 20, 'hex500:A1': 15 });
		expect(units('porter/any')).toEqual({ 'hex250:c': 15, 'hex250:e': 11 });
		expect(units('nurse/english_test_passed')).toEqual({});
	});

	it('climbs while the merged unit is still small, and stops at the coarsest level', () => {
		const small = [...people('hex250:a', 'nurse', 2), ...people('hex250:d', 'nurse', 30), ...people('hex250:e', 'nurse', 3)];
		expect(unitsOf(small, hierarchy, ['nurse'], 10).units('nurse/any')).toEqual({ 'hex1000:A': 2, 'hex500:B1': 33 });
		// With 'place' as the last merge level, the small 1 km unit folds the whole filter.
		expect(unitsOf(small, hierarchy, ['nurse'], 10, 'place').units('nurse/any')).toEqual({ place: 35 });
	});

	it('gives each filter a partition: every resident in exactly one unit', () => {
		fc.assert(
			fc.property(fc.integer(), fc.integer({ min: 0, max: 800 }), fc.constantFrom(5, 10), (seed, size, k) => {
				const random = seededRandom(seed);
				const tree = randomHierarchy({ hex1000: 3, hex500PerHex1000: 3, hex250PerHex500: 4 }, random);
				const population = randomPopulation(tree.baseCellIds, { size: Math.max(size, 1), groups: ['a', 'b'], hotCellShare: random(), flagRates: [0.3, 0.2, 0.1] }, random);
				const { lattice, tree: cells, counts, isUnit } = unitsOf(population, tree, ['a', 'b'], k);
				const n = cells.size;
				for (let f = 0; f < lattice.filters.length; f++) {
					const units: number[] = [];
					for (let node = 0; node < n; node++) if (isUnit[f * n + node] === 1) units.push(node);
					for (const u of units) for (const v of units) if (u !== v) expect(isWithin(cells, u, v)).toBe(false);
					// Units cover every non-empty base cell, so their counts add up to the filter's total.
					expect(units.reduce((sum, u) => sum + counts[f * n + u]!, 0)).toBe(counts[f * n + cells.root]);
					// Below the coarsest merge level no unit is small.
					for (const u of units) if (cells.levelRanks[u]! < 2) expect(counts[f * n + u]).toBeGreaterThanOrEqual(k);
				}
			}),
			{ numRuns: 40 }
		);
	});
});
