import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, listAudit } from '../../src/lib/server/audit/log';
import { createAccount } from '../../src/lib/server/auth/service';
import { getResidentLayer, getSuppressionOverview } from '../../src/lib/server/published/layers';
import { ensurePublication } from '../../src/lib/server/restricted/publication';
import { createResidentRecord } from '../../src/lib/server/restricted/records';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
const PLACE = 'greater-icknield';
beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
});
afterAll(async () => {
	await database?.close();
});

describe('published layers of resident skills', () => {
	it('publishes only rounded counts of at least k, as hexagon cells, with a suppression record', async () => {
		const started = performance.now();
		const layer = await getResidentLayer(database.db, { placeId: PLACE, skill: 'all', readiness: 'any' });
		console.log(`publication of 2,000 synthetic residents × 60 layers built and read in ${Math.round(performance.now() - started)} ms`);
		expect(layer.k).toBe(10);
		expect(layer.synthetic).toBe(true);
		expect(layer.features.length).toBeGreaterThan(5);
		for (const f of layer.features) {
			expect(f.geometry.type).toBe('MultiPolygon');
			if (f.properties.suppressed) expect(f.properties.count).toBeNull();
			else {
				expect(f.properties.count! % 5).toBe(0);
				expect(f.properties.count!).toBeGreaterThanOrEqual(10);
			}
		}
		expect(layer.total).toBe(2000);
		const overview = await getSuppressionOverview(database.db, PLACE);
		expect(overview!.records).toBe(2000);
		expect(overview!.entries.every((e) => ['1-4', '5-9', '10+'].includes(e.countBand))).toBe(true);
		expect((await listAudit(database.db, { action: 'publish' })).length).toBe(1);
	});

	it('keeps small groups coarse or hidden: no layer releases a count below k', async () => {
		const skills = (await database.db.selectFrom('skill_group').select('id').execute()).map((s) => s.id);
		for (const skill of ['all', ...skills]) {
			for (const readiness of ['any', 'overseas_qualification', 'english_test_passed', 'professionally_registered'] as const) {
				const layer = await getResidentLayer(database.db, { placeId: PLACE, skill, readiness });
				for (const f of layer.features) {
					if (f.properties.count !== null) expect(f.properties.count).toBeGreaterThanOrEqual(10);
				}
				if (layer.total !== null && layer.total !== 0) expect(layer.total).toBeGreaterThanOrEqual(10);
			}
		}
	});

	it('is rebuilt after the records change, and reports the share published at k = 10 and k = 5', async () => {
		const researcher = await createAccount(database.db, SYSTEM_ACTOR, {
			username: 'researcher.pub',
			displayName: 'R',
			role: 'researcher',
			password: 'a long enough passphrase'
		});
		await createResidentRecord(database.db, researcher, {
			placeId: PLACE,
			skillGroupId: 'medical-clinical',
			qualificationLevel: 7,
			overseasQualification: true,
			englishTestPassed: false,
			professionallyRegistered: false,
			languages: ['Arabic'],
			location: { lon: -1.94512, lat: 52.49233 }
		});
		expect(await database.db.selectFrom('publication').select('place_id').execute()).toEqual([]);
		const layer = await getResidentLayer(database.db, { placeId: PLACE, skill: 'all', readiness: 'any' });
		expect(layer.total).toBe(2000); // 2,001 rounded to base 5
		const shares: Record<number, number> = {};
		const layerShares: Record<number, number> = {};
		for (const k of [10, 5]) {
			await ensurePublication(database.db, PLACE, { k, roundingBase: 5 });
			const row = await database.db
				.selectFrom('publication')
				.select(['records', 'records_published', 'layer_records_counted', 'layer_records_published'])
				.executeTakeFirstOrThrow();
			shares[k] = row.records_published / row.records;
			layerShares[k] = row.layer_records_published / row.layer_records_counted;
		}
		console.log(
			`share of synthetic residents in published cells: all-skills layer k=10 ${(100 * shares[10]!).toFixed(1)}%, k=5 ${(100 * shares[5]!).toFixed(1)}%; ` +
				`over all 60 layers k=10 ${(100 * layerShares[10]!).toFixed(1)}%, k=5 ${(100 * layerShares[5]!).toFixed(1)}%`
		);
		expect(layerShares[5]!).toBeGreaterThanOrEqual(layerShares[10]!);
		expect(shares[5]!).toBeGreaterThanOrEqual(shares[10]!);
		expect(shares[10]!).toBeGreaterThan(0.5);
	});
});

describe('published unit outlines', () => {
	// Hexagon outlines would overlap their neighbours by thousands of m²; coordinates stored to
	// about a centimetre leave slivers of a few m² along shared edges, which do not count.
	it('draw coarse units as the union of their base cells: no two units of a layer overlap', async () => {
		await getResidentLayer(database.db, { placeId: PLACE, skill: 'all', readiness: 'any' });
		const { rows } = await sql<{ overlaps: number; units: number; coarse: number }>`
			SELECT
				(SELECT count(*)::integer FROM published_unit a JOIN published_unit b
				   ON a.place_id = b.place_id AND a.filter_key = b.filter_key AND a.unit_id < b.unit_id
				   AND a.level <> 'place' AND b.level <> 'place'
				   AND ST_Area(ST_Intersection(ST_Transform(a.geom, 27700), ST_Transform(b.geom, 27700))) > 50) AS overlaps,
				(SELECT count(*)::integer FROM published_unit WHERE filter_key = 'nursing-midwifery/any') AS units,
				(SELECT count(*)::integer FROM published_unit WHERE level IN ('hex500', 'hex1000')) AS coarse`.execute(database.db);
		expect(rows[0]!.coarse).toBeGreaterThan(0);
		expect(rows[0]!.overlaps).toBe(0);
	});
});
