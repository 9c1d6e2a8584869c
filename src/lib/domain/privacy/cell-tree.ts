/**
 * An indexed copy of the cell hierarchy restricted to the cells that matter for one publication.
 * The pipeline and the attacker both walk it many times per run, so nodes are small integers and
 * links are typed arrays rather than maps of strings.
 */
import { LEVELS, type CellHierarchy, type Level } from './cell-hierarchy';

export interface CellTree {
	/** Number of nodes. */
	readonly size: number;
	/** Node index -> unit id. Indices are sorted by (level, id), so children come before parents. */
	readonly ids: readonly string[];
	/** Node index -> position in LEVELS. */
	readonly levelRanks: Uint8Array;
	/** Node index -> parent node index, or -1 for the place (the root). */
	readonly parents: Int32Array;
	/** Children of node n are `children[childStart[n] .. childStart[n + 1] - 1]`, in index order. */
	readonly childStart: Int32Array;
	readonly children: Int32Array;
	/** The single 'place' node. */
	readonly root: number;
	/** Unit id -> node index. */
	readonly indexOf: ReadonlyMap<string, number>;
}

function byCodeUnits(a: string, b: string): number {
	// Not localeCompare: the order must not depend on the server's locale.
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Builds the tree of all units above the given base cells.
 * @throws if the hierarchy does not nest, gives one id at two levels, or has more than one place.
 */
export function buildCellTree(baseCellIds: Iterable<string>, hierarchy: CellHierarchy): CellTree {
	const bases = [...new Set(baseCellIds)].sort(byCodeUnits);
	if (bases.length === 0) throw new Error('buildCellTree needs at least one base cell');

	// parentId.get(level)!.get(childId) = parent id at the next level up.
	const idsByLevel: Set<string>[] = LEVELS.map(() => new Set<string>());
	const parentIdOf = new Map<string, string>();
	const levelOfId = new Map<string, number>();

	const claim = (id: string, rank: number): void => {
		const seen = levelOfId.get(id);
		if (seen !== undefined && seen !== rank) {
			throw new Error(`cell hierarchy gives the id "${id}" at two levels (${LEVELS[seen]} and ${LEVELS[rank]}); ids must be unique across levels`);
		}
		levelOfId.set(id, rank);
		idsByLevel[rank]!.add(id);
	};
	const link = (childId: string, parentId: string): void => {
		const known = parentIdOf.get(childId);
		if (known !== undefined && known !== parentId) {
			throw new Error(`cell hierarchy does not nest: "${childId}" lies in both "${known}" and "${parentId}"`);
		}
		parentIdOf.set(childId, parentId);
	};

	for (const base of bases) {
		claim(base, 0);
		let childId = base;
		for (let rank = 1; rank < LEVELS.length; rank++) {
			const parentId = hierarchy.parentOf(base, LEVELS[rank] as Level);
			claim(parentId, rank);
			link(childId, parentId);
			childId = parentId;
		}
	}
	const places = idsByLevel[LEVELS.length - 1]!;
	if (places.size !== 1) throw new Error(`cell hierarchy must have one place, found ${places.size}: ${[...places].join(', ')}`);

	const ids: string[] = [];
	const ranks: number[] = [];
	idsByLevel.forEach((set, rank) => {
		for (const id of [...set].sort(byCodeUnits)) {
			ids.push(id);
			ranks.push(rank);
		}
	});
	const indexOf = new Map(ids.map((id, index) => [id, index]));
	const size = ids.length;
	const parents = new Int32Array(size).fill(-1);
	const childCount = new Int32Array(size);
	for (let node = 0; node < size; node++) {
		const parentId = parentIdOf.get(ids[node]!);
		if (parentId === undefined) continue;
		const parent = indexOf.get(parentId)!;
		parents[node] = parent;
		childCount[parent]!++;
	}
	const childStart = new Int32Array(size + 1);
	for (let node = 0; node < size; node++) childStart[node + 1] = childStart[node]! + childCount[node]!;
	const children = new Int32Array(size);
	const fill = childStart.slice(0, size);
	for (let node = 0; node < size; node++) {
		const parent = parents[node]!;
		if (parent >= 0) children[fill[parent]!++] = node;
	}
	return {
		size,
		ids,
		levelRanks: Uint8Array.from(ranks),
		parents,
		childStart,
		children,
		root: size - 1,
		indexOf
	};
}

/** True when `node` is `ancestor` or lies inside it. Depth is at most the number of levels. */
export function isWithin(tree: CellTree, node: number, ancestor: number): boolean {
	for (let at = node; at >= 0; at = tree.parents[at]!) if (at === ancestor) return true;
	return false;
}
