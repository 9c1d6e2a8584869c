/**
 * Imports of small hand-made files (tests/fixtures/imports): every kind of bad row is reported
 * with its number, id and field while nothing is written; good files insert, then upsert; a dry
 * run writes nothing; the place is found or asked for.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as domainLists from '../../src/lib/domain/imports/kinds';
import * as vocabulary from '../../src/lib/domain/vocabulary';
import { openTestDatabase, type TestDatabase } from './support';
import { createPlace, metresBetween, refusedImport, runImport, tableCounts } from './imports-support';

const fixture = (name: string) => path.resolve('tests', 'fixtures', 'imports', name);

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('the vocabularies imports check values against', () => {
	it('are exactly the values the database CHECK constraints allow', async () => {
		const columns = [
			['macro_asset', 'kind', vocabulary.MACRO_ASSET_KINDS],
			['macro_asset', 'status', vocabulary.MACRO_ASSET_STATUSES],
			['opportunity', 'kind', vocabulary.OPPORTUNITY_KINDS],
			['community_hub', 'hub_type', vocabulary.HUB_TYPES],
			['social_enterprise', 'consortium', vocabulary.CONSORTIA],
			['reference_area', 'area_type', vocabulary.REFERENCE_AREA_TYPES]
		] as const;
		for (const [table, column, list] of columns) {
			const { rows } = await sql<{ def: string }>`
				SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
				WHERE c.conrelid = ${table}::regclass AND c.contype = 'c'`.execute(database.db);
			const def = rows.map((r) => r.def).find((d) => d.startsWith(`CHECK ((${column} = ANY`));
			expect(def, `${table}.${column}`).toBeDefined();
			const allowed = [...def!.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
			expect(allowed, `${table}.${column}`).toEqual([...list]);
			expect(domainLists.MACRO_ASSET_KINDS).toBe(vocabulary.MACRO_ASSET_KINDS);
		}
	});
});

describe('importing into an empty database', () => {
	it('refuses kinds that need a place until there is one, naming what to do', async () => {
		const problems = await refusedImport(database.db, ['hubs', fixture('hubs-bng.csv'), '--map', 'hub_type=type']);
		expect(problems).toEqual([expect.stringMatching(/no place yet/)]);
	});
});

describe('a file with bad rows', () => {
	beforeAll(async () => {
		await createPlace(database.db);
	});

	it('changes nothing and reports every bad feature with its number, id and field', async () => {
		const before = await tableCounts(database.db);
		const problems = await refusedImport(database.db, ['macro-assets', fixture('macro-assets-bad.geojson')]);
		expect(await tableCounts(database.db)).toEqual(before);
		expect(problems).toEqual([
			'feature 2 (id "typo-kind"): field "kind": "hospitl" is not one of hospital, housing, mixed_use, regeneration, leisure, education, infrastructure, commercial, other',
			'feature 3 (id "open-ring"): ring 1 is not closed: it starts at [-1.952, 52.488] and ends at [-1.949, 52.489]',
			'feature 4 (id "nan-corner"): ring 1, position 2 has x = "NaN", not a finite number',
			'feature 5 (id "no-name"): field "name" is empty, and macro-assets need it',
			'feature 6 (id "good-site"): field "id": "good-site" is also used by feature 1; each id may appear once',
			'feature 7 (id "late-start"): field "timeline_end": 2020 is before timeline_start 2030',
			'feature 8 (id "Bad Id!"): field "id": "Bad Id!" is not a valid id (lower-case letters, digits and hyphens, starting with a letter or digit, at most 100 characters)',
			'feature 9 (id "a-line"): the geometry is a LineString; a Polygon or MultiPolygon is needed',
			'feature 10 (id "two-positions"): ring 1 has 3 positions; a closed ring needs at least 4'
		]);
	});

	it('reports CSV rows by number: a NaN coordinate, a missing and a wrong hub type, a latitude off the globe', async () => {
		const before = await tableCounts(database.db);
		const problems = await refusedImport(database.db, ['hubs', fixture('hubs-bad.csv')]);
		expect(await tableCounts(database.db)).toEqual(before);
		expect(problems).toEqual([
			'row 2 (id "nan-lon"): field "lon": "NaN" is not a number',
			'row 3 (id "no-type"): field "hub_type" is empty, and hubs need it',
			expect.stringMatching(/^row 4 \(id "bad-type"\): field "hub_type": "mosque" is not one of community_centre, /),
			'row 5 (id "far-lat"): the point [-1.95, 152.49] is outside longitude -180..180 / latitude -90..90'
		]);
	});

	it('reports opportunities naming a macro-asset or skill group the database lacks, with the other bad rows', async () => {
		await runImport(database.db, ['macro-assets', fixture('macro-assets-good.geojson')]);
		// Migration 0009 loads the default taxonomy; this test's world has only its own two groups.
		await database.db.deleteFrom('skill_group').execute();
		await database.db.insertInto('skill_group').values([
			{ id: 'health-care', name: 'Health and care' },
			{ id: 'facilities', name: 'Facilities' }
		]).execute();
		const before = await tableCounts(database.db);
		const problems = await refusedImport(database.db, ['opportunities', fixture('opportunities-bad.csv')]);
		expect(await tableCounts(database.db)).toEqual(before);
		expect(problems).toEqual([
			'row 2 (id "ghost-site"): field "macro_asset_id": "no-such-site" is not a macro-asset in the database',
			'row 3 (id "bad-kind"): field "kind": "apprenticeship" is not one of job, training, procurement, placement',
			'row 4 (id "zero-count"): field "count": "0" is below the minimum 1',
			'row 5 (id "bad-date"): field "period_start": "2025-13-01" is not a date written as YYYY-MM-DD',
			'row 6 (id "unknown-skill"): field "skill_group_id": "astrophysics" is not a skill group in the database',
			'row 7 (id "backwards"): field "period_end": "2025-01-01" is before period_start "2026-01-01"'
		]);
	});

	it('refuses a self-intersecting polygon with PostGIS\'s reason, and stores it repaired with --make-valid', async () => {
		const before = await tableCounts(database.db);
		const problems = await refusedImport(database.db, [
			'reference-areas',
			fixture('reference-areas-bowtie.geojson'),
			'--area-type',
			'output_area'
		]);
		expect(await tableCounts(database.db)).toEqual(before);
		expect(problems).toEqual([expect.stringMatching(/^feature 1 \(code "E99000001"\): the polygon is not valid \(Self-intersection/)]);

		const report = await runImport(database.db, [
			'reference-areas',
			fixture('reference-areas-bowtie.geojson'),
			'--area-type',
			'output_area',
			'--make-valid'
		]);
		expect(report).toMatchObject({ inserted: 2, repaired: 1 });
		const { rows } = await sql<{ valid: boolean; type: string; parts: number }>`
			SELECT ST_IsValid(geom) AS valid, GeometryType(geom) AS type, ST_NumGeometries(geom) AS parts
			FROM reference_area WHERE code = 'E99000001'`.execute(database.db);
		expect(rows).toEqual([{ valid: true, type: 'MULTIPOLYGON', parts: 2 }]);
	});

	it('refuses IMD rows with a decile out of range, a negative rank, a repeated or a missing code', async () => {
		const problems = await refusedImport(database.db, ['imd', fixture('imd-bad.csv')]);
		expect(problems).toEqual([
			'row 1 (code "E99000011"): field "imd_decile" (from "Index of Multiple Deprivation (IMD) Decile"): "11" is above the maximum 10',
			'row 2 (code "E99000012"): field "imd_rank" (from "Index of Multiple Deprivation (IMD) Rank"): "-5" is below the minimum 1',
			'row 3 (code "E99000011"): field "code" (from "LSOA code (2011)"): "E99000011" is also used by row 1; each code may appear once',
			'row 4: field "code" (from "LSOA code (2011)") is empty, and imd need it'
		]);
	});
});

describe('good files', () => {
	it('insert macro-assets with ids from names, lists, money and MultiPolygons', async () => {
		const { rows } = await sql<{ id: string; status: string; owners: string[]; partners: string[]; investment_gbp: string | null; type: string }>`
			SELECT id, status, owners, partners, investment_gbp::text AS investment_gbp, GeometryType(geom) AS type
			FROM macro_asset ORDER BY id`.execute(database.db);
		expect(rows).toEqual([
			{ id: 'test-canal-loop', status: 'under_construction', owners: [], partners: ['Test Canal Trust', 'Test City Council'], investment_gbp: null, type: 'MULTIPOLYGON' },
			{ id: 'test-hospital', status: 'operational', owners: ['Test NHS Trust'], partners: [], investment_gbp: '350000000.00', type: 'MULTIPOLYGON' },
			{ id: 'test-loop-north-and-south', status: 'consented', owners: [], partners: [], investment_gbp: null, type: 'MULTIPOLYGON' }
		]);
	});

	it('upsert on re-import: same id updates the fields the file has, keeps the rest, inserts new ids', async () => {
		const report = await runImport(database.db, ['macro-assets', fixture('macro-assets-update.geojson')]);
		expect(report).toMatchObject({ inserted: 1, updated: 1, records: 2 });
		const row = await database.db
			.selectFrom('macro_asset')
			.select(['status', 'owners', 'jobs', 'source'])
			.where('id', '=', 'test-hospital')
			.executeTakeFirstOrThrow();
		// status came from the file; owners, jobs and source are not in it, so they keep their values.
		expect(row).toEqual({ status: 'complete', owners: ['Test NHS Trust'], jobs: 7000, source: 'fixture' });
	});

	it('dry run checks everything, reports what it would do, and writes nothing', async () => {
		const before = await tableCounts(database.db);
		const report = await runImport(database.db, ['enterprises', fixture('enterprises-good.geojson'), '--dry-run']);
		expect(report).toMatchObject({ dryRun: true, inserted: 2, updated: 0 });
		expect(await tableCounts(database.db)).toEqual(before);
	});

	it('insert enterprises, folding "Construction" to its code and reading yes as true', async () => {
		await runImport(database.db, ['enterprises', fixture('enterprises-good.geojson'), '--source', 'fixture file']);
		const rows = await database.db
			.selectFrom('social_enterprise')
			.select(['id', 'consortium', 'employees', 'synthetic', 'source'])
			.orderBy('id')
			.execute();
		expect(rows).toEqual([
			{ id: 'test-builders-cic', consortium: 'construction', employees: null, synthetic: false, source: 'fixture file' },
			{ id: 'test-food-co-operative', consortium: 'food', employees: 12, synthetic: true, source: 'fixture file' }
		]);
	});

	it('insert opportunities with ids made from their site and title, counts with thousands separators', async () => {
		const report = await runImport(database.db, ['opportunities', fixture('opportunities-good.csv')]);
		expect(report).toMatchObject({ inserted: 3, updated: 0 });
		const rows = await database.db.selectFrom('opportunity').select(['id', 'count', 'illustrative']).orderBy('id').execute();
		expect(rows).toEqual([
			{ id: 'test-catering-course', count: 1200, illustrative: true },
			{ id: 'test-hospital-healthcare-assistant', count: 40, illustrative: true },
			{ id: 'test-hospital-porter', count: 12, illustrative: false }
		]);
	});

	it('insert hubs from easting/northing columns where PostGIS puts the same grid point', async () => {
		const report = await runImport(database.db, [
			'hubs',
			fixture('hubs-bng.csv'),
			'--map',
			'hub_type=type,address=street+postcode'
		]);
		expect(report).toMatchObject({ inserted: 3, crs: { crs: 27700 } });
		const { rows } = await sql<{ id: string; hub_type: string; address: string; error_m: number }>`
			SELECT id, hub_type, address,
			       ST_Distance(ST_Transform(geom, 27700), ST_SetSRID(ST_MakePoint(402000, 288000), 27700)) AS error_m
			FROM community_hub WHERE id = 'test-community-hub'`.execute(database.db);
		expect(rows[0]).toMatchObject({ hub_type: 'community_centre', address: '1 Test Road, B66 1AA' });
		// Helmert here vs PostGIS/PROJ (which may use the OSTN15 grid on a real server): within 5 m.
		expect(rows[0]!.error_m).toBeLessThan(5);
	});

	it('insert hubs from WKT and EWKT cells in a semicolon-separated CSV', async () => {
		const report = await runImport(database.db, ['hubs', fixture('hubs-wkt.csv')]);
		expect(report).toMatchObject({ inserted: 2 });
		const { rows } = await sql<{ id: string; point: { coordinates: number[] } }>`
			SELECT id, ST_AsGeoJSON(geom)::json AS point FROM community_hub
			WHERE id IN ('test-faith-centre', 'test-training-centre') ORDER BY id`.execute(database.db);
		expect(rows[0]!.point.coordinates).toEqual([-1.945, 52.492]);
		const bng = await sql<{ lonlat: { coordinates: number[] } }>`
			SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_MakePoint(403000, 287800), 27700), 4326))::json AS lonlat`.execute(database.db);
		expect(metresBetween(rows[1]!.point.coordinates, bng.rows[0]!.lonlat.coordinates)).toBeLessThan(5);
	});

	it('insert reference areas from a WKT column (with a hole and a BNG row) and sets IMD on them by code', async () => {
		await runImport(database.db, [
			'reference-areas',
			fixture('reference-areas-wkt.csv'),
			'--area-type',
			'lsoa',
			'--map',
			'code=LSOA11CD,name=LSOA11NM,geometry=WKT'
		]);
		const imd = await runImport(database.db, ['imd', fixture('imd-small.csv')]);
		expect(imd.imd).toEqual({ matched: 2, unmatched: 1, unmatchedExamples: ['E99000099'] });
		const rows = await database.db
			.selectFrom('reference_area')
			.select(['code', 'name', 'imd_rank', 'imd_decile', 'imd_year'])
			.where('area_type', '=', 'lsoa')
			.orderBy('code')
			.execute();
		expect(rows).toEqual([
			{ code: 'E99000011', name: 'Test 001A', imd_rank: 3924, imd_decile: 2, imd_year: 2019 },
			{ code: 'E99000012', name: 'Test 001B', imd_rank: 939, imd_decile: 1, imd_year: 2019 },
			{ code: 'E99000013', name: 'Test 001C', imd_rank: null, imd_decile: null, imd_year: null }
		]);
		const { rows: holes } = await sql<{ rings: number }>`
			SELECT ST_NRings(geom) AS rings FROM reference_area WHERE code = 'E99000013'`.execute(database.db);
		expect(holes[0]!.rings).toBe(2);
	});
});

describe('choosing the place', () => {
	it('asks which place when there are two, and uses --place', async () => {
		await createPlace(database.db, 'second-place');
		const problems = await refusedImport(database.db, ['enterprises', fixture('enterprises-good.geojson')]);
		expect(problems).toEqual(['the database has 2 places (greater-icknield, second-place): say which with --place <id>']);
		const report = await runImport(database.db, ['enterprises', fixture('enterprises-good.geojson'), '--place', 'second-place']);
		expect(report).toMatchObject({ place: 'second-place', updated: 2, outsidePlace: 0 });
		const missing = await refusedImport(database.db, ['enterprises', fixture('enterprises-good.geojson'), '--place', 'nowhere']);
		expect(missing).toEqual(['there is no place "nowhere"; places are greater-icknield, second-place']);
	});

	it('names a missing file', async () => {
		const problems = await refusedImport(database.db, ['hubs', fixture('no-such-file.csv')]);
		expect(problems).toEqual([expect.stringMatching(/no-such-file\.csv: there is no such file$/)]);
	});
});
