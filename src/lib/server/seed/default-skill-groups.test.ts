import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_SKILL_GROUPS_MIGRATION,
	readDefaultSkillGroups,
	skillGroupsMigrationSql
} from './default-skill-groups';

describe('the default skills taxonomy migration', () => {
	it('is exactly what the generator writes from the seed data (not hand-typed, not drifted)', async () => {
		const landed = await fs.readFile(DEFAULT_SKILL_GROUPS_MIGRATION, 'utf8');
		expect(landed).toBe(skillGroupsMigrationSql(await readDefaultSkillGroups()));
	});

	it('lists every group and SOC code once, inserts nothing over existing rows', async () => {
		const groups = await readDefaultSkillGroups();
		const text = skillGroupsMigrationSql(groups);
		expect(groups.length).toBeGreaterThan(0);
		for (const g of groups) expect(text).toContain(`('${g.id}', `);
		const socCount = groups.reduce((n, g) => n + g.soc2020.length, 0);
		expect(text.match(/^\t\('[a-z0-9-]+', '[0-9]{4}', /gm)).toHaveLength(socCount);
		expect(text.match(/ON CONFLICT \([a-z0-9_, ]+\) DO NOTHING;/g)).toHaveLength(2);
	});

	it('quotes apostrophes and writes NULL for a missing description', () => {
		const text = skillGroupsMigrationSql([
			{ id: 'x', name: "Nurses' aides", description: null, sortOrder: 5, soc2020: [{ code: '6131', title: "O'Brien's" }] }
		]);
		expect(text).toContain(`('x', 'Nurses'' aides', NULL, 5)`);
		expect(text).toContain(`('x', '6131', 'O''Brien''s')`);
	});
});
