import { describe, expect, it } from 'vitest';
import { buildCellTree, isWithin } from './cell-tree';
import { tableHierarchy } from './test-support';

const hierarchy = tableHierarchy({
	'hex250:b': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
	'hex250:a': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
	'hex250:c': { hex500: 'hex500:A2', hex1000: 'hex1000:A' }
});

describe('buildCellTree', () => {
	it('indexes units by (level, id) so children come before parents', () => {
		const tree = buildCellTree(['hex250:c', 'hex250:a', 'hex250:b', 'hex250:a'], hierarchy);
		expect(tree.ids).toEqual(['hex250:a', 'hex250:b', 'hex250:c', 'hex500:A1', 'hex500:A2', 'hex1000:A', 'place']);
		expect(tree.root).toBe(6);
		for (let node = 0; node < tree.size; node++) if (tree.parents[node]! >= 0) expect(tree.parents[node]).toBeGreaterThan(node);
		expect(isWithin(tree, tree.indexOf.get('hex250:b')!, tree.indexOf.get('hex1000:A')!)).toBe(true);
		expect(isWithin(tree, tree.indexOf.get('hex250:c')!, tree.indexOf.get('hex500:A1')!)).toBe(false);
	});

	it('refuses a hierarchy that does not nest', () => {
		const broken = tableHierarchy({
			'hex250:a': { hex500: 'hex500:A1', hex1000: 'hex1000:A' },
			'hex250:b': { hex500: 'hex500:A1', hex1000: 'hex1000:B' }
		});
		expect(() => buildCellTree(['hex250:a', 'hex250:b'], broken)).toThrow(/does not nest/);
	});

	it('refuses an id used at two levels, and more than one place', () => {
		const twoLevels = tableHierarchy({ 'hex250:a': { hex500: 'x', hex1000: 'x' } });
		expect(() => buildCellTree(['hex250:a'], twoLevels)).toThrow(/two levels/);
		const twoPlaces = { parentOf: (cell: string, level: string) => (level === 'place' ? `place-${cell}` : `${level}-${cell}`) };
		expect(() => buildCellTree(['a', 'b'], twoPlaces)).toThrow(/one place/);
	});
});
