/**
 * The editable role crosswalk (issue 14): job roles and questionnaire occupations to the skills
 * taxonomy (SOC 2020 -> skill group), with NHS job family and Agenda for Change band where they
 * apply. When a SOC code is given and the taxonomy knows it, the skill group must agree with it.
 */
import type { Kysely } from 'kysely';
import { AFC_BAND, crosswalkKey, DEFAULT_CROSSWALK } from '../../domain/matching/crosswalk';
import { normaliseBand } from '../../domain/vacancies/rows';
import type { Database } from '../db/schema';
import { invalid, notFound, type FieldIssue } from '../errors';
import { deleteCrosswalk, insertCrosswalkDefaults, listCrosswalk, skillGroupIds, socSkillGroups, upsertCrosswalk, type CrosswalkEntry } from './queries';

export type { CrosswalkEntry };

export interface CrosswalkInput {
	role: string;
	soc2020Code?: string | null;
	skillGroupId?: string | null;
	nhsJobFamily?: string | null;
	afcBand?: string | null;
}

export { listCrosswalk };

/** Checks and stores one row (a role already there is replaced). Returns the stored row. */
export async function saveCrosswalkEntry(db: Kysely<Database>, input: CrosswalkInput): Promise<CrosswalkEntry> {
	const issues: FieldIssue[] = [];
	const role = input.role.trim().replace(/\s+/g, ' ');
	const key = crosswalkKey(role);
	if (!role || role.length > 200 || !/^[a-z0-9][a-z0-9 &/().,'+-]*$/.test(key)) issues.push({ field: 'role', message: 'must be 1 to 200 letters, digits, spaces and & / ( ) . , \' + -, starting with a letter or digit' });
	const soc = input.soc2020Code?.trim() || null;
	if (soc && !/^[0-9]{4}$/.test(soc)) issues.push({ field: 'soc2020Code', message: 'must be a 4-digit SOC 2020 unit group' });
	const [socs, groups] = await Promise.all([socSkillGroups(db), skillGroupIds(db)]);
	let group = input.skillGroupId?.trim() || null;
	if (!group && soc) group = socs.get(soc) ?? null;
	if (!group) issues.push({ field: 'skillGroupId', message: 'is needed (or a SOC code the taxonomy knows)' });
	else if (!groups.has(group)) issues.push({ field: 'skillGroupId', message: `"${group}" is not a skill group` });
	const bandText = input.afcBand?.trim() || '';
	const band = bandText ? normaliseBand(bandText) : null;
	if (band && !AFC_BAND.test(band)) issues.push({ field: 'afcBand', message: 'must be an Agenda for Change band: 1-7, 8a-8d or 9' });
	const family = input.nhsJobFamily?.trim() || null;
	if (family && family.length > 100) issues.push({ field: 'nhsJobFamily', message: 'must be at most 100 characters' });
	if (issues.length) throw invalid('The crosswalk row was not saved: ' + issues.map((i) => `${i.field} ${i.message}`).join('; ') + '.', issues);
	const entry: CrosswalkEntry = { roleKey: key, role, soc2020Code: soc, skillGroupId: group!, nhsJobFamily: family, afcBand: band };
	await upsertCrosswalk(db, [entry]);
	return entry;
}

export async function removeCrosswalkEntry(db: Kysely<Database>, role: string): Promise<void> {
	if (!(await deleteCrosswalk(db, crosswalkKey(role)))) throw notFound(`The crosswalk has no role “${role}”.`);
}

/** Adds the default roles that are not there yet (the seed calls this); edited rows are kept. */
export async function ensureDefaultCrosswalk(db: Kysely<Database>): Promise<void> {
	const groups = await skillGroupIds(db);
	await insertCrosswalkDefaults(
		db,
		DEFAULT_CROSSWALK.filter((d) => groups.has(d.skillGroupId)).map((d) => ({ roleKey: crosswalkKey(d.role), role: d.role, soc2020Code: d.soc2020Code, skillGroupId: d.skillGroupId, nhsJobFamily: d.nhsJobFamily, afcBand: d.afcBand }))
	);
}
