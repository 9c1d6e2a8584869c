/**
 * Heuristic tours for routes too long to solve exactly: a nearest-neighbour start, then local
 * search with 2-opt (Croes 1958) and Or-opt (Or 1976, moving a run of one to three stops),
 * restricted to each node's nearest neighbours with don't-look bits (Bentley 1992, "Fast
 * algorithms for geometric traveling salesman problems"), then iterated local search: a
 * double-bridge kick (Martin, Otto & Felten 1991) followed by local search from the kicked
 * nodes only, keeping the better tour (Lourenço, Martin & Stützle 2003, "Iterated local search").
 *
 * Works on a symmetric matrix and a closed tour; open routes and fixed starts are reduced to it
 * by the caller (solve.ts). Deterministic for a given random stream and iteration count.
 */
import type { Random } from '../synthetic/random';
import type { DistanceMatrix } from './matrix';

/** Improvements smaller than this (in the matrix's unit) are rounding, not progress. */
const EPSILON = 1e-9;

export interface LocalSearchOptions {
	/** How many nearest neighbours each node tries moves with (8–10 is the usual choice). */
	readonly neighbours?: number;
	/** Kicks of the iterated local search after the first descent. */
	readonly iterations: number;
	/** Stops kicking after this many milliseconds even if iterations remain (a safety cap). */
	readonly timeLimitMs?: number;
	/** Returns milliseconds; injected so the module stays pure. Needed only with timeLimitMs. */
	readonly clock?: () => number;
	readonly random: Random;
}

export interface TourResult {
	readonly tour: readonly number[];
	readonly length: number;
	/** Kicks carried out (fewer than asked when the time cap ended the search). */
	readonly iterations: number;
}

/** Each node's k nearest other nodes, nearest first. */
export function nearestNeighbours(matrix: DistanceMatrix, k: number): Int32Array[] {
	const { n } = matrix;
	const lists: Int32Array[] = [];
	const others = Array.from({ length: n }, (_, j) => j);
	for (let i = 0; i < n; i++) {
		const sorted = others.filter((j) => j !== i).sort((a, b) => matrix.at(i, a) - matrix.at(i, b) || a - b);
		lists.push(Int32Array.from(sorted.slice(0, Math.min(k, n - 1))));
	}
	return lists;
}

/** A tour by always walking to the nearest unvisited node, from node 0. */
export function nearestNeighbourTour(matrix: DistanceMatrix): number[] {
	const { n } = matrix;
	const visited = new Uint8Array(n);
	const tour = [0];
	visited[0] = 1;
	for (let step = 1; step < n; step++) {
		const here = tour[tour.length - 1]!;
		let best = -1;
		for (let j = 0; j < n; j++) if (!visited[j] && (best < 0 || matrix.at(here, j) < matrix.at(here, best))) best = j;
		visited[best] = 1;
		tour.push(best);
	}
	return tour;
}

/** The length of a closed tour. */
export function tourLength(matrix: DistanceMatrix, tour: ArrayLike<number>): number {
	let total = 0;
	for (let k = 0; k < tour.length; k++) total += matrix.at(tour[k]!, tour[(k + 1) % tour.length]!);
	return total;
}

