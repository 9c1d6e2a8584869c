/**
 * A database with no demo data still works (issue 16, part 2): migrations alone load the default
 * UK skills taxonomy, so a database holding only a new place accepts opportunities and answers
 * scores and the resident-skills layer (they answered 500, "skillGroups must list at least one
 * skill group", before migration 0009). The place here is a tiny square of our own, not the demo.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScoreSpec } from '../../src/lib/domain/scoring/spec';
import { getResidentLayer } from '../../src/lib/server/published/layers';
import { addOpportunity, addSite, createScenario } from '../../src/lib/server/scenarios/index';
import { getCellScores } from '../../src/lib/server/scores/service';
import { readDefaultSkillGroups } from '../../src/lib/server/seed/default-skill-groups';
import { reseedDemoData } from '../../src/lib/server/seed/index';
import { openTestDatabase, type TestDatabase } from './support';

const PLACE = 'little-square';
// About 1.3 km by 1.1 km in central Leeds: a place of our own making, nothing from the demo.
const BOUNDARY = 'MULTIPOLYGON(((-1.560 53.795,-1.540 53.795,-1.540 53.805,-1.560 53.805,-1.560 53.795)))';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

async function taxonomy(): Promise<string> {
	const { rows } = await sql<{ t: string }>`
		SELECT concat_ws('#',
			(SELECT string_agg(concat_ws('|', id, name, description, sort_order), ';' ORDER BY id) FROM skill_group),
			(SELECT string_agg(concat_ws('|', skill_group_id, soc2020_code, soc2020_title), ';' ORDER BY skill_group_id, soc2020_code) FROM skill_group_soc)
		) AS t`.execute(database.db);
	return rows[0]!.t;
}

const spec = (query: string) => {
	const params = new URLSearchParams(query);
	return parseScoreSpec((name) => params.get(name));
};

describe('a migrated database with no demo data', () => {
	it('holds the default skill groups and their SOC codes, and no place', async () => {
		const groups = await readDefaultSkillGroups();
		const { rows } = await sql<{ groups: number; codes: number; places: number }>`
			SELECT (SELECT count(*)::integer FROM skill_group) AS groups,
			       (SELECT count(*)::integer FROM skill_group_soc) AS codes,
			       (SELECT count(*)::integer FROM place) AS places`.execute(database.db);
		expect(rows[0]).toEqual({
			groups: groups.length,
			codes: groups.reduce((n, g) => n + g.soc2020.length, 0),
			places: 0
		});
		const { rows: ids } = await sql<{ id: string }>`SELECT id FROM skill_group ORDER BY sort_order, id`.execute(database.db);
		expect(ids.map((r) => r.id)).toEqual([...groups].sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id)).map((g) => g.id));
	});

	it('on a place of its own accepts an opportunity and answers scores and the resident-skills layer', async () => {
		const db = database.db;
		await sql`INSERT INTO place (id, name, projected_srid, boundary)
			VALUES (${PLACE}, 'Little Square', 27700, ST_GeomFromText(${BOUNDARY}, 4326))`.execute(db);
		await sql`INSERT INTO macro_asset (id, place_id, name, kind, status, geom)
			VALUES ('little-clinic', ${PLACE}, 'Little clinic', 'hospital', 'planned',
			        ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(-1.55, 53.80), 4326), 0.0005)))`.execute(db);
		await sql`INSERT INTO opportunity (id, macro_asset_id, skill_group_id, kind, title, count)
			VALUES ('little-clinic-nurses', 'little-clinic', 'nursing-midwifery', 'job', 'Nurses', 12)`.execute(db);

		const scenario = await createScenario(db, null, { place: PLACE, name: 'A second clinic' });
		const site = await addSite(db, scenario.id, { name: 'Second clinic', kind: 'hospital', location: { lon: -1.545, lat: 53.802 } });
		const added = await addOpportunity(db, scenario.id, { site: site.id, skillGroup: 'care-support', kind: 'job', title: 'Care posts', count: 8 });
		expect(added.skillGroupId).toBe('care-support');

		const baseline = await getCellScores(db, { placeId: PLACE, spec: spec('method=cumulative&skill=all&distance=straight'), viewer: undefined });
		expect(baseline.type).toBe('FeatureCollection');
		expect(baseline.features.length).toBeGreaterThan(0);
		expect(baseline.features.some((f) => (f.properties.score ?? 0) > 0)).toBe(true);

		const nursing = await getCellScores(db, { placeId: PLACE, spec: spec('method=gravity&skill=nursing-midwifery&distance=straight'), viewer: undefined });
		expect(nursing.features.length).toBe(baseline.features.length);

		const layer = await getResidentLayer(db, { placeId: PLACE, skill: 'all', readiness: 'any' });
		// No residents here: an empty collection, not a refusal.
		expect(layer.type).toBe('FeatureCollection');
		expect(layer.features).toEqual([]);
		const oneSkill = await getResidentLayer(db, { placeId: PLACE, skill: 'care-support', readiness: 'any' });
		expect(oneSkill.features).toEqual([]);
	}, 60_000);

	it('is left unchanged by the demo seed, which writes the same taxonomy', async () => {
		const before = await taxonomy();
		await reseedDemoData(database.db, {});
		expect(await taxonomy()).toBe(before);
	}, 120_000);
});
