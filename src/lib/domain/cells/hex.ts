/**
 * Hexagonal cells exactly as PostGIS's ST_HexagonGrid(size, bounds) lays them out, so that a cell
 * computed here is the same cell the database aggregates to.
 *
 * ST_HexagonGrid tiles the plane of a projected CRS with flat-topped hexagons whose edge length
 * (= circumradius) is `size`, anchored at the CRS origin so that every call lines up
 * (postgis/lwgeom_generate_grid.c; PostGIS 3.1+). Column i is centred at x = 1.5·size·i; odd
 * columns are shifted up by half a hexagon height, so row j of column i is centred at
 * y = √3·size·(j + ½·|i mod 2|). `|i mod 2|` keeps C's sign rule: column -1 is odd too.
 *
 * Units are those of the projected CRS (metres for EPSG:27700).
 */

/** A cell of the hexagon grid: its ST_HexagonGrid indexes and the centre of the hexagon. */
export interface HexCell {
	readonly i: number;
	readonly j: number;
	readonly x: number;
	readonly y: number;
}

function assertCellSize(size: number): void {
	if (!(Number.isFinite(size) && size > 0)) {
		throw new RangeError(`hexagon size must be a positive number of CRS units, got ${size}`);
	}
}

function isOddColumn(i: number): boolean {
	return Math.abs(i % 2) === 1;
}

/** Centre of the cell with ST_HexagonGrid indexes (i, j) for hexagons of edge `size`. */
export function hexCellCentreOf(i: number, j: number, size: number): { x: number; y: number } {
	assertCellSize(size);
	return {
		x: 1.5 * size * i,
		y: Math.sqrt(3) * size * (j + (isOddColumn(i) ? 0.5 : 0))
	};
}

/**
 * The cell of ST_HexagonGrid(size, ...) that contains the point (x, y).
 * A hexagonal tiling is the Voronoi diagram of its centres, so the containing cell is the one
 * with the nearest centre; only the two columns whose x-range can hold the point are candidates.
 * A point exactly on an edge (measure zero) goes to the lower column, then the lower row.
 */
export function hexCellAt(x: number, y: number, size: number): HexCell {
	assertCellSize(size);
	if (!(Number.isFinite(x) && Number.isFinite(y))) {
		throw new RangeError(`cannot find the hexagon cell of a non-finite point (${x}, ${y})`);
	}
	const height = Math.sqrt(3) * size;
	// `|| 0` turns -0 into 0: PostgreSQL integers have no negative zero.
	const firstColumn = Math.floor(x / (1.5 * size)) || 0;
	let best: HexCell | undefined;
	let bestDistance = Infinity;
	for (const i of [firstColumn, firstColumn + 1]) {
		const j = Math.round(y / height - (isOddColumn(i) ? 0.5 : 0)) || 0;
		const centre = hexCellCentreOf(i, j, size);
		const distance = Math.hypot(x - centre.x, y - centre.y);
		if (distance < bestDistance) {
			best = { i, j, x: centre.x, y: centre.y };
			bestDistance = distance;
		}
	}
	// Both candidates are always evaluated, so best is set; the check satisfies the type system.
	if (!best) throw new Error('unreachable: no hexagon candidate');
	return best;
}

/**
 * Snaps a projected point to the centre of its hexagon: how a resident's location is stored
 * (DESIGN.md: exact home locations are never stored, only the centre of the 250 m cell).
 */
export function hexCellCentre(x: number, y: number, size: number): { x: number; y: number } {
	const cell = hexCellAt(x, y, size);
	return { x: cell.x, y: cell.y };
}

/** The six corners of a cell, counter-clockwise from the west corner, as ST_HexagonGrid draws them. */
export function hexCellCorners(i: number, j: number, size: number): [number, number][] {
	const { x, y } = hexCellCentreOf(i, j, size);
	const halfHeight = (Math.sqrt(3) / 2) * size;
	return [
		[x - size, y],
		[x - size / 2, y - halfHeight],
		[x + size / 2, y - halfHeight],
		[x + size, y],
		[x + size / 2, y + halfHeight],
		[x - size / 2, y + halfHeight]
	];
}
