import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OsmData, OsmWay } from './elements';
import { buildWalkNetwork, connectedComponents } from './network';

function data(nodeIds: number[], ways: OsmWay[]): OsmData {
	return { nodes: new Map(nodeIds.map((id) => [id, { lon: -1.9 + id / 1e4, lat: 52.5 }])), ways };
}

describe('buildWalkNetwork', () => {
	it('makes one node per used OSM node and one edge per consecutive pair of a walkable way', () => {
		const network = buildWalkNetwork(
			data(
				[1, 2, 3, 4, 5, 6, 7],
				[
					{ id: 100, refs: [1, 2, 3], tags: { highway: 'residential', oneway: 'yes' } },
					{ id: 101, refs: [3, 4], tags: { highway: 'footway' } },
					{ id: 102, refs: [4, 5], tags: { highway: 'motorway' } },
					{ id: 103, refs: [6, 7], tags: { highway: 'path' } },
					{ id: 104, refs: [1, 7], tags: { building: 'yes' } }
				]
			)
		);
		expect(network.nodes.map((node) => [node.id, node.osmId, node.component])).toEqual([
			[1, 1, 0],
			[2, 2, 0],
			[3, 3, 0],
			[4, 4, 0],
			[5, 6, 1],
			[6, 7, 1]
		]);
		expect(network.edges).toEqual([
			{ id: 1, source: 1, target: 2, osmWayId: 100, highway: 'residential' },
			{ id: 2, source: 2, target: 3, osmWayId: 100, highway: 'residential' },
			{ id: 3, source: 3, target: 4, osmWayId: 101, highway: 'footway' },
			{ id: 4, source: 5, target: 6, osmWayId: 103, highway: 'path' }
		]);
		expect(network.componentSizes).toEqual([4, 2]);
		expect(network.waysKept).toBe(3);
		expect(network.waysSkipped).toMatchObject({ motorway: 1, 'no highway tag': 1, area: 0 });
		expect(network.missingNodeRefs).toBe(0);
	});

	it('splits a way where it refers to a node the file does not hold, and ignores a repeated node', () => {
		const network = buildWalkNetwork(data([1, 2, 4, 5], [{ id: 7, refs: [1, 2, 2, 3, 4, 5], tags: { highway: 'path' } }]));
		expect(network.edges.map((edge) => [edge.source, edge.target])).toEqual([
			[1, 2],
			[3, 4]
		]);
		expect(network.missingNodeRefs).toBe(1);
		expect(network.componentSizes).toEqual([2, 2]);
	});
});

describe('connectedComponents', () => {
	it('numbers components largest first, ties by their lowest node', () => {
		const { component, sizes } = connectedComponents(7, [
			[0, 1],
			[2, 3],
			[3, 4],
			[5, 6]
		]);
		expect([...component]).toEqual([1, 1, 0, 0, 0, 2, 2]);
		expect(sizes).toEqual([3, 2, 2]);
	});

	it('puts two nodes in one component exactly when a path joins them (breadth-first search agrees)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 25 }).chain((n) =>
					fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 40 }))
				),
				([n, edges]) => {
					const { component, sizes } = connectedComponents(n, edges);
					const adjacency = Array.from({ length: n }, () => [] as number[]);
					for (const [a, b] of edges) {
						adjacency[a]!.push(b);
						adjacency[b]!.push(a);
					}
					for (let start = 0; start < n; start++) {
						const reached = new Set([start]);
						const queue = [start];
						while (queue.length) for (const next of adjacency[queue.shift()!]!) if (!reached.has(next) && reached.add(next)) queue.push(next);
						for (let other = 0; other < n; other++) expect(component[other] === component[start]).toBe(reached.has(other));
						expect(sizes[component[start]!]).toBe(reached.size);
					}
					expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
				}
			)
		);
	});
});
