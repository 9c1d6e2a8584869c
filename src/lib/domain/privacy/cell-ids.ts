/**
 * Ids of hexagonal cells (`hex250:i:j`) and the point -> cell rule the hierarchy is built with.
 *
 * The geometry is `cells/hex.ts`, which reproduces PostGIS `ST_HexagonGrid(size, bounds)`
 * (postgis/lwgeom_generate_grid.c): flat-topped hexagons of edge `size`, origin at (0, 0) of the
 * projected CRS, cell (i, j) centred at x = 1.5·size·i, y = √3·size·(j + ½·|i mod 2|). This module
 * only adapts it to the shape the hierarchy needs and names cells, so there is one implementation
 * of the grid in the code base.
 */
import { hexCellAt, hexCellCentreOf } from '../cells/hex';

export interface HexCellIndex {
	/** Column, as the `i` column of ST_HexagonGrid. */
	readonly i: number;
	/** Row, as the `j` column of ST_HexagonGrid. */
	readonly j: number;
	/** Centre in the projected CRS, metres. */
	readonly centre: { readonly x: number; readonly y: number };
}

/** Finds the grid cell that contains a projected point, for a grid of the given edge length. */
export type HexCellLocator = (x: number, y: number, size: number) => HexCellIndex;

/** Centre of ST_HexagonGrid cell (i, j) for edge length `size` (metres in, metres out). */
export function hexCellCentreOfIndex(i: number, j: number, size: number): { x: number; y: number } {
	return hexCellCentreOf(i, j, size);
}

/**
 * The ST_HexagonGrid cell containing point (x, y), with its centre (`cells/hex.ts` `hexCellAt`).
 *
 * Note for the hierarchy: ties are not rare there. Placing 250 m centres in the 500 m grid puts
 * about three in four of them exactly on a 500 m edge, so which parent they get is decided by
 * `hexCellAt`'s tie rule. Any fixed rule gives a valid nesting; it must simply not change between
 * publications, or the same cell would move between parents.
 */
export function locateHexCell(x: number, y: number, size: number): HexCellIndex {
	const cell = hexCellAt(x, y, size);
	return { i: cell.i, j: cell.j, centre: { x: cell.x, y: cell.y } };
}

/** `hex250:12:-3` style id: the level name, then ST_HexagonGrid's i and j. */
export function formatHexCellId(levelName: string, i: number, j: number): string {
	return `${levelName}:${i}:${j}`;
}

/** Reads an id written by `formatHexCellId`; undefined when it is not one. */
export function parseHexCellId(id: string): { levelName: string; i: number; j: number } | undefined {
	const match = /^([a-z0-9_]+):(-?\d+):(-?\d+)$/i.exec(id);
	if (!match) return undefined;
	return { levelName: match[1]!, i: Number(match[2]), j: Number(match[3]) };
}
