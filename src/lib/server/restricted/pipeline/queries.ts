/**
 * SQL of the skills pipeline (issue 14): cases (one per resident moving towards work), their
 * stage history, and the published matching counts built from them. Person-level tables are
 * reached only here; the published ones are written here and read by server/matching.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, PipelineStage, PublishedLevel } from '../../db/schema';
import type { UnitOutline } from '../queries';
import { restrictedView } from '../schema';

type Db = Kysely<Database>;

export interface CaseScope {
	placeId?: string;
	/** Only cases of residents this researcher collected. */
	collectedBy?: string;
	stage?: PipelineStage;
}

export interface CaseSummary {
	id: string;
	placeId: string;
	skillGroupId: string;
	stage: PipelineStage;
	partnerId: string | null;
	partnerName: string | null;
	mentor: string | null;
	nextStep: string | null;
	nextStepOn: string | null;
	updatedAt: string;
	synthetic: boolean;
}

export interface CaseDetail extends CaseSummary {
	residentId: string;
	qualificationLevel: number | null;
	overseasQualification: boolean;
	englishTestPassed: boolean;
	professionallyRegistered: boolean;
	languages: string[];
	note: string | null;
	collectedBy: string | null;
	history: { fromStage: string | null; toStage: string; at: string; actorName: string | null; note: string | null }[];
}

function caseBase(db: Db) {
	return restrictedView(db)
		.selectFrom('restricted.pipeline_case as c')
		.innerJoin('restricted.resident_skill as r', 'r.id', 'c.resident_skill_id')
		.leftJoin('app_user as p', 'p.id', 'c.partner_id');
}

const SUMMARY_COLUMNS = [
	'c.id',
	'c.place_id',
	'r.skill_group_id',
	'c.stage',
	'c.partner_id',
	'p.display_name as partner_name',
	'c.mentor',
	'c.next_step',
	sql<string | null>`to_char(c.next_step_on, 'YYYY-MM-DD')`.as('next_step_on'),
	'c.updated_at',
	'r.synthetic'
] as const;

type SummaryRow = {
	id: string;
	place_id: string;
	skill_group_id: string;
	stage: PipelineStage;
	partner_id: string | null;
	partner_name: string | null;
	mentor: string | null;
	next_step: string | null;
	next_step_on: string | null;
	updated_at: Date;
	synthetic: boolean;
};

function summaryOf(row: SummaryRow): CaseSummary {
	return {
		id: row.id,
		placeId: row.place_id,
		skillGroupId: row.skill_group_id,
		stage: row.stage,
		partnerId: row.partner_id,
		partnerName: row.partner_name,
		mentor: row.mentor,
		nextStep: row.next_step,
		nextStepOn: row.next_step_on,
		updatedAt: new Date(row.updated_at).toISOString(),
		synthetic: row.synthetic
	};
}

/** A page of cases in scope, the soonest next step first, and how many are in scope. */
export async function selectCases(db: Db, scope: CaseScope, page: { limit: number; offset: number }): Promise<{ cases: CaseSummary[]; total: number }> {
	let base = caseBase(db);
	if (scope.placeId) base = base.where('c.place_id', '=', scope.placeId);
	if (scope.collectedBy) base = base.where('r.collected_by', '=', scope.collectedBy);
	if (scope.stage) base = base.where('c.stage', '=', scope.stage);
	const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
	const rows = await base
		.select([...SUMMARY_COLUMNS])
		.orderBy(sql`c.next_step_on NULLS LAST`)
		.orderBy('c.id')
		.limit(page.limit)
		.offset(page.offset)
		.execute();
	return { cases: rows.map((r) => summaryOf(r as SummaryRow)), total: Number(n) };
}

