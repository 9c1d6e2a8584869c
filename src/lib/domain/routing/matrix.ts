/** Distances between a route's nodes (metres or minutes; any non-negative cost), row-major. */
export interface DistanceMatrix {
	readonly n: number;
	at(from: number, to: number): number;
}

/** A matrix over a flat array of n² costs. */
export function denseMatrix(n: number, costs: ArrayLike<number>): DistanceMatrix {
	if (costs.length !== n * n) throw new RangeError(`a ${n}-node matrix needs ${n * n} costs, not ${costs.length}`);
	const values = Float64Array.from(costs);
	return { n, at: (from, to) => values[from * n + to]! };
}

/** A matrix computed once from a cost function of two nodes. */
export function matrixFrom(n: number, cost: (from: number, to: number) => number): DistanceMatrix {
	const values = new Float64Array(n * n);
	for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = i === j ? 0 : cost(i, j);
	return { n, at: (from, to) => values[from * n + to]! };
}

/** The symmetric matrix the local search works on: each pair's mean of both directions. */
export function symmetrised(matrix: DistanceMatrix): DistanceMatrix {
	return matrixFrom(matrix.n, (i, j) => (matrix.at(i, j) + matrix.at(j, i)) / 2);
}

/** Length of a route through the matrix, closed (back to the first node) or open. */
export function routeLength(matrix: DistanceMatrix, order: readonly number[], closed: boolean): number {
	let total = 0;
	for (let k = 1; k < order.length; k++) total += matrix.at(order[k - 1]!, order[k]!);
	if (closed && order.length > 1) total += matrix.at(order[order.length - 1]!, order[0]!);
	return total;
}
