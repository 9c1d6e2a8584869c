/**
 * Real files that are not boundaries to compare (those are in imports-real-areas):
 *  - IMD 2019: the 137 LSOA 2011 polygons of the study box as reference areas, then the IoD2019
 *    File 1 CSV (825 Birmingham and Sandwell LSOAs, ranks with thousands separators) setting ranks,
 *    deciles and the year on the ones that match by code;
 *  - Birmingham's 447 schools (GeoJSON, and CSV with a GeoJSON column and BNG easting/northing) and
 *    172 NHS Choices health sites, as community hubs.
 * One database for all three: they write different tables.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './support';
import { createPlace, hasRealData, metresBetween, real, realDataTitle, refusedImport, runImport, tableCounts } from './imports-support';

let database: TestDatabase;
beforeAll(async () => {
	if (!hasRealData) return;
	database = await openTestDatabase();
	await createPlace(database.db);
});
afterAll(async () => {
	await database?.close();
});

const FILE1 = () => real('imd-2019', 'IoD2019_File1_IMD_rank_decile_birmingham_sandwell.csv');

describe.skipIf(!hasRealData)(realDataTitle('IMD 2019'), () => {
	it('imports the 137 LSOA 2011 polygons with the ranks and deciles the GeoJSON carries', async () => {
		const report = await runImport(database.db, [
			'reference-areas',
			real('imd-2019', 'imd2019_lsoa11_greater_icknield_bbox.geojson'),
			'--area-type',
			'lsoa',
			'--map',
			'code=lsoa11cd,name=lsoa11nm'
		]);
		expect(report).toMatchObject({ records: 137, inserted: 137 });
		const deciles = await database.db
			.selectFrom('reference_area')
			.select((eb) => [eb.fn.countAll<number>().as('n')])
			.where('imd_decile', '=', 1)
			.executeTakeFirstOrThrow();
		// SOURCE.md: 62 of the 137 are in IMD decile 1.
		expect(Number(deciles.n)).toBe(62);
	});

	it('dry run of File 1 reports the matches and writes nothing', async () => {
		const before = await tableCounts(database.db);
		const report = await runImport(database.db, ['imd', FILE1(), '--dry-run']);
		expect(report.imd).toMatchObject({ matched: 137, unmatched: 688 });
		expect(await tableCounts(database.db)).toEqual(before);
		const dated = await database.db.selectFrom('reference_area').select('id').where('imd_year', 'is not', null).execute();
		expect(dated).toEqual([]);
	});

	it('sets rank, decile and year from File 1 on the 137 that match by code, and counts the 688 that do not', async () => {
		const report = await runImport(database.db, ['imd', FILE1()]);
		expect(report.imd).toMatchObject({ matched: 137, unmatched: 688 });
		const published = new Map(
			(parse(fs.readFileSync(FILE1(), 'utf8'), { columns: true, bom: true }) as Record<string, string>[]).map((row) => [
				row['LSOA code (2011)']!,
				{
					imd_rank: Number(row['Index of Multiple Deprivation (IMD) Rank']!.replace(/,/g, '')),
					imd_decile: Number(row['Index of Multiple Deprivation (IMD) Decile'])
				}
			])
		);
		const rows = await database.db
			.selectFrom('reference_area')
			.select(['code', 'imd_rank', 'imd_decile', 'imd_year'])
			.where('area_type', '=', 'lsoa')
			.execute();
		expect(rows).toHaveLength(137);
		for (const row of rows) {
			expect(row).toEqual({ code: row.code, ...published.get(row.code), imd_year: 2019 });
		}
		expect(rows.some((row) => row.imd_rank! >= 1000)).toBe(true);
	});
});

// The city's 447 schools loaded into a study box that holds 65 of them: --allow-outside says so.
const SCHOOL_FIELDS = ['--map', 'name=school_name,address=street+postcode', '--set', 'hub_type=school', '--allow-outside'];

async function positions(prefix: string): Promise<Map<string, number[]>> {
	const { rows } = await sql<{ id: string; point: { coordinates: number[] } }>`
		SELECT id, ST_AsGeoJSON(geom)::json AS point FROM community_hub WHERE id LIKE ${`${prefix}%`}`.execute(database.db);
	return new Map(rows.map((row) => [row.id.slice(prefix.length), row.point.coordinates]));
}

describe.skipIf(!hasRealData)(realDataTitle('Birmingham schools'), () => {
	it('imports the 447 schools from GeoJSON as hubs of type school; 65 lie in the study box', async () => {
		const report = await runImport(database.db, [
			'hubs',
			real('birmingham-schools-bcc', 'birmingham_schools.geojson'),
			...SCHOOL_FIELDS,
			'--source',
			'Birmingham City Council, OGL v3'
		]);
		expect(report).toMatchObject({ records: 447, inserted: 447, updated: 0, outsidePlace: 447 - 65 });
		const school = await database.db
			.selectFrom('community_hub')
			.select(['name', 'hub_type', 'address', 'source'])
			.where('id', '=', 'acocks-green-primary-school')
			.executeTakeFirstOrThrow();
		expect(school).toEqual({
			name: 'Acocks Green Primary School',
			hub_type: 'school',
			address: 'Westley Road, B27 7UQ',
			source: 'Birmingham City Council, OGL v3'
		});
	});

	it('re-imports them from the CSV (its GeoJSON column) as updates of the same 447', async () => {
		const report = await runImport(database.db, ['hubs', real('birmingham-schools-bcc', 'birmingham_schools.csv'), ...SCHOOL_FIELDS]);
		expect(report).toMatchObject({ format: 'csv', records: 447, inserted: 0, updated: 447 });
	});

	it('puts the CSV\'s easting/northing within a few metres of the published longitude/latitude', async () => {
		const report = await runImport(database.db, [
			'hubs',
			real('birmingham-schools-bcc', 'birmingham_schools.csv'),
			...SCHOOL_FIELDS,
			'--map',
			'easting=easting,northing=northing',
			'--id-prefix',
			'bng-'
		]);
		expect(report).toMatchObject({ inserted: 447, crs: { crs: 27700, from: 'the easting/northing columns' } });
		const published = await positions('');
		let largest = 0;
		for (const [id, point] of await positions('bng-')) largest = Math.max(largest, metresBetween(point, published.get(id)!));
		console.info(`schools: largest shift easting/northing -> published lon/lat ${largest.toFixed(2)} m`);
		// The council's lon/lat came from a different OSGB36 -> WGS84 transformation than our Helmert.
		expect(largest).toBeLessThan(5);
	});
});

describe.skipIf(!hasRealData)(realDataTitle('NHS Choices health sites 2014'), () => {
	const NHS_FIELDS = [
		'--map',
		'name=OrganisationName,address=Address1+Address2+Address3+Postcode',
		'--set',
		'hub_type=health_centre',
		'--id-prefix',
		'nhs-'
	];

	it('refuses OrganisationID as the id: some sites share one, and nothing is written', async () => {
		const before = await tableCounts(database.db);
		const problems = await refusedImport(database.db, [
			'hubs',
			real('nhs-choices-2014-health-sites', 'nhs_choices_2014_health_sites_bbox.geojson'),
			...NHS_FIELDS,
			'--map',
			'id=OrganisationID'
		]);
		expect(await tableCounts(database.db)).toEqual(before);
		expect(problems.length).toBeGreaterThanOrEqual(6);
		expect(problems).toContainEqual(expect.stringMatching(/^feature \d+ \(id "41507"\): field "id" \(from "OrganisationID"\): "nhs-41507" is also used by feature \d+; each id may appear once$/));
	});

	it('imports all 172 sites as health-centre hubs with ids from their names, all inside the study box', async () => {
		const report = await runImport(database.db, [
			'hubs',
			real('nhs-choices-2014-health-sites', 'nhs_choices_2014_health_sites_bbox.geojson'),
			...NHS_FIELDS,
			'--source',
			'NHS Choices 2014, OGL'
		]);
		expect(report).toMatchObject({ records: 172, inserted: 172, outsidePlace: 0 });
		// "City Hospital" names four NHS Choices entries at one Dudley Road point (SOURCE.md).
		const ids = await database.db.selectFrom('community_hub').select('id').where('id', 'like', 'nhs-city-hospital%').orderBy('id').execute();
		expect(ids.map((row) => row.id)).toEqual(['nhs-city-hospital', 'nhs-city-hospital-2', 'nhs-city-hospital-3', 'nhs-city-hospital-4']);
	});
});
