import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoutingGraph, type RoutingEdge } from './routing-graph';

/** All-pairs shortest paths by Floyd–Warshall (1962): slow, obviously right. */
function floydWarshall(n: number, edges: readonly RoutingEdge[]): number[][] {
	const d = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === j ? 0 : Infinity)));
	for (const { source, target, length } of edges) {
		d[source]![target] = Math.min(d[source]![target]!, length);
		d[target]![source] = Math.min(d[target]![source]!, length);
	}
	for (let k = 1; k <= n; k++)
		for (let i = 1; i <= n; i++)
			for (let j = 1; j <= n; j++) if (d[i]![k]! + d[k]![j]! < d[i]![j]!) d[i]![j] = d[i]![k]! + d[k]![j]!;
	return d;
}

const graphs = fc.integer({ min: 1, max: 30 }).chain((n) =>
	fc.tuple(
		fc.constant(n),
		fc.array(
			fc.record({
				source: fc.integer({ min: 1, max: n }),
				target: fc.integer({ min: 1, max: n }),
				length: fc.double({ min: 0, max: 1000, noNaN: true })
			}),
			{ maxLength: 80 }
		)
	)
);

describe('RoutingGraph', () => {
	it('gives the hand-worked distances of a small network, parallel edges included', () => {
		//  1 --10-- 2 --5-- 3
		//  |                |
		//  +-------30-------+     and a second, shorter, edge 2-3 of 4; node 4 stands alone.
		const graph = RoutingGraph.fromEdges(4, [
			{ source: 1, target: 2, length: 10 },
			{ source: 2, target: 3, length: 5 },
			{ source: 3, target: 1, length: 30 },
			{ source: 3, target: 2, length: 4 }
		]);
		expect([...graph.distancesFrom(1)].slice(1)).toEqual([0, 10, 14, Infinity]);
		expect(graph.distanceMatrix([3, 4], [1, 2, 4]).map((row) => [...row])).toEqual([
			[14, 4, Infinity],
			[Infinity, Infinity, 0]
		]);
	});

	it('agrees with Floyd–Warshall on random graphs, with and without stopping early at targets', () => {
		fc.assert(
			fc.property(graphs, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), ([n, edges], picks) => {
				const graph = RoutingGraph.fromEdges(n, edges);
				const truth = floydWarshall(n, edges);
				const targets = picks.map((pick) => (pick % n) + 1);
				for (let source = 1; source <= n; source++) {
					const all = graph.distancesFrom(source);
					for (let target = 1; target <= n; target++) expect(all[target]).toBeCloseTo(truth[source]![target]!, 6);
					const some = graph.distanceMatrix([source], targets)[0]!;
					targets.forEach((target, j) => expect(some[j]).toBeCloseTo(truth[source]![target]!, 6));
				}
			})
		);
	});

	it('refuses an edge to a node that does not exist, or of a length that is not a distance', () => {
		expect(() => RoutingGraph.fromEdges(2, [{ source: 1, target: 3, length: 1 }])).toThrow(RangeError);
		expect(() => RoutingGraph.fromEdges(2, [{ source: 1, target: 2, length: NaN }])).toThrow(RangeError);
	});
});
