/**
 * Shortest paths (the nodes, not only the metres) over an undirected walking network, for drawing
 * an outreach route along the streets where the database has no pgRouting (the embedded PGlite).
 * Dijkstra (1959) with a binary heap, over the same edges and lengths the distance router reads,
 * so the path drawn is the one whose length was measured (ties aside).
 */
import FlatQueue from 'flatqueue';

export interface NetworkEdge {
	/** Node ids 1..nodeCount. */
	readonly source: number;
	readonly target: number;
	readonly length: number;
}

export class NetworkPaths {
	readonly #offsets: Int32Array;
	readonly #neighbours: Int32Array;
	readonly #lengths: Float64Array;

	constructor(nodeCount: number, edges: readonly NetworkEdge[]) {
		const degree = new Int32Array(nodeCount + 2);
		for (const edge of edges) {
			if (!(edge.source >= 1 && edge.source <= nodeCount && edge.target >= 1 && edge.target <= nodeCount)) {
				throw new RangeError(`edge ${edge.source}-${edge.target} names a node outside 1..${nodeCount}`);
			}
			degree[edge.source]!++;
			degree[edge.target]!++;
		}
		this.#offsets = new Int32Array(nodeCount + 2);
		for (let id = 1; id <= nodeCount; id++) this.#offsets[id + 1] = this.#offsets[id]! + degree[id]!;
		this.#neighbours = new Int32Array(this.#offsets[nodeCount + 1]!);
		this.#lengths = new Float64Array(this.#neighbours.length);
		const fill = this.#offsets.slice();
		for (const edge of edges) {
			this.#neighbours[fill[edge.source]!] = edge.target;
			this.#lengths[fill[edge.source]!++] = edge.length;
			this.#neighbours[fill[edge.target]!] = edge.source;
			this.#lengths[fill[edge.target]!++] = edge.length;
		}
	}

	/**
	 * The nodes of the shortest path from `source` to each of `targets` (source first, target last),
	 * or undefined for a target no path reaches. One search serves all targets.
	 */
	pathsFrom(source: number, targets: readonly number[]): (number[] | undefined)[] {
		const size = this.#offsets.length - 1;
		const distance = new Float64Array(size).fill(Infinity);
		const previous = new Int32Array(size).fill(-1);
		const settled = new Uint8Array(size);
		const waiting = new Set(targets);
		const queue = new FlatQueue<number>();
		distance[source] = 0;
		queue.push(source, 0);
		while (queue.length && waiting.size) {
			const node = queue.pop()!;
			if (settled[node]) continue;
			settled[node] = 1;
			waiting.delete(node);
			for (let slot = this.#offsets[node]!, end = this.#offsets[node + 1]!; slot < end; slot++) {
				const next = this.#neighbours[slot]!;
				const through = distance[node]! + this.#lengths[slot]!;
				if (through < distance[next]!) {
					distance[next] = through;
					previous[next] = node;
					queue.push(next, through);
				}
			}
		}
		return targets.map((target) => {
			if (!settled[target]) return undefined;
			const path = [target];
			for (let node = target; node !== source; ) {
				node = previous[node]!;
				path.push(node);
			}
			return path.reverse();
		});
	}
}