/** A closed tour as an array plus each node's position, with the moves the search makes. */
class Tour {
	readonly order: Int32Array;
	readonly position: Int32Array;
	constructor(order: ArrayLike<number>) {
		this.order = Int32Array.from(order);
		this.position = new Int32Array(order.length);
		for (let k = 0; k < order.length; k++) this.position[this.order[k]!] = k;
	}
	get size(): number {
		return this.order.length;
	}
	next(node: number): number {
		return this.order[(this.position[node]! + 1) % this.size]!;
	}
	previous(node: number): number {
		return this.order[(this.position[node]! - 1 + this.size) % this.size]!;
	}
	/** Reverses the path from node `from` forward to node `to` (or, equivalently, its complement). */
	reversePath(from: number, to: number): void {
		const n = this.size;
		let i = this.position[from]!;
		let j = this.position[to]!;
		let length = ((j - i + n) % n) + 1;
		if (length * 2 > n) {
			// Reversing the rest of the tour gives the same cycle, walked the other way: cheaper.
			[i, j] = [(j + 1) % n, (i - 1 + n) % n];
			length = n - length;
		}
		for (let swaps = Math.floor(length / 2); swaps > 0; swaps--) {
			const a = this.order[i]!;
			const b = this.order[j]!;
			this.order[i] = b;
			this.position[b] = i;
			this.order[j] = a;
			this.position[a] = j;
			i = (i + 1) % n;
			j = (j - 1 + n) % n;
		}
	}
	/** Whether `node` lies on the path from `from` forward to `to`. */
	between(from: number, node: number, to: number): boolean {
		const n = this.size;
		const a = this.position[from]!;
		return (this.position[node]! - a + n) % n <= (this.position[to]! - a + n) % n;
	}
	/** Replaces the order (after an Or-opt move or a kick). */
	assign(order: ArrayLike<number>): void {
		for (let k = 0; k < order.length; k++) {
			this.order[k] = order[k]!;
			this.position[order[k]!] = k;
		}
	}
}

class Search {
	private readonly active: number[] = [];
	private readonly queued: Uint8Array;
	constructor(
		private readonly matrix: DistanceMatrix,
		private readonly neighbours: Int32Array[],
		readonly tour: Tour
	) {
		this.queued = new Uint8Array(matrix.n);
	}

	wake(node: number): void {
		if (!this.queued[node]) {
			this.queued[node] = 1;
			this.active.push(node);
		}
	}

	/** Applies improving moves until none of the woken nodes has one; returns the total gain. */
	descend(): number {
		let gain = 0;
		while (this.active.length) {
			const node = this.active.pop()!;
			this.queued[node] = 0;
			const improved = this.twoOpt(node) || this.orOpt(node);
			if (improved > 0) {
				gain += improved;
				this.wake(node);
			}
		}
		return gain;
	}

	/** The first improving 2-opt move at `a` (either of its tour edges), applied; its gain or 0. */
	private twoOpt(a: number): number {
		const { matrix, tour } = this;
		for (const forward of [true, false]) {
			const b = forward ? tour.next(a) : tour.previous(a);
			const ab = matrix.at(a, b);
			for (const c of this.neighbours[a]!) {
				const ac = matrix.at(a, c);
				if (ac >= ab - EPSILON) break; // neighbours are sorted: no later c can gain
				const d = forward ? tour.next(c) : tour.previous(c);
				if (c === b || d === a) continue;
				const gain = ab + matrix.at(c, d) - ac - matrix.at(b, d);
				if (gain > EPSILON) {
					// forward: a→b … c→d becomes a→c … b→d; backward: d→c … b→a becomes d→b … c→a.
					if (forward) tour.reversePath(b, c);
					else tour.reversePath(c, b);
					for (const node of [a, b, c, d]) this.wake(node);
					return gain;
				}
			}
		}
		return 0;
	}

