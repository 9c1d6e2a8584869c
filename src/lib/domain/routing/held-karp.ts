/**
 * Exact shortest routes by dynamic programming over subsets (Held & Karp 1962, "A dynamic
 * programming approach to sequencing problems", J. SIAM 10(1)): O(2^n · n²) time, O(2^n · n)
 * memory, so it serves small routes — a researcher's afternoon of up to a dozen stops — where it
 * takes milliseconds. Works on asymmetric matrices as they are.
 */
import type { DistanceMatrix } from './matrix';

/** Largest number of nodes solved exactly: 2^16 · 16 states of 8 bytes is 8 MB, ~17M steps. */
export const HELD_KARP_MAX_NODES = 16;

export interface ExactRouteOptions {
	/** The node the route starts at; omitted: any (an open route), node 0 (a closed one). */
	readonly start?: number;
	/** Back to the start at the end (a closed tour) or not (an open path). */
	readonly closed: boolean;
}

export interface Route {
	/** Every node once, in visiting order (a closed tour starts at its start and returns to it). */
	readonly order: readonly number[];
	readonly length: number;
}

export function heldKarp(matrix: DistanceMatrix, options: ExactRouteOptions): Route {
	const { n } = matrix;
	if (n > HELD_KARP_MAX_NODES) throw new RangeError(`heldKarp solves at most ${HELD_KARP_MAX_NODES} nodes, not ${n}`);
	if (n === 0) return { order: [], length: 0 };
	if (n === 1) return { order: [0], length: options.closed ? matrix.at(0, 0) : 0 };
	const start = options.start ?? (options.closed ? 0 : undefined);
	const full = (1 << n) - 1;
	// cost[mask * n + j]: the shortest path that visits exactly the nodes in mask and ends at j.
	const cost = new Float64Array((full + 1) * n).fill(Infinity);
	const parent = new Int8Array((full + 1) * n).fill(-1);
	if (start === undefined) for (let j = 0; j < n; j++) cost[(1 << j) * n + j] = 0;
	else cost[(1 << start) * n + start] = 0;
	for (let mask = 1; mask <= full; mask++) {
		for (let j = 0; j < n; j++) {
			const here = cost[mask * n + j]!;
			if (here === Infinity || !(mask & (1 << j))) continue;
			for (let k = 0; k < n; k++) {
				if (mask & (1 << k)) continue;
				const next = mask | (1 << k);
				const candidate = here + matrix.at(j, k);
				if (candidate < cost[next * n + k]!) {
					cost[next * n + k] = candidate;
					parent[next * n + k] = j;
				}
			}
		}
	}
	let best = Infinity;
	let last = -1;
	for (let j = 0; j < n; j++) {
		const total = cost[full * n + j]! + (options.closed ? matrix.at(j, start!) : 0);
		if (total < best) {
			best = total;
			last = j;
		}
	}
	const order: number[] = [];
	for (let mask = full, j = last; j !== -1; ) {
		order.push(j);
		const previous = parent[mask * n + j]!;
		mask &= ~(1 << j);
		j = previous;
	}
	order.reverse();
	return { order, length: best };
}
