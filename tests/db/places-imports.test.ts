/**
 * A second place loaded from files alone (issue 16, part 2), with the made-up Riverbend files
 * (tests/fixtures/places/riverbend, field names unlike Birmingham's): boundary, small areas in
 * British National Grid, deprivation, venues, one capital project and its roles, then a score
 * layer. On the way, the mistakes that used to pass: rows landing in the wrong place, longitude and
 * latitude swapped, polygons given for points (--as-point), several places and none named.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScoreSpec } from '../../src/lib/domain/scoring/spec';
import { readSourceFile } from '../../src/lib/server/imports/read-file';
import { importPlaceBoundary } from '../../src/lib/server/places/service';
import { getCellScores } from '../../src/lib/server/scores/service';
import { createPlace, refusedImport, runImport, tableCounts } from './imports-support';
import { openTestDatabase, type TestDatabase } from './support';

const RIVERBEND = path.resolve('tests/fixtures/places/riverbend');
const file = (name: string) => path.join(RIVERBEND, name);
const VENUE_FIELDS = ['--map', 'name=venue_name,hub_type=venue_kind,address=street,lon=x_coord,lat=y_coord'];

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
	// The Birmingham test box, standing in for the demo place.
	await createPlace(database.db, 'greater-icknield');
});
afterAll(async () => {
	await database?.close();
});

describe('a second place from its own files', () => {
	it('refuses venues that all lie outside the only place, instead of loading them there', async () => {
		const before = await tableCounts(database.db);
		const problems = await refusedImport(database.db, ['hubs', file('venues.csv'), ...VENUE_FIELDS]);
		expect(problems).toEqual([
			expect.stringMatching(
				/^5 of 5 lie outside place greater-icknield \(the only place, taken because no --place was given\) \(e\.g\. row 1 \(name "Riverbend Community Hall"\), .*Create the place first: npm run import -- place/
			)
		]);
		expect(await tableCounts(database.db)).toEqual(before);
	});

	it('creates Riverbend from two ward polygons, measured in British National Grid', async () => {
		const report = await importPlaceBoundary(database.db, await readSourceFile(file('boundary-wards.geojson'), 'geojson'), {
			id: 'riverbend',
			name: 'Riverbend',
			makeValid: false,
			dryRun: false
		});
		expect(report).toMatchObject({ created: true, features: 2, polygons: 1, projection: { srid: 27700 } });
		expect(report.areaKm2).toBeGreaterThan(18);
		expect(report.areaKm2).toBeLessThan(20);
	});

	it('asks which place when there are two and none is named', async () => {
		const problems = await refusedImport(database.db, ['hubs', file('venues.csv'), ...VENUE_FIELDS]);
		expect(problems).toEqual(['the database has 2 places (greater-icknield, riverbend): say which with --place <id>']);
	});

	it('says longitude and latitude look swapped, and writes nothing', async () => {
		const before = await tableCounts(database.db);
		const problems = await refusedImport(database.db, ['hubs', file('venues-swapped.csv'), ...VENUE_FIELDS, '--place', 'riverbend']);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^longitude and latitude look swapped: 5 of 5 lie outside place riverbend, and 5 of those \(row 1 \(name "Riverbend Community Hall \(swapped\)"\), .*exchange the columns/);
		expect(await tableCounts(database.db)).toEqual(before);
	});

	it('loads the venues into Riverbend and says so', async () => {
		const report = await runImport(database.db, ['hubs', file('venues.csv'), ...VENUE_FIELDS, '--place', 'riverbend']);
		expect(report).toMatchObject({ place: 'riverbend', records: 5, inserted: 5, outsidePlace: 0 });
	});

	it('refuses places of worship given as outlines in one message, and with --as-point stores a point inside each', async () => {
		const args = ['hubs', file('worship-outlines.geojson'), '--map', 'name=BLDG_NAME,hub_type=USE_CLASS', '--place', 'riverbend'];
		expect(await refusedImport(database.db, args)).toEqual([
			'2 features are polygons (feature 1 (name "St Anne by the River"), feature 2 (name "Riverbend Mosque")) and hubs are points: ' +
				"pass --as-point to store a point on each polygon's surface (ST_PointOnSurface)"
		]);
		const report = await runImport(database.db, [...args, '--as-point']);
		expect(report).toMatchObject({ inserted: 2, asPoints: 2, outsidePlace: 0 });
		const { rows } = await sql<{ type: string; inside: boolean }>`
			SELECT GeometryType(geom) AS type,
			       ST_Covers(ST_MakeEnvelope(-2.6002, 51.4601, -2.5996, 51.4605, 4326), geom) AS inside
			FROM community_hub WHERE name = 'St Anne by the River'`.execute(database.db);
		expect(rows).toEqual([{ type: 'POINT', inside: true }]);
	});

	it('loads small areas in grid metres, their deprivation, a capital project and its roles under their own field names', async () => {
		const areas = await runImport(database.db, ['reference-areas', file('small-areas-bng.geojson'), '--area-type', 'lsoa', '--map', 'code=SA_REF,name=SA_TITLE']);
		expect(areas).toMatchObject({ inserted: 4, crs: { crs: 27700 } });
		const imd = await runImport(database.db, ['imd', file('deprivation.csv'), '--map', 'code=area_ref,imd_rank=overall_rank,imd_decile=overall_decile']);
		expect(imd.imd).toEqual({ matched: 4, unmatched: 0, unmatchedExamples: [] });
		const site = await runImport(database.db, [
			'macro-assets',
			file('scheme.geojson'),
			'--map',
			'id=scheme_ref,name=scheme_title,kind=category,status=stage,timeline_start=start_yr,timeline_end=end_yr,owners=promoter',
			'--place',
			'riverbend'
		]);
		expect(site).toMatchObject({ place: 'riverbend', inserted: 1, outsidePlace: 0 });
		const roles = await runImport(database.db, [
			'opportunities',
			file('roles.csv'),
			'--map',
			'id=role_ref,macro_asset_id=scheme_ref,skill_group_id=skill,kind=role_type,title=role_title,count=how_many'
		]);
		expect(roles).toMatchObject({ inserted: 3 });
	});

	it('scores Riverbend: cells near the quayside reach its 21 opportunities', async () => {
		const params = new URLSearchParams('method=cumulative&skill=all');
		const layer = await getCellScores(database.db, { placeId: 'riverbend', spec: parseScoreSpec((name) => params.get(name)), viewer: undefined });
		// 19 km² in 250 m hexagons (about 0.16 km² each).
		expect(layer.features.length).toBeGreaterThan(100);
		expect(layer.summary.max).toBe(21);
	});
});
