import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHexCellId, hexCellCentreOfIndex, locateHexCell, parseHexCellId } from './cell-ids';

describe('locateHexCell', () => {
	it('finds the cell a centre belongs to and returns that centre', () => {
		const index = fc.integer({ min: -2000, max: 2000 });
		fc.assert(
			fc.property(index, index, fc.constantFrom(250, 500, 1000), (i, j, size) => {
				const centre = hexCellCentreOfIndex(i, j, size);
				expect(locateHexCell(centre.x, centre.y, size)).toEqual({ i, j, centre });
			})
		);
	});

	it('follows ST_HexagonGrid: odd columns half a row up, column -1 odd too', () => {
		expect(locateHexCell(380, 220, 250)).toMatchObject({ i: 1, j: 0, centre: { x: 375 } });
		expect(hexCellCentreOfIndex(-1, 0, 250).y).toBeCloseTo(216.50635094610968, 9);
	});
});

describe('hex cell ids', () => {
	it('round-trips level, i and j', () => {
		expect(formatHexCellId('hex250', -12, 7)).toBe('hex250:-12:7');
		expect(parseHexCellId('hex250:-12:7')).toEqual({ levelName: 'hex250', i: -12, j: 7 });
	});

	it('rejects anything else', () => {
		for (const id of ['hex250:1', 'hex250:1:2:3', 'hex250:a:2', ':1:2', 'hex250:1.5:2']) expect(parseHexCellId(id)).toBeUndefined();
	});
});
