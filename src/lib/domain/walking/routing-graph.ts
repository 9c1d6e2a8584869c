/**
 * Shortest walking distances over an undirected network in TypeScript, for databases without
 * pgRouting (the embedded PGlite). It must give the same metres as pgRouting's pgr_dijkstraCost
 * on the same edges, so it is the same algorithm: Dijkstra (1959) with a binary heap.
 *
 * The graph is held in graphology (a MultiUndirectedGraph: two ways may join the same two nodes).
 * Its shortest-path package is not used for the search: `dijkstra.singleSource` returns the node
 * path to every node rather than its length, so a matrix of 50 sources over ~11k nodes would build
 * ~half a million arrays and then re-add every path's edges. Instead the graph's adjacency is
 * copied once into flat typed arrays (compressed sparse rows) and searched with flatqueue's heap,
 * which takes a few milliseconds per source on a town's network.
 */
import FlatQueue from 'flatqueue';
import { MultiUndirectedGraph } from 'graphology';

export interface RoutingEdge {
	/** Node ids, 1..nodeCount. */
	readonly source: number;
	readonly target: number;
	/** Metres; the same either way. */
	readonly length: number;
}

export class RoutingGraph {
	/** offsets[v]..offsets[v+1] index the neighbours of node v in `neighbours` and `lengths`. */
	readonly #offsets: Int32Array;
	readonly #neighbours: Int32Array;
	readonly #lengths: Float64Array;
	readonly #queue = new FlatQueue<number>();

	private constructor(offsets: Int32Array, neighbours: Int32Array, lengths: Float64Array) {
		this.#offsets = offsets;
		this.#neighbours = neighbours;
		this.#lengths = lengths;
	}

	/** Nodes are numbered 1..nodeCount; slot 0 is unused so a walk_node id is its own index. */
	get nodeCount(): number {
		return this.#offsets.length - 2;
	}

	/**
	 * Builds the graph of `nodeCount` nodes (ids 1..nodeCount) and undirected edges.
	 * @throws RangeError for an edge whose end is not a node or whose length is negative or not finite
	 */
	static fromEdges(nodeCount: number, edges: Iterable<RoutingEdge>): RoutingGraph {
		const graph = new MultiUndirectedGraph<Record<string, never>, { length: number }>({ allowSelfLoops: true });
		for (let id = 1; id <= nodeCount; id++) graph.addNode(id);
		for (const edge of edges) {
			if (!(edge.source >= 1 && edge.source <= nodeCount && edge.target >= 1 && edge.target <= nodeCount)) {
				throw new RangeError(`edge ${edge.source}-${edge.target} names a node outside 1..${nodeCount}`);
			}
			if (!(edge.length >= 0 && Number.isFinite(edge.length))) {
				throw new RangeError(`edge ${edge.source}-${edge.target} has length ${edge.length}`);
			}
			graph.addUndirectedEdge(edge.source, edge.target, { length: edge.length });
		}
		return RoutingGraph.fromGraphology(graph, nodeCount);
	}

	static fromGraphology(graph: MultiUndirectedGraph<Record<string, never>, { length: number }>, nodeCount: number): RoutingGraph {
		const offsets = new Int32Array(nodeCount + 2);
		for (let id = 1; id <= nodeCount; id++) offsets[id + 1] = offsets[id]! + graph.degree(String(id));
		const neighbours = new Int32Array(offsets[nodeCount + 1]!);
		const lengths = new Float64Array(neighbours.length);
		for (let id = 1; id <= nodeCount; id++) {
			let slot = offsets[id]!;
			graph.forEachEdge(String(id), (_edge, attributes, source, target) => {
				// A self-loop is listed once but counted twice in the degree; it never shortens a route.
				neighbours[slot] = Number(source === String(id) ? target : source);
				lengths[slot++] = attributes.length;
			});
			for (; slot < offsets[id + 1]!; slot++) {
				neighbours[slot] = id;
				lengths[slot] = 0;
			}
		}
		return new RoutingGraph(offsets, neighbours, lengths);
	}

	/**
	 * Metres of the shortest route from `source` to every node (Infinity where there is none).
	 * With `targets`, the search stops once all of them are settled; other entries may then be
	 * Infinity or larger than their true distance.
	 */
	distancesFrom(source: number, targets?: readonly number[]): Float64Array {
		const offsets = this.#offsets;
		const neighbours = this.#neighbours;
		const lengths = this.#lengths;
		const distance = new Float64Array(offsets.length - 1).fill(Infinity);
		const settled = new Uint8Array(distance.length);
		let waiting = 0;
		let isTarget: Uint8Array | undefined;
		if (targets) {
			isTarget = new Uint8Array(distance.length);
			for (const target of targets) {
				if (!isTarget[target]) waiting++;
				isTarget[target] = 1;
			}
		}
		const queue = this.#queue;
		queue.clear();
		distance[source] = 0;
		queue.push(source, 0);
		while (queue.length) {
			const node = queue.pop()!;
			if (settled[node]) continue;
			settled[node] = 1;
			if (isTarget?.[node] && --waiting === 0) break;
			const base = distance[node]!;
			for (let slot = offsets[node]!, end = offsets[node + 1]!; slot < end; slot++) {
				const next = neighbours[slot]!;
				const through = base + lengths[slot]!;
				if (through < distance[next]!) {
					distance[next] = through;
					queue.push(next, through);
				}
			}
		}
		return distance;
	}

	/**
	 * Shortest-route metres from each source to each target: row i is sources[i], column j is
	 * targets[j]; Infinity where no route joins them.
	 */
	distanceMatrix(sources: readonly number[], targets: readonly number[]): Float64Array[] {
		return sources.map((source) => {
			const all = this.distancesFrom(source, targets);
			return Float64Array.from(targets, (target) => all[target]!);
		});
	}
}
