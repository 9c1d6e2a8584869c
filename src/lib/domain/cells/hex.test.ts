import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexCellAt, hexCellCentre, hexCellCentreOf, hexCellCorners } from './hex';

/** Point-in-convex-polygon for a counter-clockwise ring (left of every edge, with a tolerance). */
function insideConvex(ring: [number, number][], x: number, y: number, tolerance: number): boolean {
	return ring.every(([ax, ay], k) => {
		const [bx, by] = ring[(k + 1) % ring.length]!;
		const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
		return cross >= -tolerance * Math.hypot(bx - ax, by - ay);
	});
}

describe('hexCellCentreOf', () => {
	// Values read from PostGIS 3.3: SELECT i, j, ST_AsText(geom) FROM ST_HexagonGrid(250, ST_MakeEnvelope(0, 0, 600, 600, 27700))
	it('matches the cells ST_HexagonGrid(250, ...) draws near the origin', () => {
		expect(hexCellCentreOf(0, 0, 250)).toEqual({ x: 0, y: 0 });
		expect(hexCellCentreOf(0, 1, 250).y).toBeCloseTo(433.01270189221935, 9);
		expect(hexCellCentreOf(1, 0, 250).x).toBe(375);
		expect(hexCellCentreOf(1, 0, 250).y).toBeCloseTo(216.50635094610968, 9);
		expect(hexCellCentreOf(2, 1, 250)).toEqual({ x: 750, y: expect.closeTo(433.01270189221935, 9) });
	});

	it('treats negative odd columns as odd, as C and PostgreSQL do with abs(i % 2)', () => {
		expect(hexCellCentreOf(-1, 0, 250).y).toBeCloseTo(216.50635094610968, 9);
		expect(hexCellCentreOf(-2, 0, 250).y).toBe(0);
	});

	it('refuses a size that is not positive', () => {
		expect(() => hexCellCentreOf(0, 0, 0)).toThrow(/positive/);
		expect(() => hexCellCentreOf(0, 0, Number.NaN)).toThrow(/positive/);
	});
});

describe('hexCellAt', () => {
	it('finds the cell of a point in the middle of a hexagon', () => {
		expect(hexCellAt(380, 220, 250)).toEqual({ i: 1, j: 0, x: 375, y: expect.closeTo(216.506, 3) });
		expect(hexCellAt(-5, 3, 250)).toMatchObject({ i: 0, j: 0 });
		// Math.round(-0.4) is -0 in JavaScript; cell indexes are integers as in PostgreSQL.
		expect(Object.is(hexCellAt(1130, 40, 250).j, 0)).toBe(true);
		expect(Object.is(hexCellAt(-0, 5, 250).i, 0)).toBe(true);
	});

	it('returns a cell whose hexagon contains the point, anywhere in British National Grid', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -10_000, max: 700_000, noNaN: true }),
				fc.double({ min: -10_000, max: 1_300_000, noNaN: true }),
				fc.constantFrom(100, 250, 500, 1000),
				(x, y, size) => {
					const cell = hexCellAt(x, y, size);
					return insideConvex(hexCellCorners(cell.i, cell.j, size), x, y, 1e-6);
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('is idempotent: a cell centre belongs to its own cell', () => {
		fc.assert(
			fc.property(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: -3000, max: 3000 }), (i, j) => {
				const centre = hexCellCentreOf(i, j, 250);
				const cell = hexCellAt(centre.x, centre.y, 250);
				return cell.i === i && cell.j === j && hexCellCentre(centre.x, centre.y, 250).x === centre.x;
			})
		);
	});

	it('refuses a non-finite point', () => {
		expect(() => hexCellAt(Number.POSITIVE_INFINITY, 0, 250)).toThrow(/non-finite/);
	});
});
