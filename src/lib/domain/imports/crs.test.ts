import { describe, expect, it } from 'vitest';
import { crsFromGeoJsonMember, crsFromPrj, guessCrs, parseCrsName, toWgs84 } from './crs';

/** The .prj of the Birmingham and Solihull ward and LSOA shapefiles (ESRI WKT). */
const ESRI_BNG_PRJ =
	'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936",DATUM["D_OSGB_1936",SPHEROID["Airy_1830",6377563.396,299.3249646]],' +
	'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",400000.0],' +
	'PARAMETER["False_Northing",-100000.0],PARAMETER["Central_Meridian",-2.0],PARAMETER["Scale_Factor",0.9996012717],' +
	'PARAMETER["Latitude_Of_Origin",49.0],UNIT["Meter",1.0]]';

describe('declared coordinate systems', () => {
	it.each([
		['4326', 4326],
		['EPSG:27700', 27700],
		['urn:ogc:def:crs:EPSG::27700', 27700],
		['urn:ogc:def:crs:OGC:1.3:CRS84', 4326],
		['bng', 27700],
		['3857', undefined]
	])('%s', (name, crs) => {
		expect(parseCrsName(name)).toBe(crs);
	});

	it('reads .prj files for British National Grid and WGS84 and names anything else', () => {
		expect(crsFromPrj(ESRI_BNG_PRJ)).toEqual({ crs: 27700, from: 'the .prj file' });
		expect(crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]]]')).toMatchObject({ crs: 4326 });
		expect(crsFromPrj('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS[]]')).toEqual({
			unsupported: 'WGS_1984_Web_Mercator_Auxiliary_Sphere',
			from: 'the .prj file'
		});
	});

	it('reads the GeoJSON crs member GDAL writes', () => {
		expect(crsFromGeoJsonMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } })).toMatchObject({ crs: 27700 });
		expect(crsFromGeoJsonMember(undefined)).toBeUndefined();
		expect(crsFromGeoJsonMember({ type: 'link', properties: { href: 'x' } })).toHaveProperty('unsupported');
	});
});

describe('guessing from values', () => {
	it('tells degrees from grid metres, and gives up on a mixture', () => {
		expect(guessCrs([[-1.96, 52.49]])).toBe(4326);
		expect(guessCrs([[402000, 288000]])).toBe(27700);
		expect(guessCrs([[-1.96, 52.49], [402000, 288000]])).toBeUndefined();
		expect(guessCrs([[402000, 2_880_000]])).toBeUndefined();
		expect(guessCrs([])).toBeUndefined();
	});
});

describe('toWgs84', () => {
	it('puts a Birmingham school where the council published it (within the Helmert shift\'s few metres)', () => {
		// Acocks Green Primary School: easting 411976, northing 283216 -> -1.82522312891254, 52.4467952243302.
		const [lon, lat] = toWgs84(27700)(411976, 283216);
		expect(Math.abs(lon - -1.82522312891254) * 68_000).toBeLessThan(5);
		expect(Math.abs(lat - 52.4467952243302) * 111_000).toBeLessThan(5);
	});

	it('leaves WGS84 alone', () => {
		expect(toWgs84(4326)(-1.9605, 52.4959)).toEqual([-1.9605, 52.4959]);
	});
});
