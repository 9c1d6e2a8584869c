import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../synthetic/random';
import { heldKarp } from './held-karp';
import { improveTour, nearestNeighbourTour } from './local-search';
import { denseMatrix, matrixFrom, routeLength, type DistanceMatrix } from './matrix';
import { solveRoute } from './solve';

/** The shortest route by trying every order: the independent check. */
function exhaustive(matrix: DistanceMatrix, closed: boolean, start?: number): number {
	const nodes = Array.from({ length: matrix.n }, (_, i) => i);
	let best = Infinity;
	const walk = (prefix: number[], rest: number[]) => {
		if (!rest.length) {
			best = Math.min(best, routeLength(matrix, prefix, closed));
			return;
		}
		for (const next of rest) walk([...prefix, next], rest.filter((x) => x !== next));
	};
	if (start !== undefined) walk([start], nodes.filter((x) => x !== start));
	else if (closed) walk([0], nodes.slice(1)); // a cycle's first node does not matter
	else walk([], nodes);
	return best;
}

const instance = (maxNodes: number, symmetric: boolean) =>
	fc.integer({ min: 1, max: maxNodes }).chain((n) =>
		fc.record({
			n: fc.constant(n),
			points: fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), { minLength: n, maxLength: n }),
			detour: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: n * n, maxLength: n * n }),
			closed: fc.boolean(),
			start: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined })
		}).map(({ n, points, detour, closed, start }) => ({
			// Straight lines plus a detour per direction: like walking, never shorter than the crow flies.
			matrix: matrixFrom(n, (i, j) => Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]) + (symmetric ? detour[Math.min(i, j) * n + Math.max(i, j)]! : detour[i * n + j]!)),
			closed,
			start
		}))
	);

describe('solveRoute on small routes', () => {
	it('is exactly as short as trying every order, up to 9 nodes (closed, open, fixed start; one way streets too)', () => {
		fc.assert(
			fc.property(fc.oneof(instance(9, true), instance(9, false)), ({ matrix, closed, start }) => {
				const route = solveRoute(matrix, { closed, start, seed: 'p' });
				expect(route.method).toBe('exact');
				expect(route.length).toBeCloseTo(exhaustive(matrix, closed, start), 6);
				expect(route.length).toBeCloseTo(routeLength(matrix, route.order, closed), 6);
				expect([...route.order].sort((a, b) => a - b)).toEqual(Array.from({ length: matrix.n }, (_, i) => i));
				if (start !== undefined) expect(route.order[0]).toBe(start);
			}),
			{ numRuns: 150, seed: 20261205 }
		);
	});

	it('matches exhaustive search at 10 nodes', () => {
		fc.assert(
			fc.property(instance(10, true).filter(({ matrix }) => matrix.n === 10), ({ matrix, closed, start }) => {
				expect(solveRoute(matrix, { closed, start, seed: 'p' }).length).toBeCloseTo(exhaustive(matrix, closed, start), 6);
			}),
			{ numRuns: 3, seed: 7 }
		);
	});

	it('answers the trivial routes', () => {
		expect(solveRoute(denseMatrix(0, []), { closed: true, seed: 's' })).toMatchObject({ order: [], length: 0 });
		expect(solveRoute(denseMatrix(1, [0]), { closed: false, seed: 's' })).toMatchObject({ order: [0], length: 0 });
		expect(solveRoute(denseMatrix(2, [0, 5, 7, 0]), { closed: false, start: 1, seed: 's' })).toMatchObject({ order: [1, 0], length: 7 });
		expect(solveRoute(denseMatrix(2, [0, 5, 7, 0]), { closed: true, seed: 's' })).toMatchObject({ length: 12 });
	});

	it('refuses negative, infinite and missing costs, and a start that is not a node', () => {
		expect(() => solveRoute(denseMatrix(2, [0, -1, 1, 0]), { closed: true, seed: 's' })).toThrow(/cost from 0 to 1 is -1/);
		expect(() => solveRoute(denseMatrix(2, [0, Infinity, 1, 0]), { closed: true, seed: 's' })).toThrow(/finite/);
		expect(() => solveRoute(denseMatrix(2, [0, NaN, 1, 0]), { closed: true, seed: 's' })).toThrow(/NaN/);
		expect(() => solveRoute(denseMatrix(2, [0, 1, 1, 0]), { closed: true, start: 2, seed: 's' })).toThrow(/start 2/);
	});
});

describe('the local search', () => {
	const randomPoints = (n: number, seed: string) => {
		const random = createRandom(seed);
		const points = Array.from({ length: n }, () => [random.next() * 5000, random.next() * 5000] as const);
		return matrixFrom(n, (i, j) => Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]));
	};

	it('finds the proven optimum of 20 random 15-node instances, closed and open, with and without a fixed start', () => {
		for (let k = 0; k < 20; k++) {
			const matrix = randomPoints(15, `instance-${k}`);
			const closed = k % 2 === 0;
			const start = k % 3 === 0 ? undefined : k % 15;
			const optimum = heldKarp(matrix, { closed, start }).length;
			// The search alone, on the 15 nodes (solveRoute would solve them exactly)…
			if (closed && start === undefined) {
				const tour = improveTour(matrix, nearestNeighbourTour(matrix), { iterations: 2000, random: createRandom(`k${k}`) });
				expect(tour.length).toBeCloseTo(optimum, 6);
			}
			// …and solveRoute above the exact limit, on 30 nodes with the same optimum.
			const large = solveRoute(withCopies(matrix), { closed, start, seed: `k${k}` });
			expect(large.method).toBe('local-search');
			// withCopies duplicates every node at distance 0: the optimum is unchanged.
			expect(large.length).toBeCloseTo(optimum, 6);
			if (start !== undefined) expect(large.order[0]).toBe(start);
		}
	});

	it('gives the same route for the same seed, and keeps every node once', () => {
		const matrix = randomPoints(120, 'determinism');
		const a = solveRoute(matrix, { closed: false, start: 5, seed: 'same', iterations: 400 });
		const b = solveRoute(matrix, { closed: false, start: 5, seed: 'same', iterations: 400 });
		expect(b.order).toEqual(a.order);
		expect(new Set(a.order).size).toBe(120);
		expect(a.order[0]).toBe(5);
		expect(a.stoppedByTime).toBe(false);
	});

	it('stops at the time cap and says so', () => {
		let now = 0;
		const route = solveRoute(randomPoints(60, 'cap'), { closed: true, seed: 's', iterations: 1_000_000, timeLimitMs: 50, clock: () => (now += 1) });
		expect(route.stoppedByTime).toBe(true);
		expect(route.iterations).toBeLessThan(60);
	});
});

/** The same instance with each node doubled (a twin at distance 0): the same optimum, twice the nodes. */
function withCopies(matrix: DistanceMatrix): DistanceMatrix {
	return matrixFrom(matrix.n * 2, (i, j) => matrix.at(i % matrix.n, j % matrix.n));
}
