/**
 * The projected CRS a place is measured in (distances, the 250 m score hexagons): British National
 * Grid for a place inside Great Britain, else the UTM zone of its centroid (WGS 84 / UTM, EPSG
 * 326zz north of the equator, 327zz south). Both keep scale error under 0.04 % within a zone,
 * which is well inside what a walking-distance score can tell apart.
 */

export interface ProjectionChoice {
	readonly srid: number;
	/** Why this one, for the command's output and the admin page. */
	readonly reason: string;
}

/**
 * Great Britain in longitude/latitude, as boxes: the British National Grid's land area less the
 * island of Ireland (Northern Ireland uses the Irish Grid, not BNG). Coarse on purpose: a place is a
 * borough or a city, far larger than the error at these edges, and the sea near the edges is empty.
 */
const GREAT_BRITAIN = { west: -8.75, east: 1.85, south: 49.85, north: 60.95 };
const IRELAND = { west: -10.7, east: -5.35, south: 51.3, north: 55.45 };

function inBox(lon: number, lat: number, box: { west: number; east: number; south: number; north: number }): boolean {
	return lon >= box.west && lon <= box.east && lat >= box.south && lat <= box.north;
}

/** Whether a WGS84 position lies in Great Britain (not the island of Ireland). */
export function isInGreatBritain(lon: number, lat: number): boolean {
	return inBox(lon, lat, GREAT_BRITAIN) && !inBox(lon, lat, IRELAND);
}

/** The WGS 84 / UTM zone EPSG code for a position (zones 1-60, 6 degrees wide from 180 W). */
export function utmSrid(lon: number, lat: number): number {
	const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
	return (lat >= 0 ? 32600 : 32700) + zone;
}

/** The measuring CRS for a place whose boundary has this WGS84 centroid (and bounding box). */
export function chooseProjectedSrid(
	centroid: readonly [number, number],
	bbox: readonly [number, number, number, number]
): ProjectionChoice {
	const [lon, lat] = centroid;
	const [west, south, east, north] = bbox;
	if (isInGreatBritain(west, south) && isInGreatBritain(east, north) && isInGreatBritain(lon, lat)) {
		return { srid: 27700, reason: 'EPSG:27700 (British National Grid): the place lies in Great Britain' };
	}
	const srid = utmSrid(lon, lat);
	const zone = srid % 100;
	return {
		srid,
		reason: `EPSG:${srid} (WGS 84 / UTM zone ${zone}${lat >= 0 ? 'N' : 'S'}): the zone of the place's centroid ${lon.toFixed(4)}, ${lat.toFixed(4)}`
	};
}