	/**
	 * The first improving Or-opt move of a run of 1–3 nodes starting or ending at `a`, reinserted
	 * (either way round) beside one of the nearest neighbours of its ends; applied, its gain or 0.
	 */
	private orOpt(a: number): number {
		const { matrix, tour } = this;
		const n = tour.size;
		if (n < 5) return 0;
		for (let runLength = 1; runLength <= 3 && runLength <= n - 3; runLength++) {
			for (const startsAtA of [true, false]) {
				// The run first…last in tour order.
				let first = a;
				let last = a;
				for (let k = 1; k < runLength; k++) {
					if (startsAtA) last = tour.next(last);
					else first = tour.previous(first);
				}
				const before = tour.previous(first);
				const after = tour.next(last);
				const removalGain = matrix.at(before, first) + matrix.at(last, after) - matrix.at(before, after);
				if (removalGain <= EPSILON) continue;
				for (const end of runLength === 1 ? [first] : [first, last]) {
					for (const c of this.neighbours[end]!) {
						if (tour.between(first, c, last)) continue;
						// Insert between c and one of its tour neighbours (as they are once the run is out).
						for (const cForward of [true, false]) {
							let e = cForward ? tour.next(c) : tour.previous(c);
							if (e === first && cForward) e = after;
							else if (e === last && !cForward) e = before;
							if (e === first || e === last) continue;
							const [left, right] = cForward ? [c, e] : [e, c];
							if (left === before && right === after) continue; // where it already is
							const kept = matrix.at(left, right);
							const straight = matrix.at(left, first) + matrix.at(last, right) - kept;
							const reversed = matrix.at(left, last) + matrix.at(first, right) - kept;
							const insertion = Math.min(straight, reversed);
							const gain = removalGain - insertion;
							if (gain > EPSILON) {
								this.moveRun(first, last, left, reversed < straight);
								for (const node of [before, after, first, last, left, right]) this.wake(node);
								return gain;
							}
						}
					}
				}
			}
		}
		return 0;
	}

	/** Takes the run first…last out and puts it after left (beside left's successor once it is out). */
	private moveRun(first: number, last: number, left: number, reverse: boolean): void {
		const { tour } = this;
		const run: number[] = [];
		for (let node = first; ; node = tour.next(node)) {
			run.push(node);
			if (node === last) break;
		}
		if (reverse) run.reverse();
		// The rest of the tour from `after` round to `before`; right follows left in it (cyclically),
		// so the run goes straight after left (at the very end when left is the last of the rest).
		const order: number[] = [];
		for (let node = tour.next(last); node !== first; node = tour.next(node)) {
			order.push(node);
			if (node === left) order.push(...run);
		}
		tour.assign(order);
	}
}

/**
 * The double bridge: cuts the tour into A B C D at three random points and joins them as A C B D,
 * a change 2-opt and Or-opt cannot undo in one move. Returns the nodes whose edges changed.
 */
function doubleBridge(tour: Tour, random: Random): number[] {
	const n = tour.size;
	const cuts = new Set<number>();
	while (cuts.size < 3) cuts.add(1 + Math.floor(random.next() * (n - 1)));
	const [p1, p2, p3] = [...cuts].sort((x, y) => x - y) as [number, number, number];
	const order = tour.order;
	const next = [...order.subarray(0, p1), ...order.subarray(p2, p3), ...order.subarray(p1, p2), ...order.subarray(p3)];
	const touched = [order[p1 - 1]!, order[p1]!, order[p2 - 1]!, order[p2]!, order[p3 - 1]!, order[p3]!, order[n - 1]!, order[0]!];
	tour.assign(next);
	return touched;
}

/** Improves a closed tour on a symmetric matrix by local search and iterated kicks. */
export function improveTour(matrix: DistanceMatrix, initial: readonly number[], options: LocalSearchOptions): TourResult {
	const n = matrix.n;
	if (n <= 3) return { tour: [...initial], length: tourLength(matrix, initial), iterations: 0 };
	const neighbours = nearestNeighbours(matrix, options.neighbours ?? 10);
	const search = new Search(matrix, neighbours, new Tour(initial));
	for (let node = 0; node < n; node++) search.wake(node);
	search.descend();
	let best = Int32Array.from(search.tour.order);
	let bestLength = tourLength(matrix, best);
	const started = options.clock?.() ?? 0;
	let iterations = 0;
	if (n >= 8) {
		for (; iterations < options.iterations; iterations++) {
			if (options.timeLimitMs !== undefined && options.clock && options.clock() - started > options.timeLimitMs) break;
			for (const node of doubleBridge(search.tour, options.random)) search.wake(node);
			search.descend();
			const length = tourLength(matrix, search.tour.order);
			if (length < bestLength - EPSILON) {
				best = Int32Array.from(search.tour.order);
				bestLength = length;
			} else search.tour.assign(best);
		}
	}
	return { tour: [...best], length: bestLength, iterations };
}
