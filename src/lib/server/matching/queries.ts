/**
 * SQL of skills matching (issue 14) on public tables: vacancies (opportunities with a closing
 * date), the role crosswalk, the published matching counts, and the partnership's targets and
 * progress. Nothing here reads person-level tables.
 */
import { sql, type Kysely } from 'kysely';
import type { MultiPolygon } from 'geojson';
import type { Database, ProgressMetric, PublishedLevel } from '../db/schema';
import { isLiveOpportunity } from '../opportunities/queries';

type Db = Kysely<Database>;

export interface SiteRef {
	id: string;
	name: string;
	placeId: string;
}

export async function listSiteRefs(db: Db): Promise<SiteRef[]> {
	const rows = await db.selectFrom('macro_asset').select(['id', 'name', 'place_id']).orderBy('id').execute();
	return rows.map((r) => ({ id: r.id, name: r.name, placeId: r.place_id }));
}

/** SOC 2020 unit group -> skill group (the first in taxonomy order when a code sits in two). */
export async function socSkillGroups(db: Db): Promise<Map<string, string>> {
	const rows = await db
		.selectFrom('skill_group_soc as s')
		.innerJoin('skill_group as g', 'g.id', 's.skill_group_id')
		.select(['s.soc2020_code', 's.skill_group_id'])
		.orderBy('g.sort_order')
		.orderBy('g.id')
		.execute();
	const out = new Map<string, string>();
	for (const r of rows) if (!out.has(r.soc2020_code)) out.set(r.soc2020_code, r.skill_group_id);
	return out;
}

export interface CrosswalkEntry {
	roleKey: string;
	role: string;
	soc2020Code: string | null;
	skillGroupId: string;
	nhsJobFamily: string | null;
	afcBand: string | null;
}

export async function listCrosswalk(db: Db): Promise<CrosswalkEntry[]> {
	const rows = await db.selectFrom('role_crosswalk').selectAll().orderBy('role_key').execute();
	return rows.map((r) => ({ roleKey: r.role_key, role: r.role, soc2020Code: r.soc2020_code, skillGroupId: r.skill_group_id, nhsJobFamily: r.nhs_job_family, afcBand: r.afc_band }));
}

export async function upsertCrosswalk(db: Db, entries: readonly CrosswalkEntry[]): Promise<void> {
	if (entries.length === 0) return;
	await db
		.insertInto('role_crosswalk')
		.values(entries.map((e) => ({ role_key: e.roleKey, role: e.role, soc2020_code: e.soc2020Code, skill_group_id: e.skillGroupId, nhs_job_family: e.nhsJobFamily, afc_band: e.afcBand })))
		.onConflict((oc) =>
			oc.column('role_key').doUpdateSet((eb) => ({
				role: eb.ref('excluded.role'),
				soc2020_code: eb.ref('excluded.soc2020_code'),
				skill_group_id: eb.ref('excluded.skill_group_id'),
				nhs_job_family: eb.ref('excluded.nhs_job_family'),
				afc_band: eb.ref('excluded.afc_band'),
				updated_at: new Date()
			}))
		)
		.execute();
}

/** Adds crosswalk rows that are not there yet; existing rows (perhaps edited) are kept. */
export async function insertCrosswalkDefaults(db: Db, entries: readonly CrosswalkEntry[]): Promise<void> {
	if (entries.length === 0) return;
	await db
		.insertInto('role_crosswalk')
		.values(entries.map((e) => ({ role_key: e.roleKey, role: e.role, soc2020_code: e.soc2020Code, skill_group_id: e.skillGroupId, nhs_job_family: e.nhsJobFamily, afc_band: e.afcBand })))
		.onConflict((oc) => oc.column('role_key').doNothing())
		.execute();
}

