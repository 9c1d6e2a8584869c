/**
 * The default UK skills taxonomy as a migration (issue 16, part 2): a database holding only a new
 * place needs skill groups before it accepts opportunities or answers scores, so the taxonomy the
 * demo seed authors (data/greater-icknield/skill-groups.json) is also loaded by
 * migrations/0009_default_skill_groups.sql. That file is generated from the seed's data by
 * `skillGroupsMigrationSql`, never typed by hand; default-skill-groups.test.ts proves the landed
 * file is exactly what this writes from today's data.
 *
 * This writes migration text, not queries: the values are the project's own checked data
 * (parseSkillGroups), quoted as SQL literals, and run once by the migrator.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseSkillGroups, type DemoSkillGroup } from './demo-data';

/** Where the default taxonomy is authored. */
export const DEFAULT_SKILL_GROUPS_FILE = path.join('data', 'greater-icknield', 'skill-groups.json');
export const DEFAULT_SKILL_GROUPS_MIGRATION = path.join('migrations', '0009_default_skill_groups.sql');

/** The default taxonomy, read and checked as the seed reads it. */
export async function readDefaultSkillGroups(root = process.cwd()): Promise<DemoSkillGroup[]> {
	const text = await fs.readFile(path.join(root, DEFAULT_SKILL_GROUPS_FILE), 'utf8');
	return parseSkillGroups(JSON.parse(text));
}

function literal(value: string | null): string {
	return value === null ? 'NULL' : `'${value.replaceAll("'", "''")}'`;
}

/**
 * INSERT … ON CONFLICT DO NOTHING for every group and SOC code: idempotent, so a database that
 * already has the taxonomy from the seed (or an administrator's edits of it) is left unchanged.
 */
export function skillGroupsMigrationSql(groups: readonly DemoSkillGroup[]): string {
	const groupRows = groups.map(
		(g) => `\t(${literal(g.id)}, ${literal(g.name)}, ${literal(g.description)}, ${g.sortOrder})`
	);
	const socRows = groups.flatMap((g) =>
		g.soc2020.map((s) => `\t(${literal(g.id)}, ${literal(s.code)}, ${literal(s.title)})`)
	);
	return [
		'-- The default UK skills taxonomy (issue 16, part 2): skill groups and their SOC 2020 unit groups,',
		'-- so a database with no demo data accepts opportunities and answers scores. GENERATED from',
		`-- ${DEFAULT_SKILL_GROUPS_FILE.split(path.sep).join('/')} by src/lib/server/seed/default-skill-groups.ts; do not edit.`,
		'-- ON CONFLICT DO NOTHING: a database that already holds these rows (from the seed) is unchanged.',
		'',
		'INSERT INTO skill_group (id, name, description, sort_order) VALUES',
		groupRows.join(',\n'),
		'ON CONFLICT (id) DO NOTHING;',
		'',
		'INSERT INTO skill_group_soc (skill_group_id, soc2020_code, soc2020_title) VALUES',
		socRows.join(',\n'),
		'ON CONFLICT (skill_group_id, soc2020_code) DO NOTHING;',
		''
	].join('\n');
}
