/**
 * Coarsen before suppressing (DESIGN.md, Anonymisation rules): each filter gets its own partition
 * of the place into units, starting from base cells and merging a parent's cells into the parent
 * whenever one of its non-empty cells holds fewer than k residents, level by level. This is
 * sdcSpatial's `protect_quadtree` (recursive aggregation of sensitive cells, after Suñé et al.,
 * NTTS 2017) on the hexagon ladder instead of a quadtree.
 *
 * The result is a partition (units never overlap), so nothing can be learnt by subtracting one
 * published unit of a filter from another. Units still under k after the last merge level are
 * what primary suppression hides.
 */
import { LEVELS, levelRank, type Level } from './cell-hierarchy';
import type { CellTree } from './cell-tree';
import type { FilterCounts } from './filter-counts';

/** isUnit[filter · tree.size + node] = 1 when node is one of the filter's units. */
export type PartitionMask = Uint8Array;

/**
 * @param coarsestLevel the last level merges may reach. 'place' follows the merge rule all the way
 *   (one small 1 km unit then folds the whole filter into a single place count); 'hex1000' stops
 *   there and leaves small 1 km units to suppression, with the place total published beside them.
 */
export function adaptivePartition(counts: FilterCounts, filterCount: number, tree: CellTree, k: number, coarsestLevel: Level): PartitionMask {
	const n = tree.size;
	const lastMergeRank = levelRank(coarsestLevel);
	if (lastMergeRank < 1 || lastMergeRank >= LEVELS.length) throw new Error(`coarsestLevel must be coarser than the base level, got "${coarsestLevel}"`);
	const isUnit = new Uint8Array(filterCount * n);
	// holdsSmallUnit[node]: node is (after merging) a unit with 1..k-1 residents. A node that did
	// not merge never holds a small unit, since none of its cells was small.
	const merged = new Uint8Array(n);
	const holdsSmallUnit = new Uint8Array(n);
	const mergeChildren = new Uint8Array(n);
	const insideUnit = new Uint8Array(n);
	for (let f = 0; f < filterCount; f++) {
		const base = f * n;
		merged.fill(0);
		mergeChildren.fill(0);
		for (let node = 0; node < n; node++) {
			const rank = tree.levelRanks[node]!;
			const count = counts[base + node]!;
			if (rank === 0) {
				holdsSmallUnit[node] = count > 0 && count < k ? 1 : 0;
			} else {
				merged[node] = rank <= lastMergeRank ? mergeChildren[node]! : 0;
				holdsSmallUnit[node] = merged[node] === 1 && count < k ? 1 : 0;
			}
			const parent = tree.parents[node]!;
			if (parent >= 0 && holdsSmallUnit[node] === 1) mergeChildren[parent] = 1;
		}
		// Top-down: a node is a unit if it merged (or is a non-empty base cell) and no ancestor is one.
		for (let node = n - 1; node >= 0; node--) {
			const parent = tree.parents[node]!;
			insideUnit[node] = parent >= 0 && (isUnit[base + parent] === 1 || insideUnit[parent] === 1) ? 1 : 0;
			if (insideUnit[node] === 1) continue;
			if (merged[node] === 1 || (tree.levelRanks[node] === 0 && counts[base + node]! > 0)) isUnit[base + node] = 1;
		}
	}
	return isUnit;
}
