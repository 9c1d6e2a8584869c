/**
 * The order in which to visit a route's stops: exact (Held–Karp) up to HELD_KARP_MAX_NODES nodes,
 * iterated local search above (local-search.ts). Routes may be closed (back to the start) or open,
 * with a fixed first stop or none. Seeded: the same matrix, options and seed give the same route,
 * unless the time cap ends the search first (then it depends on the machine's speed, and says so).
 *
 * Open routes become closed tours by a dummy node D (Lin & Kernighan's device): with no fixed
 * start, D costs 0 to every node, so the best tour through D, cut at D, is the best path. With a
 * fixed start s, D costs 0 to s and a large M to every other node: every tour pays M once for D's
 * other edge, and a tour whose D is not beside s pays it twice, so the best tour keeps D beside s.
 */
import type { Random } from '../synthetic/random';
import { createRandom } from '../synthetic/random';
import { heldKarp, HELD_KARP_MAX_NODES } from './held-karp';
import { improveTour, nearestNeighbourTour } from './local-search';
import { matrixFrom, routeLength, symmetrised, type DistanceMatrix } from './matrix';

export interface RouteOptions {
	/** The node visited first (the researcher's start point); omitted: any. */
	readonly start?: number;
	/** Return to the first node at the end. */
	readonly closed: boolean;
	/** Seeds the kicks of the local search. */
	readonly seed: string;
	/** Kicks of the iterated local search; default 1,000 + 20 per node (berlin52 and eil51 reach their optima in under 100). */
	readonly iterations?: number;
	/** Stops the local search after this many milliseconds (with `clock`); default none. */
	readonly timeLimitMs?: number;
	readonly clock?: () => number;
}

export interface SolvedRoute {
	/** Every node once, in visiting order, starting at the start when there is one. */
	readonly order: readonly number[];
	/** Length on the matrix as given (not symmetrised), closed or open as asked. */
	readonly length: number;
	/** Whether the order is proven shortest (Held–Karp) or the best the local search found. */
	readonly method: 'exact' | 'local-search';
	readonly iterations: number;
	/** Whether the time cap, not the iteration count, ended the search (then not reproducible). */
	readonly stoppedByTime: boolean;
}

export function solveRoute(matrix: DistanceMatrix, options: RouteOptions): SolvedRoute {
	const { n } = matrix;
	if (options.start !== undefined && (options.start < 0 || options.start >= n || !Number.isInteger(options.start))) {
		throw new RangeError(`start ${options.start} is not a node of a ${n}-node matrix`);
	}
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			const d = matrix.at(i, j);
			if (!(d >= 0) || !Number.isFinite(d)) throw new RangeError(`the cost from ${i} to ${j} is ${d}: costs must be finite and not negative`);
		}
	}
	if (n <= HELD_KARP_MAX_NODES) {
		const exact = heldKarp(matrix, { start: options.start, closed: options.closed });
		return { ...exact, method: 'exact', iterations: 0, stoppedByTime: false };
	}

	const symmetric = symmetrised(matrix);
	const random: Random = createRandom(`route\u0000${options.seed}`);
	const iterations = options.iterations ?? 1_000 + 20 * n;
	const searchOptions = { iterations, random, timeLimitMs: options.timeLimitMs, clock: options.clock };

	let order: number[];
	let done: number;
	if (options.closed) {
		const result = improveTour(symmetric, nearestNeighbourTour(symmetric), searchOptions);
		done = result.iterations;
		order = rotateTo(result.tour, options.start ?? 0);
		// The symmetrised search cannot tell the two directions apart; the given matrix can.
		const reversed = [order[0]!, ...order.slice(1).reverse()];
		if (routeLength(matrix, reversed, true) < routeLength(matrix, order, true)) order = reversed;
	} else {
		const dummy = n;
		const start = options.start;
		let largest = 0;
		for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) largest = Math.max(largest, symmetric.at(i, j));
		const far = largest * (n + 1) + 1;
		const withDummy = matrixFrom(n + 1, (i, j) => {
			if (i !== dummy && j !== dummy) return symmetric.at(i, j);
			const other = i === dummy ? j : i;
			return start === undefined || other === start ? 0 : far;
		});
		const result = improveTour(withDummy, nearestNeighbourTour(withDummy), searchOptions);
		done = result.iterations;
		const cycle = rotateTo(result.tour, dummy).slice(1);
		if (start !== undefined) {
			order = cycle[0] === start ? cycle : cycle[cycle.length - 1] === start ? cycle.reverse() : rotateTo(cycle, start);
		} else {
			const reversed = [...cycle].reverse();
			order = routeLength(matrix, reversed, false) < routeLength(matrix, cycle, false) ? reversed : cycle;
		}
	}
	return {
		order,
		length: routeLength(matrix, order, options.closed),
		method: 'local-search',
		iterations: done,
		stoppedByTime: done < iterations
	};
}

function rotateTo(tour: readonly number[], node: number): number[] {
	const at = tour.indexOf(node);
	return [...tour.slice(at), ...tour.slice(0, at)];
}
