/**
 * Boundary files as published: Birmingham's 2018 wards and its 2021 LSOAs, each as the GeoJSON
 * (WGS84, reprojected by ogr2ogr) and as the untouched British National Grid shapefile. Importing
 * both puts every area in the same place, to within the rounding of the GeoJSON's coordinates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './support';
import { centroidsByCode, hasRealData, metresBetween, real, realDataTitle, runImport } from './imports-support';

let database: TestDatabase;
beforeAll(async () => {
	if (hasRealData) database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

/** Largest centroid shift between two imports of the same areas, in metres. */
function largestShift(before: Map<string, number[]>, after: Map<string, number[]>): number {
	let largest = 0;
	for (const [code, centroid] of before) {
		const moved = after.get(code);
		expect(moved, `area ${code} is still there`).toBeDefined();
		largest = Math.max(largest, metresBetween(centroid, moved!));
	}
	return largest;
}

describe.skipIf(!hasRealData)(realDataTitle('Birmingham wards 2018'), () => {
	let fromGeoJson: Map<string, number[]>;

	it('imports the 69 wards from GeoJSON, naming fields the file calls Ward and WardCode', async () => {
		const report = await runImport(database.db, [
			'reference-areas',
			real('birmingham-wards-2018-bsol', 'birmingham_wards_2018.geojson'),
			'--area-type',
			'ward',
			'--map',
			'code=WardCode,name=Ward',
			'--source',
			'ONS, OGL v3 (BSol.mapR)'
		]);
		expect(report).toMatchObject({ records: 69, inserted: 69, updated: 0, crs: { crs: 4326 } });
		const names = await database.db.selectFrom('reference_area').select('name').where('area_type', '=', 'ward').execute();
		expect(names.map((row) => row.name)).toEqual(expect.arrayContaining(['Ladywood', 'Soho & Jewellery Quarter', 'North Edgbaston']));
		fromGeoJson = await centroidsByCode(database.db, 'ward');
	});

	it('re-imports them from the BNG shapefile: the same 69 updated in the same place, plus 17 Solihull wards', async () => {
		const report = await runImport(database.db, [
			'reference-areas',
			real('birmingham-wards-2018-bsol', 'shapefile_bng', 'Ward.shp'),
			'--area-type',
			'ward',
			'--map',
			'code=WardCode,name=Ward'
		]);
		expect(report).toMatchObject({ records: 86, inserted: 17, updated: 69, crs: { crs: 27700, from: 'the .prj file' } });
		const shift = largestShift(fromGeoJson, await centroidsByCode(database.db, 'ward'));
		console.info(`wards: largest centroid shift GeoJSON -> shapefile ${shift.toFixed(3)} m`);
		expect(shift).toBeLessThan(3);
	});
});

describe.skipIf(!hasRealData)(realDataTitle('LSOA 2021, Birmingham and Solihull'), () => {
	let fromGeoJson: Map<string, number[]>;

	it('imports the 117 LSOAs of the study box from GeoJSON', async () => {
		const report = await runImport(database.db, [
			'reference-areas',
			real('lsoa-2021-birmingham-solihull-bsol', 'lsoa21_birmingham_in_bbox.geojson'),
			'--area-type',
			'lsoa',
			'--map',
			'code=LSOA21,name=LSOA21NM'
		]);
		expect(report).toMatchObject({ records: 117, inserted: 117, updated: 0 });
		fromGeoJson = await centroidsByCode(database.db, 'lsoa');
	});

	it('imports all 793 from the BNG shapefile, updating those 117 in place', async () => {
		const report = await runImport(database.db, [
			'reference-areas',
			real('lsoa-2021-birmingham-solihull-bsol', 'shapefile_bng', 'LSOA21.shp'),
			'--area-type',
			'lsoa',
			'--map',
			'code=LSOA21,name=LSOA21NM'
		]);
		expect(report).toMatchObject({ records: 793, inserted: 676, updated: 117, crs: { crs: 27700 } });
		const shift = largestShift(fromGeoJson, await centroidsByCode(database.db, 'lsoa'));
		console.info(`LSOA 2021: largest centroid shift GeoJSON -> shapefile ${shift.toFixed(3)} m`);
		expect(shift).toBeLessThan(3);
	});
});
