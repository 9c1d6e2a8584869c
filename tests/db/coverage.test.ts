/**
 * Questionnaire coverage per area against population (issue 11, part 5): population denominators
 * on reference areas (the importer and the demo's neighbourhoods), and the coverage figures built
 * from published counts only. The real IoD2019 files are read from ../shared when present.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/log';
import { createAccount } from '../../src/lib/server/auth/service';
import type { User } from '../../src/lib/server/auth/queries';
import { areaCoverage } from '../../src/lib/server/restricted/responses/coverage';
import { responseAreaCodes } from '../../src/lib/server/restricted/responses/queries';
import { listResponses, submitResponse } from '../../src/lib/server/restricted/responses/service';
import { listAudit } from '../../src/lib/server/audit/log';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { createPlace, hasRealData, real, realDataTitle, refusedImport, runImport } from './imports-support';
import { openTestDatabase, type TestDatabase } from './support';

const fixture = (name: string) => path.resolve('tests/fixtures/imports', name);
const PLACE = 'greater-icknield';
// Deep inside two of the demo's neighbourhoods (data/greater-icknield/residential-areas.geojson).
const CAPE_HILL = { lon: -1.9653, lat: 52.4902 };
const LADYWOOD = { lon: -1.9186, lat: 52.4772 };

describe('coverage per neighbourhood in the demo', () => {
	let database: TestDatabase;
	let researcher: User;
	beforeAll(async () => {
		database = await openTestDatabase();
		await seedDemoDataIfEmpty(database.db);
		researcher = await createAccount(database.db, SYSTEM_ACTOR, { username: 'c.researcher', displayName: 'c', role: 'researcher', password: 'a long enough passphrase' });
	}, 180_000);
	afterAll(async () => {
		await database?.close();
	});

	const respond = async (at: { lon: number; lat: number }, n: number) => {
		for (let i = 0; i < n; i++) {
			await submitResponse(database.db, researcher, { id: randomUUID(), questionnaireVersion: 1, answers: { consent: true, age_band: '35-49', main_language: 'ur', location: at, occupation: 'nurse' } });
		}
	};

	it('seeds the nine residential areas as neighbourhoods with illustrative populations that add up to the place', async () => {
		const rows = await database.db.selectFrom('reference_area').select(['code', 'population', 'population_illustrative']).where('area_type', '=', 'neighbourhood').execute();
		expect(rows).toHaveLength(9);
		expect(rows.every((r) => r.population_illustrative && r.population! > 0)).toBe(true);
		expect(rows.reduce((sum, r) => sum + r.population!, 0)).toBe(81_360);
	});

	it('with no responses, every area counts 0 at rate 0, under-surveyed, with its nearest hubs', async () => {
		const coverage = (await areaCoverage(database.db, PLACE, { k: 10, roundingBase: 5 }))!;
		expect(coverage).toMatchObject({ areaType: 'neighbourhood', areaTypes: ['neighbourhood'], total: 0, outside: 0, rateThresholdPer1000: 5 });
		expect(coverage.areas).toHaveLength(9);
		for (const area of coverage.areas) {
			expect(area).toMatchObject({ count: 0, ratePer1000: 0, underSurveyed: true, reason: 'low-rate', populationIllustrative: true });
			expect(area.nearestHubs).toHaveLength(3);
			expect(area.nearestHubs[0]!.metres).toBeLessThanOrEqual(area.nearestHubs[2]!.metres);
		}
	});

	it('publishes counts only: a released count is rounded and rated per 1,000; an area under k is withheld, and so is the one that would give it away', async () => {
		await respond(CAPE_HILL, 23);
		expect(await responseAreaCodes(database.db, PLACE, 'neighbourhood')).toEqual(Array(23).fill('gi-cape-hill'));
		const first = (await areaCoverage(database.db, PLACE, { k: 10, roundingBase: 5, rateThresholdPer1000: 1 }))!;
		const capeHill = first.areas.find((a) => a.code === 'gi-cape-hill')!;
		// 23 → 25; 25 / 17,900 residents × 1,000 = 1.397 → 1.4, above the threshold of 1.
		expect(capeHill).toMatchObject({ count: 25, population: 17_900, ratePer1000: 1.4, underSurveyed: false, reason: null, nearestHubs: [] });
		expect(first.total).toBe(25);

		await respond(LADYWOOD, 3);
		expect((await responseAreaCodes(database.db, PLACE, 'neighbourhood')).filter((c) => c === 'gi-ladywood')).toHaveLength(3);
		const second = (await areaCoverage(database.db, PLACE, { k: 10, roundingBase: 5, rateThresholdPer1000: 1 }))!;
		const ladywood = second.areas.find((a) => a.code === 'gi-ladywood')!;
		expect(ladywood).toMatchObject({ count: null, ratePer1000: null, underSurveyed: true, reason: 'withheld' });
		expect(ladywood.nearestHubs).toHaveLength(3);
		// Cape Hill's 23 beside the total of 26 would give Ladywood's 3 away: the pipeline's secondary
		// suppression withholds Cape Hill too, and releases only the rounded total.
		expect(second.areas.find((a) => a.code === 'gi-cape-hill')).toMatchObject({ count: null, reason: 'withheld' });
		expect(second.total).toBe(25);
		expect(second.areas.filter((a) => a.count !== null).every((a) => a.count === 0)).toBe(true);
		expect(JSON.stringify(second)).not.toMatch(/"count":[1-9],/);
	});

	it('gives a coordinator the coded answers of every response, never the free text, and audits the read', async () => {
		const coordinator = await createAccount(database.db, SYSTEM_ACTOR, { username: 'c.coordinator', displayName: 'c', role: 'coordinator', password: 'a long enough passphrase' });
		const id = randomUUID();
		await submitResponse(database.db, researcher, { id, questionnaireVersion: 1, answers: { consent: true, age_band: '35-49', main_language: 'ur', location: CAPE_HILL, occupation: 'nurse', ideas: 'free text canary' } });
		const seen = (await listResponses(database.db, coordinator, { limit: 500 })).responses.find((r) => r.id === id)!;
		expect(seen.answers).toMatchObject({ age_band: '35-49', occupation: 'nurse', main_language: 'ur' });
		expect(seen.answers).not.toHaveProperty('ideas');
		expect(JSON.stringify(seen)).not.toContain('free text canary');
		// The researcher who collected it still reads it whole.
		expect((await listResponses(database.db, researcher, { limit: 500 })).responses.find((r) => r.id === id)!.answers.ideas).toBe('free text canary');
		const audit = await listAudit(database.db, { limit: 20 });
		expect(JSON.stringify(audit)).toMatch(/"freeText":false/);
	});

	it('sets populations of areas already loaded from a CSV by code (thousands separators), and names codes that match nothing', async () => {
		const report = await runImport(database.db, ['population', fixture('population-neighbourhoods.csv'), '--area-type', 'neighbourhood', '--set', 'population_year=2021']);
		expect(report.population).toEqual({ areaType: 'neighbourhood', matched: 2, unmatched: 1, unmatchedExamples: ['nowhere-1'] });
		const rows = await database.db.selectFrom('reference_area').select(['code', 'population', 'population_year', 'population_illustrative']).where('code', 'in', ['gi-cape-hill', 'gi-ladywood']).orderBy('code').execute();
		expect(rows).toEqual([
			{ code: 'gi-cape-hill', population: 18_120, population_year: 2021, population_illustrative: false },
			{ code: 'gi-ladywood', population: 11_400, population_year: 2021, population_illustrative: false }
		]);
	});

	it('refuses a population file with any bad value, names each row, and writes nothing', async () => {
		const before = await database.db.selectFrom('reference_area').select(['code', 'population']).where('area_type', '=', 'neighbourhood').orderBy('code').execute();
		const problems = await refusedImport(database.db, ['population', fixture('population-bad.csv'), '--area-type', 'neighbourhood']);
		expect(problems.join('\n')).toMatch(/row 2 \(code "gi-ladywood"\): field "population": "-5" is below the minimum 0/);
		expect(problems.join('\n')).toMatch(/row 3 \(code "gi-soho-road"\): field "population": "many" is not a whole number/);
		expect(problems.join('\n')).toMatch(/row 4 \(code "gi-spring-hill"\): field "population": "1,23,4" is not a whole number/);
		expect(problems.join('\n')).not.toMatch(/row 1 /);
		const after = await database.db.selectFrom('reference_area').select(['code', 'population']).where('area_type', '=', 'neighbourhood').orderBy('code').execute();
		expect(after).toEqual(before);
	});
});

describe.skipIf(!hasRealData)(realDataTitle('IoD2019 population denominators'), () => {
	let database: TestDatabase;
	beforeAll(async () => {
		if (!hasRealData) return;
		database = await openTestDatabase();
		await createPlace(database.db);
	});
	afterAll(async () => {
		await database?.close();
	});
	const geojson = () => real('imd-2019', 'imd2019_lsoa11_greater_icknield_bbox.geojson');
	const file6 = () => real('imd-2019', 'IoD2019_File6_population_denominators_birmingham_sandwell.csv');

	it('imports the 137 LSOAs with their mid-2015 populations (--map population=…, --set population_year=2015)', async () => {
		const report = await runImport(database.db, [
			'reference-areas',
			geojson(),
			'--area-type',
			'lsoa',
			'--map',
			'code=lsoa11cd,name=lsoa11nm,population=population_mid2015',
			'--set',
			'population_year=2015'
		]);
		expect(report).toMatchObject({ records: 137, inserted: 137 });
		const features = (JSON.parse(fs.readFileSync(geojson(), 'utf8')) as { features: { properties: { lsoa11cd: string; population_mid2015: number } }[] }).features;
		const rows = await database.db.selectFrom('reference_area').select(['code', 'population', 'population_year']).where('area_type', '=', 'lsoa').execute();
		const byCode = new Map(rows.map((r) => [r.code, r]));
		for (const f of features) expect(byCode.get(f.properties.lsoa11cd)).toEqual({ code: f.properties.lsoa11cd, population: f.properties.population_mid2015, population_year: 2015 });
		expect(rows.reduce((s, r) => s + r.population!, 0)).toBe(258_332);
	});

	it('File 6 (header as published, "1,642" with a separator) sets the same figures on the 137 that match and counts the 688 that do not', async () => {
		await database.db.updateTable('reference_area').set({ population: null, population_year: null }).execute();
		const report = await runImport(database.db, ['population', file6(), '--set', 'population_year=2015']);
		expect(report.population).toMatchObject({ areaType: 'lsoa', matched: 137, unmatched: 688 });
		const published = new Map(
			(parse(fs.readFileSync(file6(), 'utf8'), { columns: true, bom: true }) as Record<string, string>[]).map((row) => [
				row['LSOA code (2011)']!,
				Number(row['Total population: mid 2015 (excluding prisoners)']!.replace(/,/g, ''))
			])
		);
		const rows = await database.db.selectFrom('reference_area').select(['code', 'population', 'population_year']).where('area_type', '=', 'lsoa').execute();
		for (const row of rows) expect(row).toEqual({ code: row.code, population: published.get(row.code), population_year: 2015 });
		expect(rows.some((r) => r.population! >= 1000)).toBe(true);
	});

	it('reads coverage per LSOA for the place: only LSOAs whose surface point lies inside, none of them answered yet', async () => {
		const coverage = (await areaCoverage(database.db, PLACE, { k: 10, roundingBase: 5 }))!;
		expect(coverage.areaType).toBe('lsoa');
		expect(coverage.areas.length).toBeGreaterThan(50);
		expect(coverage.areas.length).toBeLessThanOrEqual(137);
		expect(coverage.areas.every((a) => a.count === 0 && a.population! > 0 && a.underSurveyed)).toBe(true);
	});
});
