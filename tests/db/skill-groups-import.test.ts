/**
 * `npm run import -- skill-groups <file.csv>` through the database (issue 16, part 2): a place's
 * own taxonomy is added or updated all or nothing, a dry run and a refused file leave every row as
 * it was, and groups not in the file (the default taxonomy from migration 0009) are kept.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRefused } from '../../src/lib/server/imports/index';
import { importSkillGroups } from '../../src/lib/server/imports/skill-groups';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
	database = await openTestDatabase();
	dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-skill-groups-'));
});
afterAll(async () => {
	await database?.close();
	if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function csv(name: string, text: string): Promise<string> {
	const file = path.join(dir, name);
	await fs.writeFile(file, text);
	return file;
}

async function taxonomy(): Promise<string> {
	const { rows } = await sql<{ t: string }>`
		SELECT concat_ws('#',
			(SELECT string_agg(concat_ws('|', id, name, description, sort_order), ';' ORDER BY id) FROM skill_group),
			(SELECT string_agg(concat_ws('|', skill_group_id, soc2020_code, soc2020_title), ';' ORDER BY skill_group_id, soc2020_code) FROM skill_group_soc)
		) AS t`.execute(database.db);
	return rows[0]!.t;
}

async function group(id: string) {
	const { rows } = await sql<{ name: string; description: string | null; codes: string | null }>`
		SELECT g.name, g.description,
		       (SELECT string_agg(soc2020_code || '=' || soc2020_title, ';' ORDER BY soc2020_code) FROM skill_group_soc WHERE skill_group_id = g.id) AS codes
		FROM skill_group g WHERE g.id = ${id}`.execute(database.db);
	return rows[0];
}

describe('importing a skills taxonomy', () => {
	it('refuses a file with one bad row and writes nothing, naming the row', async () => {
		const before = await taxonomy();
		const file = await csv('bad.csv', 'id,label,soc_codes\nport-workers,Port workers,8219\nbad,Bad,12345\n');
		const refusal = await importSkillGroups(database.db, { file, dryRun: false }).catch((err: unknown) => err);
		expect(refusal).toBeInstanceOf(ImportRefused);
		expect((refusal as ImportRefused).problems).toEqual(['row 3 (id "bad"): soc_codes: "12345" is not a 4-digit SOC 2020 unit group']);
		expect(await taxonomy()).toBe(before);
	});

	it('checks a dry run against the database and writes nothing', async () => {
		const before = await taxonomy();
		const file = await csv('dry.csv', 'id,label,soc_codes\nport-workers,Port workers,8219\n');
		const report = await importSkillGroups(database.db, { file, dryRun: true });
		expect(report).toMatchObject({ groups: 1, inserted: 1, updated: 0, dryRun: true });
		expect(await taxonomy()).toBe(before);
	});

	it('adds a new group and replaces an existing one’s label and codes, keeping the rest', async () => {
		const untouched = await group('nursing-midwifery');
		const careBefore = await group('care-support');
		expect(careBefore?.codes).toMatch(/6131=/);
		const file = await csv(
			'good.csv',
			'id,label,soc_codes\nport-workers,Port workers,"8219;9119"\ncare-support,Care and support work,6131 6135\n'
		);
		const report = await importSkillGroups(database.db, { file, dryRun: false });
		expect(report).toMatchObject({ groups: 2, inserted: 1, updated: 1, socCodes: 4, dryRun: false });
		expect(report.untitledCodes).toEqual(['8219', '9119']);

		const port = await group('port-workers');
		expect(port).toEqual({ name: 'Port workers', description: null, codes: '8219=SOC 2020 unit group 8219;9119=SOC 2020 unit group 9119' });
		const care = await group('care-support');
		expect(care?.name).toBe('Care and support work');
		expect(care?.description).toBe(careBefore?.description);
		// Known codes keep the taxonomy's own titles.
		expect(care?.codes).toMatch(/^6131=[A-Z][^;]+;6135=[A-Z][^;]+$/);
		expect(care?.codes).not.toMatch(/SOC 2020 unit group/);
		expect(await group('nursing-midwifery')).toEqual(untouched);

		// Again: the same file changes nothing more.
		const after = await taxonomy();
		expect(await importSkillGroups(database.db, { file, dryRun: false })).toMatchObject({ inserted: 0, updated: 2 });
		expect(await taxonomy()).toBe(after);
	});
});