export async function deleteCrosswalk(db: Db, roleKey: string): Promise<boolean> {
	const result = await db.deleteFrom('role_crosswalk').where('role_key', '=', roleKey).executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

export async function skillGroupIds(db: Db): Promise<Set<string>> {
	return new Set((await db.selectFrom('skill_group').select('id').execute()).map((g) => g.id));
}

export interface VacancyToStore {
	id: string;
	siteId: string;
	skillGroupId: string;
	role: string;
	jobFamily: string | null;
	afcBand: string | null;
	requiredRegistration: string | null;
	count: number;
	closesOn: string;
	list: string;
}

/** Deletes every vacancy of a list; returns the places whose sites lost vacancies (empty when the list was unknown). */
export async function deleteVacancyList(db: Db, list: string): Promise<string[]> {
	const rows = await db
		.deleteFrom('opportunity')
		.where('vacancy_list', '=', list)
		.returning((eb) => eb.selectFrom('macro_asset as m').select('m.place_id').whereRef('m.id', '=', 'opportunity.macro_asset_id').as('place_id'))
		.execute();
	return [...new Set(rows.map((r) => r.place_id).filter((p): p is string => p !== null))];
}

/** Replaces every vacancy of a list by the given ones. Returns how many were there before. */
export async function replaceVacancyList(db: Db, list: string, vacancies: readonly VacancyToStore[]): Promise<{ replaced: number }> {
	const removed = await db.deleteFrom('opportunity').where('vacancy_list', '=', list).executeTakeFirst();
	for (let at = 0; at < vacancies.length; at += 400) {
		await db
			.insertInto('opportunity')
			.values(
				vacancies.slice(at, at + 400).map((v) => ({
					id: v.id,
					macro_asset_id: v.siteId,
					skill_group_id: v.skillGroupId,
					kind: 'job' as const,
					title: v.role,
					count: v.count,
					source: `vacancy list “${v.list}”`,
					role: v.role,
					job_family: v.jobFamily,
					afc_band: v.afcBand,
					required_registration: v.requiredRegistration,
					closes_on: v.closesOn,
					vacancy_list: v.list
				}))
			)
			.execute();
	}
	return { replaced: Number(removed.numDeletedRows) };
}

export interface Vacancy {
	id: string;
	siteId: string;
	siteName: string;
	placeId: string;
	skillGroupId: string;
	role: string;
	jobFamily: string | null;
	afcBand: string | null;
	requiredRegistration: string | null;
	count: number;
	closesOn: string;
	live: boolean;
	list: string;
}

/** Vacancies (opportunities from a vacancy list), live first, by site and role. */
export async function listVacancies(db: Db, filter: { siteId?: string; placeId?: string; liveOnly?: boolean }): Promise<Vacancy[]> {
	let q = db
		.selectFrom('opportunity as o')
		.innerJoin('macro_asset as m', 'm.id', 'o.macro_asset_id')
		.select([
			'o.id',
			'o.macro_asset_id',
			'm.name',
			'm.place_id',
			'o.skill_group_id',
			'o.role',
			'o.title',
			'o.job_family',
			'o.afc_band',
			'o.required_registration',
			'o.count',
			'o.vacancy_list',
			sql<string>`to_char(o.closes_on, 'YYYY-MM-DD')`.as('closes_on'),
			isLiveOpportunity('o').as('live')
		])
		.where('o.vacancy_list', 'is not', null)
		.where('o.closes_on', 'is not', null);
	if (filter.siteId) q = q.where('o.macro_asset_id', '=', filter.siteId);
	if (filter.placeId) q = q.where('m.place_id', '=', filter.placeId);
	if (filter.liveOnly) q = q.where(isLiveOpportunity('o'));
	const rows = await q.orderBy(isLiveOpportunity('o'), 'desc').orderBy('o.macro_asset_id').orderBy('o.title').orderBy('o.id').execute();
	return rows.map((r) => ({
		id: r.id,
		siteId: r.macro_asset_id,
		siteName: r.name,
		placeId: r.place_id,
		skillGroupId: r.skill_group_id,
		role: r.role ?? r.title,
		jobFamily: r.job_family,
		afcBand: r.afc_band,
		requiredRegistration: r.required_registration,
		count: r.count,
		closesOn: r.closes_on,
		live: r.live,
		list: r.vacancy_list!
	}));
}

// ---------------------------------------------------------------- published matching counts

export interface MatchingPublicationRow {
	k: number;
	roundingBase: number;
	synthetic: boolean;
	computedAt: string;
}

export async function readMatchingPublication(db: Db, placeId: string): Promise<MatchingPublicationRow | undefined> {
	const row = await db.selectFrom('matching_publication').selectAll().where('place_id', '=', placeId).executeTakeFirst();
	return row && { k: row.k, roundingBase: row.rounding_base, synthetic: row.synthetic, computedAt: new Date(row.computed_at).toISOString() };
}

/** Published totals by filter key (null = withheld). */
export async function readMatchingTotals(db: Db, placeId: string): Promise<Map<string, number | null>> {
	const rows = await db.selectFrom('matching_published_total').select(['filter_key', 'total']).where('place_id', '=', placeId).execute();
	return new Map(rows.map((r) => [r.filter_key, r.total]));
}

export interface MatchingUnit {
	filterKey: string;
	unitId: string;
	level: PublishedLevel;
	count: number | null;
	geometry: MultiPolygon;
}

/** Published units of the given filter keys, with shapes (WGS84, 6 decimals). */
export async function readMatchingUnits(db: Db, placeId: string, filterKeys: readonly string[]): Promise<MatchingUnit[]> {
	if (filterKeys.length === 0) return [];
	const rows = await db
		.selectFrom('matching_published_unit')
		.select(['filter_key', 'unit_id', 'level', 'count', sql<MultiPolygon | string>`ST_AsGeoJSON(geom, 6)::json`.as('geometry')])
		.where('place_id', '=', placeId)
		.where('filter_key', 'in', filterKeys)
		.orderBy('filter_key')
		.orderBy('unit_id')
		.execute();
	return rows.map((u) => ({
		filterKey: u.filter_key,
		unitId: u.unit_id,
		level: u.level,
		count: u.count,
		geometry: typeof u.geometry === 'string' ? (JSON.parse(u.geometry) as MultiPolygon) : u.geometry
	}));
}

// ---------------------------------------------------------------- targets and progress

export interface ProgressTarget {
	metric: ProgressMetric;
	target: number;
	dueOn: string | null;
}

export async function listTargets(db: Db, placeId: string): Promise<ProgressTarget[]> {
	const rows = await db
		.selectFrom('progress_target')
		.select(['metric', 'target', sql<string | null>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on')])
		.where('place_id', '=', placeId)
		.execute();
	return rows.map((r) => ({ metric: r.metric, target: r.target, dueOn: r.due_on }));
}

export async function upsertTarget(db: Db, placeId: string, target: ProgressTarget): Promise<void> {
	await db
		.insertInto('progress_target')
		.values({ place_id: placeId, metric: target.metric, target: target.target, due_on: target.dueOn })
		.onConflict((oc) => oc.columns(['place_id', 'metric']).doUpdateSet({ target: target.target, due_on: target.dueOn, updated_at: new Date() }))
		.execute();
}

export interface ProgressEntry {
	metric: ProgressMetric;
	recordedOn: string;
	value: number;
}

export async function listProgressEntries(db: Db, placeId: string): Promise<ProgressEntry[]> {
	const rows = await db
		.selectFrom('progress_entry')
		.select(['metric', sql<string>`to_char(recorded_on, 'YYYY-MM-DD')`.as('recorded_on'), 'value'])
		.where('place_id', '=', placeId)
		.orderBy('metric')
		.orderBy('recorded_on')
		.execute();
	return rows.map((r) => ({ metric: r.metric, recordedOn: r.recorded_on, value: r.value }));
}

export async function upsertProgressEntry(db: Db, placeId: string, entry: ProgressEntry): Promise<void> {
	await db
		.insertInto('progress_entry')
		.values({ place_id: placeId, metric: entry.metric, recorded_on: entry.recordedOn, value: entry.value })
		.onConflict((oc) => oc.columns(['place_id', 'metric', 'recorded_on']).doUpdateSet({ value: entry.value }))
		.execute();
}