export async function selectCase(db: Db, id: string): Promise<CaseDetail | undefined> {
	const row = await caseBase(db)
		.select([
			...SUMMARY_COLUMNS,
			'c.resident_skill_id',
			'r.qualification_level',
			'r.overseas_qualification',
			'r.english_test_passed',
			'r.professionally_registered',
			'r.languages',
			'r.collected_by',
			'c.note'
		])
		.where('c.id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	const history = await restrictedView(db)
		.selectFrom('restricted.pipeline_stage_event as e')
		.leftJoin('app_user as u', 'u.id', 'e.actor_id')
		.select(['e.from_stage', 'e.to_stage', 'e.at', 'u.display_name', 'e.note'])
		.where('e.case_id', '=', id)
		.orderBy('e.at')
		.orderBy('e.id')
		.execute();
	return {
		...summaryOf(row as SummaryRow),
		residentId: row.resident_skill_id,
		qualificationLevel: row.qualification_level,
		overseasQualification: row.overseas_qualification,
		englishTestPassed: row.english_test_passed,
		professionallyRegistered: row.professionally_registered,
		languages: row.languages,
		collectedBy: row.collected_by,
		note: row.note,
		history: history.map((h) => ({ fromStage: h.from_stage, toStage: h.to_stage, at: new Date(h.at).toISOString(), actorName: h.display_name, note: h.note }))
	};
}

/** The resident a new case is opened for, if it exists: its place and who collected it. */
export async function residentForCase(db: Db, residentId: string): Promise<{ placeId: string; collectedBy: string | null; hasCase: boolean } | undefined> {
	const row = await restrictedView(db)
		.selectFrom('restricted.resident_skill as r')
		.leftJoin('restricted.pipeline_case as c', 'c.resident_skill_id', 'r.id')
		.select(['r.place_id', 'r.collected_by', 'c.id as case_id'])
		.where('r.id', '=', residentId)
		.executeTakeFirst();
	return row && { placeId: row.place_id, collectedBy: row.collected_by, hasCase: row.case_id !== null };
}

export interface CaseToStore {
	id: string;
	placeId: string;
	residentId: string;
	stage: PipelineStage;
	partnerId: string | null;
	mentor: string | null;
	nextStep: string | null;
	nextStepOn: string | null;
	note: string | null;
	createdBy: string | null;
}

export async function insertCases(db: Db, cases: readonly CaseToStore[]): Promise<void> {
	if (cases.length === 0) return;
	await restrictedView(db)
		.insertInto('restricted.pipeline_case')
		.values(
			cases.map((c) => ({
				id: c.id,
				place_id: c.placeId,
				resident_skill_id: c.residentId,
				stage: c.stage,
				partner_id: c.partnerId,
				mentor: c.mentor,
				next_step: c.nextStep,
				next_step_on: c.nextStepOn,
				note: c.note,
				created_by: c.createdBy
			}))
		)
		.execute();
	await restrictedView(db)
		.insertInto('restricted.pipeline_stage_event')
		.values(cases.map((c) => ({ case_id: c.id, from_stage: null, to_stage: c.stage, actor_id: c.createdBy, note: null })))
		.execute();
}

export interface CaseChange {
	stage?: PipelineStage;
	partnerId?: string | null;
	mentor?: string | null;
	nextStep?: string | null;
	nextStepOn?: string | null;
	note?: string | null;
}

/** Applies a change; a change of stage is written to the history. Returns the stage before, or undefined for no such case. */
export async function updateCase(db: Db, id: string, change: CaseChange, actorId: string | null, historyNote: string | null): Promise<{ placeId: string; before: PipelineStage } | undefined> {
	const current = await restrictedView(db)
		.selectFrom('restricted.pipeline_case')
		.select(['stage', 'place_id'])
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
	if (!current) return undefined;
	const set: Record<string, unknown> = { updated_at: new Date() };
	if (change.stage !== undefined) set.stage = change.stage;
	if (change.partnerId !== undefined) set.partner_id = change.partnerId;
	if (change.mentor !== undefined) set.mentor = change.mentor;
	if (change.nextStep !== undefined) set.next_step = change.nextStep;
	if (change.nextStepOn !== undefined) set.next_step_on = change.nextStepOn;
	if (change.note !== undefined) set.note = change.note;
	await restrictedView(db).updateTable('restricted.pipeline_case').set(set).where('id', '=', id).execute();
	if (change.stage !== undefined && change.stage !== current.stage) {
		await restrictedView(db)
			.insertInto('restricted.pipeline_stage_event')
			.values({ case_id: id, from_stage: current.stage, to_stage: change.stage, actor_id: actorId, note: historyNote })
			.execute();
	}
	return { placeId: current.place_id, before: current.stage };
}

/** Partners a case may be assigned to. */
export async function listPartners(db: Db): Promise<{ id: string; name: string }[]> {
	const rows = await db.selectFrom('app_user').select(['id', 'display_name']).where('role', '=', 'partner').where('disabled', '=', false).orderBy('display_name').execute();
	return rows.map((r) => ({ id: r.id, name: r.display_name }));
}

export async function isActivePartner(db: Db, userId: string): Promise<boolean> {
	const row = await db.selectFrom('app_user').select('id').where('id', '=', userId).where('role', '=', 'partner').where('disabled', '=', false).executeTakeFirst();
	return !!row;
}

/** Residents (of this researcher, or all) with no case yet: who a case can be opened for. Only ids and groups. */
export async function residentsWithoutCase(db: Db, scope: { placeId: string; collectedBy?: string }, limit: number): Promise<{ id: string; skillGroupId: string; overseasQualification: boolean }[]> {
	let q = restrictedView(db)
		.selectFrom('restricted.resident_skill as r')
		.leftJoin('restricted.pipeline_case as c', 'c.resident_skill_id', 'r.id')
		.select(['r.id', 'r.skill_group_id', 'r.overseas_qualification'])
		.where('r.place_id', '=', scope.placeId)
		.where('c.id', 'is', null);
	if (scope.collectedBy) q = q.where('r.collected_by', '=', scope.collectedBy);
	const rows = await q.orderBy('r.overseas_qualification', 'desc').orderBy('r.created_at', 'desc').orderBy('r.id').limit(limit).execute();
	return rows.map((r) => ({ id: r.id, skillGroupId: r.skill_group_id, overseasQualification: r.overseas_qualification }));
}

// ---------------------------------------------------------------- matching publication

export interface CandidateForPublication {
	skillGroupId: string;
	stage: PipelineStage;
	synthetic: boolean;
	x: number;
	y: number;
}

/** Only what the matching publication needs: group, stage and the cell centre in the projected CRS. */
export async function candidatesForPublication(db: Db, placeId: string, srid: number): Promise<CandidateForPublication[]> {
	const rows = await restrictedView(db)
		.selectFrom('restricted.pipeline_case as c')
		.innerJoin('restricted.resident_skill as r', 'r.id', 'c.resident_skill_id')
		.select([
			'r.skill_group_id',
			'c.stage',
			'r.synthetic',
			sql<number>`ST_X(ST_Transform(r.cell_point, ${srid}::integer))`.as('x'),
			sql<number>`ST_Y(ST_Transform(r.cell_point, ${srid}::integer))`.as('y')
		])
		.where('c.place_id', '=', placeId)
		.execute();
	return rows.map((r) => ({ skillGroupId: r.skill_group_id, stage: r.stage, synthetic: r.synthetic, x: Number(r.x), y: Number(r.y) }));
}

/** Current matching publication's settings and stamp. */
export async function matchingPublicationStamp(db: Db, placeId: string): Promise<{ k: number; roundingBase: number; stamp: string } | undefined> {
	const row = await db.selectFrom('matching_publication').select(['k', 'rounding_base', 'computed_at']).where('place_id', '=', placeId).executeTakeFirst();
	return row && { k: row.k, roundingBase: row.rounding_base, stamp: new Date(row.computed_at).toISOString() };
}

export async function deleteMatchingPublication(db: Db, placeId: string): Promise<void> {
	await db.deleteFrom('matching_publication').where('place_id', '=', placeId).execute();
}

/** One builder at a time (the same lock key space as resident publications, another key). */
export async function lockMatchingBuilds(trx: Db): Promise<void> {
	await sql`SELECT pg_advisory_xact_lock(1414)`.execute(trx);
}

function outlineSql(outline: UnitOutline, placeId: string) {
	if (outline.kind === 'place-boundary') return sql`(SELECT boundary FROM place WHERE id = ${placeId})`;
	const geometry = sql`ST_SetSRID(ST_GeomFromGeoJSON(${outline.geojson}), ${outline.srid}::integer)`;
	return outline.srid === 4326 ? sql`ST_Multi(${geometry})` : sql`ST_Multi(ST_Transform(${geometry}, 4326))`;
}

export async function writeMatchingPublication(
	db: Db,
	header: { placeId: string; k: number; roundingBase: number; synthetic: boolean },
	totals: readonly { filterKey: string; total: number | null }[],
	units: readonly { filterKey: string; unitId: string; level: PublishedLevel; count: number | null; outline: UnitOutline }[]
): Promise<void> {
	await deleteMatchingPublication(db, header.placeId);
	await db.insertInto('matching_publication').values({ place_id: header.placeId, k: header.k, rounding_base: header.roundingBase, synthetic: header.synthetic }).execute();
	for (let at = 0; at < totals.length; at += 400) {
		await db
			.insertInto('matching_published_total')
			.values(totals.slice(at, at + 400).map((t) => ({ place_id: header.placeId, filter_key: t.filterKey, total: t.total })))
			.execute();
	}
	for (let at = 0; at < units.length; at += 300) {
		await db
			.insertInto('matching_published_unit')
			.values(
				units.slice(at, at + 300).map((u) => ({ place_id: header.placeId, filter_key: u.filterKey, unit_id: u.unitId, level: u.level, count: u.count, geom: outlineSql(u.outline, header.placeId) }))
			)
			.execute();
	}
}

/** Synthetic residents with an overseas qualification, or in one of `groups`, with no case yet: the demo pipeline's people. */
export async function syntheticCandidates(
	db: Db,
	placeId: string,
	groups: readonly string[]
): Promise<{ id: string; overseasQualification: boolean; englishTestPassed: boolean; professionallyRegistered: boolean }[]> {
	const rows = await restrictedView(db)
		.selectFrom('restricted.resident_skill as r')
		.leftJoin('restricted.pipeline_case as c', 'c.resident_skill_id', 'r.id')
		.select(['r.id', 'r.overseas_qualification', 'r.english_test_passed', 'r.professionally_registered'])
		.where('r.place_id', '=', placeId)
		.where('r.synthetic', '=', true)
		.where((eb) => eb.or([eb('r.overseas_qualification', '=', true), ...(groups.length ? [eb('r.skill_group_id', 'in', groups)] : [])]))
		.where('c.id', 'is', null)
		.orderBy('r.id')
		.execute();
	return rows.map((r) => ({ id: r.id, overseasQualification: r.overseas_qualification, englishTestPassed: r.english_test_passed, professionallyRegistered: r.professionally_registered }));
}
