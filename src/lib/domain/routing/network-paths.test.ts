import { describe, expect, it } from 'vitest';
import { NetworkPaths } from './network-paths';

describe('NetworkPaths (a square 1-2-3-4 with a long diagonal 1-3 and a lone node 5)', () => {
	const paths = new NetworkPaths(5, [
		{ source: 1, target: 2, length: 10 },
		{ source: 2, target: 3, length: 10 },
		{ source: 3, target: 4, length: 10 },
		{ source: 4, target: 1, length: 10 },
		{ source: 1, target: 3, length: 25 }
	]);

	it('walks round the square when the diagonal is longer, either way along the edges', () => {
		const [toThree, toFour, toSelf] = paths.pathsFrom(1, [3, 4, 1]);
		expect(toThree!.length).toBe(3);
		expect([toThree![0], toThree![2]]).toEqual([1, 3]);
		expect(toFour).toEqual([1, 4]);
		expect(toSelf).toEqual([1]);
		expect(paths.pathsFrom(3, [1])[0]!.length).toBe(3);
	});

	it('says when nothing reaches a node', () => {
		expect(paths.pathsFrom(1, [5])).toEqual([undefined]);
	});
});
