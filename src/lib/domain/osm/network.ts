/**
 * The walking network of an OSM extract as an undirected graph: one node per OSM node that a
 * walkable way uses, one edge per consecutive pair of nodes along a walkable way (pedestrians
 * ignore oneway), and its connected components, numbered by size so that 0 is the largest.
 * Origins and sites are later snapped to component 0 only: a fragment cut off by the extract's
 * edge would otherwise swallow a snap and leave it with no route anywhere.
 */
import type { OsmData } from './elements';
import { SKIP_REASONS, walkability, type SkipReason } from './walkable';

export interface WalkNetworkNode {
	/** 1..N: the walk_node id. */
	readonly id: number;
	readonly osmId: number;
	readonly lon: number;
	readonly lat: number;
	/** 0 is the largest connected component. */
	readonly component: number;
}

export interface WalkNetworkEdge {
	/** 1..M: the walk_edge id. */
	readonly id: number;
	readonly source: number;
	readonly target: number;
	readonly osmWayId: number;
	readonly highway: string;
}

export interface WalkNetwork {
	readonly nodes: readonly WalkNetworkNode[];
	readonly edges: readonly WalkNetworkEdge[];
	/** Node counts of the components, largest first (index = component number). */
	readonly componentSizes: readonly number[];
	readonly waysKept: number;
	/** Ways left out, by reason; every reason is present (0 when none). */
	readonly waysSkipped: Readonly<Record<SkipReason, number>>;
	/**
	 * References from walkable ways to nodes the file does not hold (an extract cut without
	 * complete ways): the way is split there.
	 */
	readonly missingNodeRefs: number;
}

/** Builds the walking network of parsed OSM data. */
export function buildWalkNetwork(data: OsmData): WalkNetwork {
	const indexByOsmId = new Map<number, number>();
	const osmIds: number[] = [];
	const edges: Array<{ id: number; source: number; target: number; osmWayId: number; highway: string }> = [];
	const waysSkipped = Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0])) as Record<SkipReason, number>;
	let waysKept = 0;
	let missingNodeRefs = 0;

	const nodeIndex = (osmId: number): number => {
		let index = indexByOsmId.get(osmId);
		if (index === undefined) {
			index = osmIds.length;
			indexByOsmId.set(osmId, index);
			osmIds.push(osmId);
		}
		return index;
	};

	for (const way of data.ways) {
		const verdict = walkability(way.tags);
		if (!verdict.walkable) {
			waysSkipped[verdict.reason]++;
			continue;
		}
		waysKept++;
		let previous: number | undefined;
		for (const ref of way.refs) {
			if (!data.nodes.has(ref)) {
				missingNodeRefs++;
				previous = undefined;
				continue;
			}
			// A node repeated in a row (it happens in hand-edited data) is no step at all.
			if (previous !== undefined && previous !== ref) {
				edges.push({ id: edges.length + 1, source: nodeIndex(previous) + 1, target: nodeIndex(ref) + 1, osmWayId: way.id, highway: verdict.highway });
			}
			previous = ref;
		}
	}

	const { component, sizes } = connectedComponents(
		osmIds.length,
		edges.map((edge) => [edge.source - 1, edge.target - 1] as const)
	);
	const nodes = osmIds.map((osmId, index) => {
		const node = data.nodes.get(osmId)!;
		return { id: index + 1, osmId, lon: node.lon, lat: node.lat, component: component[index]! };
	});
	return { nodes, edges, componentSizes: sizes, waysKept, waysSkipped, missingNodeRefs };
}

/**
 * Connected components of an undirected graph on nodes 0..n-1 (union-find with path halving and
 * union by size). Components are numbered by size, largest first; ties by their lowest node.
 */
export function connectedComponents(
	n: number,
	edges: Iterable<readonly [number, number]>
): { component: Int32Array; sizes: number[] } {
	const parent = new Int32Array(n);
	const size = new Int32Array(n).fill(1);
	for (let i = 0; i < n; i++) parent[i] = i;
	const find = (x: number): number => {
		while (parent[x] !== x) {
			parent[x] = parent[parent[x]!]!;
			x = parent[x]!;
		}
		return x;
	};
	for (const [a, b] of edges) {
		let ra = find(a);
		let rb = find(b);
		if (ra === rb) continue;
		if (size[ra]! < size[rb]!) [ra, rb] = [rb, ra];
		parent[rb] = ra;
		size[ra] = size[ra]! + size[rb]!;
	}
	// Roots in order of their lowest node, then sorted by size (stable, so ties keep that order).
	const roots: number[] = [];
	const seen = new Set<number>();
	for (let i = 0; i < n; i++) {
		const root = find(i);
		if (!seen.has(root)) {
			seen.add(root);
			roots.push(root);
		}
	}
	roots.sort((a, b) => size[b]! - size[a]!);
	const number = new Map(roots.map((root, index) => [root, index]));
	const component = new Int32Array(n);
	for (let i = 0; i < n; i++) component[i] = number.get(find(i))!;
	return { component, sizes: roots.map((root) => size[root]!) };
}
