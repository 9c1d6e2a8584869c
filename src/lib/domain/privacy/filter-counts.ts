/**
 * True counts of residents per filter per unit, for every unit of the tree (base cells and every
 * coarser unit, each the sum of its children). These are the confidential numbers every
 * suppression decision is made on; only rounded, checked copies ever leave the pipeline.
 */
import type { CellTree } from './cell-tree';
import { READINESS, filterIndex, matchesReadiness, type FilterLattice, type ResidentRecord } from './filters';

/** counts[filter · tree.size + node]. */
export type FilterCounts = Int32Array;

/** @throws naming the record if its group is not one of the lattice's groups or its cell is not in the tree. */
export function countResidentsByFilter(records: readonly ResidentRecord[], tree: CellTree, lattice: FilterLattice): FilterCounts {
	const n = tree.size;
	const counts = new Int32Array(lattice.filters.length * n);
	records.forEach((record, position) => {
		const cell = tree.indexOf.get(record.cell);
		if (cell === undefined || tree.levelRanks[cell] !== 0) throw new Error(`record ${position}: cell "${record.cell}" is not a base cell of the hierarchy`);
		const skill = lattice.skillIndexOf.get(record.skillGroup);
		// A record outside every group would count in 'all' but in no group, and the partition
		// check all = Σ groups would then reveal it: refuse rather than publish.
		if (skill === undefined || skill === 0) throw new Error(`record ${position}: skill group "${record.skillGroup}" is not in skillGroups`);
		for (let r = 0; r < READINESS.length; r++) {
			if (!matchesReadiness(record, READINESS[r]!)) continue;
			counts[filterIndex(0, r) * n + cell]!++;
			counts[filterIndex(skill, r) * n + cell]!++;
		}
	});
	// Node indices put children before parents, so one forward sweep fills every subtree sum.
	const filterCount = lattice.filters.length;
	for (let node = 0; node < n; node++) {
		const parent = tree.parents[node]!;
		if (parent < 0) continue;
		for (let f = 0; f < filterCount; f++) counts[f * n + parent]! += counts[f * n + node]!;
	}
	return counts;
}
