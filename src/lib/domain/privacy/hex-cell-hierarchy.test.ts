import { describe, expect, it, vi } from 'vitest';
import { buildCellTree } from './cell-tree';
import { formatHexCellId, hexCellCentreOfIndex, locateHexCell, parseHexCellId } from './cell-ids';
import { createHexCellHierarchy, HEX_LEVEL_SIZES } from './hex-cell-hierarchy';

function windowOfCells(from: number, to: number): string[] {
	const cells: string[] = [];
	for (let i = from; i <= to; i++) for (let j = from; j <= to; j++) cells.push(formatHexCellId('hex250', i, j));
	return cells;
}

describe('createHexCellHierarchy', () => {
	it('puts the origin cell in the origin cell of every level', () => {
		const hierarchy = createHexCellHierarchy();
		expect(hierarchy.parentOf('hex250:0:0', 'hex250')).toBe('hex250:0:0');
		expect(hierarchy.parentOf('hex250:0:0', 'hex500')).toBe('hex500:0:0');
		expect(hierarchy.parentOf('hex250:0:0', 'hex1000')).toBe('hex1000:0:0');
		expect(hierarchy.parentOf('hex250:0:0', 'place')).toBe('place');
	});

	it('nests by construction over a 41 × 41 window (about 10 km²)', () => {
		const hierarchy = createHexCellHierarchy();
		const tree = buildCellTree(windowOfCells(-20, 20), hierarchy);
		const childCounts = new Map<number, number>();
		for (let node = 0; node < tree.size; node++) {
			const parent = tree.parents[node]!;
			if (parent >= 0 && parent !== tree.root) childCounts.set(parent, (childCounts.get(parent) ?? 0) + 1);
		}
		// Area ratio 4 between hex levels; with edge ties given to one side a hex has 1 to 7 children.
		for (const count of childCounts.values()) expect(count).toBeLessThanOrEqual(7);
		const mean = [...childCounts.values()].reduce((a, b) => a + b, 0) / childCounts.size;
		expect(mean).toBeGreaterThan(2.5);
	});

	it('gives each cell the coarser cell containing its centre, chaining through hex500', () => {
		const hierarchy = createHexCellHierarchy();
		for (const cell of windowOfCells(-6, 6)) {
			const { i, j } = parseHexCellId(cell)!;
			const centre = hexCellCentreOfIndex(i, j, HEX_LEVEL_SIZES.hex250);
			const in500 = locateHexCell(centre.x, centre.y, HEX_LEVEL_SIZES.hex500);
			expect(hierarchy.parentOf(cell, 'hex500')).toBe(formatHexCellId('hex500', in500.i, in500.j));
			const in1000 = locateHexCell(in500.centre.x, in500.centre.y, HEX_LEVEL_SIZES.hex1000);
			expect(hierarchy.parentOf(cell, 'hex1000')).toBe(formatHexCellId('hex1000', in1000.i, in1000.j));
			// The 250 m centre is inside its 500 m parent's circumcircle.
			expect(Math.hypot(in500.centre.x - centre.x, in500.centre.y - centre.y)).toBeLessThanOrEqual(HEX_LEVEL_SIZES.hex500 + 1e-6);
		}
	});

	it('uses an injected locator (so cells/hex.ts can be plugged in)', () => {
		const locate = vi.fn(locateHexCell);
		const hierarchy = createHexCellHierarchy({ locate, placeId: 'greater-icknield' });
		expect(hierarchy.parentOf('hex250:3:4', 'hex1000')).toMatch(/^hex1000:/);
		expect(hierarchy.parentOf('hex250:3:4', 'place')).toBe('greater-icknield');
		expect(locate).toHaveBeenCalledTimes(2);
	});

	it('refuses ids that are not base cells', () => {
		expect(() => createHexCellHierarchy().parentOf('hex500:0:0', 'hex1000')).toThrow(/not a base cell/);
	});
});
