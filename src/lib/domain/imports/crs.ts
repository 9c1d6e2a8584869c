/**
 * The two coordinate reference systems imports accept, how a file says which one it uses, how to
 * tell them apart by value when it says nothing, and the conversion to WGS84 that storage uses.
 */
import proj4 from 'proj4';

export type Crs = 4326 | 27700;

export const CRS_LABELS: Readonly<Record<Crs, string>> = {
	4326: 'EPSG:4326 (WGS84 longitude/latitude)',
	27700: 'EPSG:27700 (British National Grid)'
};

/**
 * EPSG:27700 with the 7-parameter Helmert shift to WGS84 (OS's published parameters, about 2-5 m).
 * It is the definition PostGIS's spatial_ref_sys and GDAL/PROJ use when the OSTN15 grid is absent,
 * so a file reprojected by ogr2ogr and the same file reprojected here agree to centimetres.
 */
export const BRITISH_NATIONAL_GRID_PROJ4 =
	'+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
	'+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

/** What a file declares about its CRS, and where it said so (for messages). */
export type DeclaredCrs =
	| { readonly crs: Crs; readonly from: string }
	| { readonly unsupported: string; readonly from: string };

/** Reads "4326", "EPSG:27700", "urn:ogc:def:crs:EPSG::27700", "CRS84" and friends. */
export function parseCrsName(name: string): Crs | undefined {
	const text = name.trim();
	if (/(^|:)CRS:?84$/i.test(text) || /^wgs\s?84$/i.test(text)) return 4326;
	if (/^(bng|osgb|osgb36)$/i.test(text)) return 27700;
	const code = /(?:^|EPSG:+|EPSG\/\d+\/)(\d+)$/i.exec(text)?.[1];
	if (code === '4326') return 4326;
	if (code === '27700') return 27700;
	return undefined;
}

/** The legacy GeoJSON `crs` member (GDAL still writes it), e.g. {type:"name",properties:{name:"EPSG:27700"}}. */
export function crsFromGeoJsonMember(member: unknown): DeclaredCrs | undefined {
	if (member === undefined || member === null) return undefined;
	const from = 'the GeoJSON "crs" member';
	const name =
		typeof member === 'object' &&
		'properties' in member &&
		typeof member.properties === 'object' &&
		member.properties !== null &&
		'name' in member.properties &&
		typeof member.properties.name === 'string'
			? member.properties.name
			: undefined;
	if (name === undefined) return { unsupported: JSON.stringify(member).slice(0, 80), from };
	const crs = parseCrsName(name);
	return crs ? { crs, from } : { unsupported: name, from };
}

/**
 * Recognises the CRS in a shapefile's .prj (ESRI WKT). Only the two CRSs we support are named;
 * anything else is reported rather than guessed, because a wrong datum moves data by ~100 m.
 */
export function crsFromPrj(wkt: string): DeclaredCrs {
	const from = 'the .prj file';
	const text = wkt.trim();
	if (/^PROJCS\[/i.test(text)) {
		if (/British[ _]National[ _]Grid|OSGB36/i.test(text)) return { crs: 27700, from };
		return { unsupported: /^PROJCS\["([^"]*)"/i.exec(text)?.[1] ?? text.slice(0, 60), from };
	}
	if (/^GEOGCS\[/i.test(text) && /WGS[ _]?1984|WGS[ _]?84/i.test(text)) return { crs: 4326, from };
	return { unsupported: text.slice(0, 60), from };
}

const LONLAT_BOX = { minX: -180, maxX: 180, minY: -90, maxY: 90 };
/** The British National Grid's extent in metres (Great Britain and its waters). */
const BNG_BOX = { minX: 0, maxX: 700_000, minY: 0, maxY: 1_300_000 };

function inBox(x: number, y: number, box: typeof LONLAT_BOX): boolean {
	return x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY;
}

export function isLonLat(x: number, y: number): boolean {
	return inBox(x, y, LONLAT_BOX);
}

/** Inside the grid's extent and not a pair that reads as degrees (a point that far south-west is sea). */
export function isBritishNationalGrid(x: number, y: number): boolean {
	return inBox(x, y, BNG_BOX) && !isLonLat(x, y);
}

/**
 * Decides a file's CRS from its coordinates when nothing declares it: degrees and grid metres do
 * not overlap over Great Britain, so all-degrees means 4326 and all-metres means 27700. Returns
 * undefined for an empty or mixed file (the caller asks for --crs).
 */
export function guessCrs(positions: Iterable<readonly [number, number]>): Crs | undefined {
	let lonLat = 0;
	let grid = 0;
	let other = 0;
	for (const [x, y] of positions) {
		if (isLonLat(x, y)) lonLat++;
		else if (isBritishNationalGrid(x, y)) grid++;
		else other++;
	}
	if (other > 0) return undefined;
	if (lonLat > 0 && grid === 0) return 4326;
	if (grid > 0 && lonLat === 0) return 27700;
	return undefined;
}

export type ToWgs84 = (x: number, y: number) => [number, number];

/** 1e-7 degrees is about 1 cm here: finer digits from a reprojection are noise. */
const round7 = (value: number) => Math.round(value * 1e7) / 1e7;

/** A function taking a position in `crs` to WGS84 longitude/latitude. */
export function toWgs84(crs: Crs): ToWgs84 {
	if (crs === 4326) return (x, y) => [x, y];
	const converter = proj4(BRITISH_NATIONAL_GRID_PROJ4, 'WGS84');
	return (x, y) => {
		const [lon, lat] = converter.forward([x, y]);
		return [round7(lon!), round7(lat!)];
	};
}
