/**
 * In the browser: a position (from "use my location" or a tap on the map) rounded to its 250 m cell
 * before anything leaves the device. Only the cell id (`hex250:i:j`) is sent; the position itself
 * is dropped here. proj4 is loaded only when this runs, not with the list.
 */
import { locateHexCell, formatHexCellId } from '../domain/privacy/cell-ids';

export const NEAR_ME_CELL_LEVEL = 'hex250';
export const NEAR_ME_CELL_METRES = 250;

/** The id of the 250 m cell (in the British National Grid, EPSG:27700) that holds lon/lat. */
export async function cellIdAt(lon: number, lat: number): Promise<string> {
	const [{ default: proj4 }, { BRITISH_NATIONAL_GRID_PROJ4 }] = await Promise.all([import('proj4'), import('../domain/imports/crs')]);
	const [x, y] = proj4('WGS84', BRITISH_NATIONAL_GRID_PROJ4, [lon, lat]) as [number, number];
	const cell = locateHexCell(x, y, NEAR_ME_CELL_METRES);
	return formatHexCellId(NEAR_ME_CELL_LEVEL, cell.i, cell.j);
}
