/**
 * SQL for the social enterprise network (issue 15 parts 1-4): the directory, the ideas board,
 * support (events, applications, mentoring, placements) and procurement matching. The only module
 * that builds SQL for these tables; it returns domain shapes, never rows. Public readers pass
 * `publicOnly`, which keeps unconsented enterprises out in SQL, not after the fact.
 */
import { sql, type Kysely } from 'kysely';
import type { Point } from 'geojson';
import type { ApplicationStatus, Consortium, Database, EnterpriseStage, IdeaStatus, SupportKind } from '../db/schema';

type Db = Kysely<Database>;

const byName = sql`lower(e.name) COLLATE "C"`;

// ── Directory ──────────────────────────────────────────────────────────────────────────────────

export interface EnterpriseRecord {
	id: string;
	placeId: string;
	name: string;
	consortium: Consortium;
	stage: EnterpriseStage;
	offers: string | null;
	needs: string | null;
	employees: number | null;
	contact: string | null;
	consentToPublish: boolean;
	contactPublic: boolean;
	synthetic: boolean;
	geometry: Point;
	updatedAt: Date;
}

function enterpriseSelection(db: Db) {
	return db
		.selectFrom('social_enterprise as e')
		.select([
			'e.id',
			'e.place_id',
			'e.name',
			'e.consortium',
			'e.stage',
			'e.offers',
			'e.needs',
			'e.employees',
			'e.contact',
			'e.consent_to_publish',
			'e.contact_public',
			'e.synthetic',
			'e.updated_at'
		])
		.select(sql<unknown>`ST_AsGeoJSON(e.geom, 6)::json`.as('geometry'));
}

type EnterpriseRow = Awaited<ReturnType<ReturnType<typeof enterpriseSelection>['executeTakeFirstOrThrow']>>;

function toEnterprise(row: EnterpriseRow): EnterpriseRecord {
	const geometry = (typeof row.geometry === 'string' ? JSON.parse(row.geometry) : row.geometry) as Point;
	return {
		id: row.id,
		placeId: row.place_id,
		name: row.name,
		consortium: row.consortium,
		stage: row.stage,
		offers: row.offers,
		needs: row.needs,
		employees: row.employees,
		contact: row.contact,
		consentToPublish: row.consent_to_publish,
		contactPublic: row.contact_public,
		synthetic: row.synthetic,
		geometry,
		updatedAt: new Date(row.updated_at)
	};
}

export interface EnterpriseFilter {
	placeId: string;
	publicOnly: boolean;
	/** Words to find in the name, offers or needs (case-insensitive). */
	q?: string;
	consortium?: Consortium;
	stage?: EnterpriseStage;
	limit: number;
	offset: number;
}

/** `%`, `_` and `\` typed by a user are searched for as themselves. */
function likePattern(q: string): string {
	return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Db, filter: Omit<EnterpriseFilter, 'limit' | 'offset'>) {
	let query = enterpriseSelection(db).where('e.place_id', '=', filter.placeId);
	if (filter.publicOnly) query = query.where('e.consent_to_publish', '=', true);
	if (filter.consortium) query = query.where('e.consortium', '=', filter.consortium);
	if (filter.stage) query = query.where('e.stage', '=', filter.stage);
	if (filter.q) {
		const pattern = likePattern(filter.q);
		query = query.where((eb) =>
			eb.or([eb('e.name', 'ilike', pattern), eb('e.offers', 'ilike', pattern), eb('e.needs', 'ilike', pattern)])
		);
	}
	return query;
}

export async function findEnterprises(db: Db, filter: EnterpriseFilter): Promise<{ items: EnterpriseRecord[]; total: number }> {
	const [rows, count] = await Promise.all([
		filtered(db, filter).orderBy(byName).orderBy('e.id').limit(filter.limit).offset(filter.offset).execute(),
		filtered(db, filter)
			.clearSelect()
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	return { items: rows.map(toEnterprise), total: Number(count.n) };
}

export async function getEnterpriseRecord(db: Db, id: string): Promise<EnterpriseRecord | undefined> {
	const row = await enterpriseSelection(db).where('e.id', '=', id).executeTakeFirst();
	return row ? toEnterprise(row) : undefined;
}

export interface EnterpriseWrite {
	name: string;
	consortium: Consortium;
	stage: EnterpriseStage;
	offers: string | null;
	needs: string | null;
	employees: number | null;
	contact: string | null;
	consentToPublish: boolean;
	contactPublic: boolean;
	lon: number;
	lat: number;
}

function point(lon: number, lat: number) {
	return sql`ST_SetSRID(ST_MakePoint(${lon}::double precision, ${lat}::double precision), 4326)`;
}

/** Whether a WGS84 point lies within `metres` of the place's boundary (in its projected CRS). */
export async function pointNearPlace(db: Db, placeId: string, lon: number, lat: number, metres: number): Promise<boolean | undefined> {
	const row = await db
		.selectFrom('place')
		.select(sql<boolean>`ST_DWithin(ST_Transform(boundary, projected_srid), ST_Transform(${point(lon, lat)}, projected_srid), ${metres})`.as('near'))
		.where('id', '=', placeId)
		.executeTakeFirst();
	return row ? row.near : undefined;
}

export async function enterpriseIdTaken(db: Db, id: string): Promise<boolean> {
	return (await db.selectFrom('social_enterprise').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertEnterprise(db: Db, id: string, placeId: string, input: EnterpriseWrite, userId: string | null): Promise<void> {
	await db
		.insertInto('social_enterprise')
		.values({
			id,
			place_id: placeId,
			name: input.name,
			consortium: input.consortium,
			stage: input.stage,
			offers: input.offers,
			needs: input.needs,
			employees: input.employees,
			contact: input.contact,
			consent_to_publish: input.consentToPublish,
			contact_public: input.contactPublic,
			source: 'Entered in Asset Atlas by network staff',
			geom: point(input.lon, input.lat),
			updated_by: userId
		})
		.execute();
}

export async function updateEnterpriseRecord(db: Db, id: string, input: EnterpriseWrite, userId: string | null): Promise<boolean> {
	const result = await db
		.updateTable('social_enterprise')
		.set({
			name: input.name,
			consortium: input.consortium,
			stage: input.stage,
			offers: input.offers,
			needs: input.needs,
			employees: input.employees,
			contact: input.contact,
			consent_to_publish: input.consentToPublish,
			contact_public: input.contactPublic,
			geom: point(input.lon, input.lat),
			updated_at: sql`now()`,
			updated_by: userId
		})
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

// ── Procurement ────────────────────────────────────────────────────────────────────────────────

export interface ProcurementLot {
	opportunityId: string;
	title: string;
	count: number;
	skillGroupId: string;
	siteId: string;
	siteName: string;
	periodEnd: string | null;
	/** Metres from the enterprise to the site's boundary, in the place's projected CRS. */
	distanceM: number;
}

/**
 * Procurement lots in skill groups `groups` at the capital projects of the enterprise's place,
 * nearest site first (distance to the site's boundary in the place's projected SRID), then by title.
 */
export async function procurementLotsNear(db: Db, enterpriseId: string, groups: readonly string[]): Promise<ProcurementLot[]> {
	if (groups.length === 0) return [];
	const rows = await db
		.selectFrom('social_enterprise as e')
		.innerJoin('place as p', 'p.id', 'e.place_id')
		.innerJoin('macro_asset as m', 'm.place_id', 'e.place_id')
		.innerJoin('opportunity as o', 'o.macro_asset_id', 'm.id')
		.select([
			'o.id as opportunity_id',
			'o.title',
			'o.count',
			'o.skill_group_id',
			'm.id as site_id',
			'm.name as site_name',
			sql<string | null>`o.period_end::text`.as('period_end'),
			sql<number>`round(ST_Distance(ST_Transform(e.geom, p.projected_srid), ST_Transform(m.geom, p.projected_srid)))::integer`.as('distance_m')
		])
		.where('e.id', '=', enterpriseId)
		.where('o.kind', '=', 'procurement')
		.where('o.skill_group_id', 'in', [...groups])
		.where('m.status', '<>', 'cancelled')
		.orderBy('distance_m')
		.orderBy(sql`lower(o.title) COLLATE "C"`)
		.orderBy('o.id')
		.execute();
	return rows.map((r) => ({
		opportunityId: r.opportunity_id,
		title: r.title,
		count: r.count,
		skillGroupId: r.skill_group_id,
		siteId: r.site_id,
		siteName: r.site_name,
		periodEnd: r.period_end,
		distanceM: Number(r.distance_m)
	}));
}

export interface SiteLot {
	opportunityId: string;
	title: string;
	skillGroupId: string;
}

export async function procurementLotsAt(db: Db, siteId: string): Promise<SiteLot[]> {
	const rows = await db
		.selectFrom('opportunity')
		.select(['id', 'title', 'skill_group_id'])
		.where('macro_asset_id', '=', siteId)
		.where('kind', '=', 'procurement')
		.orderBy(sql`lower(title) COLLATE "C"`)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ opportunityId: r.id, title: r.title, skillGroupId: r.skill_group_id }));
}

export interface SupplierRow {
	enterprise: EnterpriseRecord;
	distanceM: number;
}

/** Enterprises of the site's place in `consortia`, nearest the site first (projected SRID). */
export async function enterprisesNearSite(db: Db, siteId: string, consortia: readonly Consortium[], publicOnly: boolean, limit: number): Promise<SupplierRow[]> {
	if (consortia.length === 0) return [];
	let query = enterpriseSelection(db)
		.innerJoin('macro_asset as m', 'm.place_id', 'e.place_id')
		.innerJoin('place as p', 'p.id', 'm.place_id')
		.select(sql<number>`round(ST_Distance(ST_Transform(e.geom, p.projected_srid), ST_Transform(m.geom, p.projected_srid)))::integer`.as('distance_m'))
		.where('m.id', '=', siteId)
		.where('e.consortium', 'in', [...consortia]);
	if (publicOnly) query = query.where('e.consent_to_publish', '=', true);
	const rows = await query.orderBy('distance_m').orderBy(byName).orderBy('e.id').limit(limit).execute();
	return rows.map((r) => ({ enterprise: toEnterprise(r), distanceM: Number(r.distance_m) }));
}

// ── Ideas board ────────────────────────────────────────────────────────────────────────────────

export interface IdeaRecord {
	id: string;
	placeId: string;
	title: string;
	description: string;
	consortium: Consortium | null;
	contact: string | null;
	status: IdeaStatus;
	supportPartner: string | null;
	reviewNote: string | null;
	reviewedAt: Date | null;
	createdAt: Date;
}

const IDEA_COLUMNS = ['id', 'place_id', 'title', 'description', 'consortium', 'contact', 'status', 'support_partner', 'review_note', 'reviewed_at', 'created_at'] as const;

function toIdea(r: Pick<import('kysely').Selectable<Database['enterprise_idea']>, (typeof IDEA_COLUMNS)[number]>): IdeaRecord {
	return {
		id: r.id,
		placeId: r.place_id,
		title: r.title,
		description: r.description,
		consortium: r.consortium,
		contact: r.contact,
		status: r.status,
		supportPartner: r.support_partner,
		reviewNote: r.review_note,
		reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null,
		createdAt: new Date(r.created_at)
	};
}

export async function countIdeasFromClientSince(db: Db, clientHash: string, minutes: number): Promise<number> {
	const row = await db
		.selectFrom('enterprise_idea')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('client_hash', '=', clientHash)
		.where('created_at', '>', sql<Date>`now() - make_interval(mins => ${minutes}::integer)`)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function insertIdea(
	db: Db,
	idea: { id: string; placeId: string; title: string; description: string; consortium: Consortium | null; contact: string | null; tokenHash: string; clientHash: string }
): Promise<void> {
	await db
		.insertInto('enterprise_idea')
		.values({
			id: idea.id,
			place_id: idea.placeId,
			title: idea.title,
			description: idea.description,
			consortium: idea.consortium,
			contact: idea.contact,
			token_hash: idea.tokenHash,
			client_hash: idea.clientHash
		})
		.execute();
}

export async function ideaByTokenHash(db: Db, tokenHash: string): Promise<IdeaRecord | undefined> {
	const row = await db.selectFrom('enterprise_idea').select(IDEA_COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
	return row ? toIdea(row) : undefined;
}

export async function ideaById(db: Db, id: string): Promise<IdeaRecord | undefined> {
	const row = await db.selectFrom('enterprise_idea').select(IDEA_COLUMNS).where('id', '=', id).executeTakeFirst();
	return row ? toIdea(row) : undefined;
}

/** Ideas of a place in given statuses, newest first. */
export async function listIdeaRecords(db: Db, placeId: string, statuses: readonly IdeaStatus[], limit: number): Promise<IdeaRecord[]> {
	const rows = await db
		.selectFrom('enterprise_idea')
		.select(IDEA_COLUMNS)
		.where('place_id', '=', placeId)
		.where('status', 'in', [...statuses])
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.limit(limit)
		.execute();
	return rows.map(toIdea);
}

export interface PublicIdeaRecord {
	id: string;
	title: string;
	description: string;
	consortium: Consortium | null;
	status: IdeaStatus;
	supportPartner: string | null;
	createdAt: Date;
}

/** Approved (and referred) ideas for the public board: the contact and review note are not even read. */
export async function listPublicIdeaRecords(db: Db, placeId: string, limit: number): Promise<PublicIdeaRecord[]> {
	const rows = await db
		.selectFrom('enterprise_idea')
		.select(['id', 'title', 'description', 'consortium', 'status', 'support_partner', 'created_at'])
		.where('place_id', '=', placeId)
		.where('status', 'in', ['approved', 'referred'])
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		description: r.description,
		consortium: r.consortium,
		status: r.status,
		supportPartner: r.support_partner,
		createdAt: new Date(r.created_at)
	}));
}

export async function updateIdeaReview(
	db: Db,
	id: string,
	review: { status: IdeaStatus; supportPartner: string | null; reviewNote: string | null; reviewedBy: string | null }
): Promise<boolean> {
	const result = await db
		.updateTable('enterprise_idea')
		.set({ status: review.status, support_partner: review.supportPartner, review_note: review.reviewNote, reviewed_by: review.reviewedBy, reviewed_at: sql`now()` })
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

// ── Support: events ────────────────────────────────────────────────────────────────────────────

export interface EventRecord {
	id: string;
	title: string;
	description: string | null;
	venue: string | null;
	startsAt: Date;
}

export async function insertEvent(db: Db, e: { id: string; placeId: string; title: string; description: string | null; venue: string | null; startsAt: string; createdBy: string | null }): Promise<void> {
	await db
		.insertInto('network_event')
		.values({ id: e.id, place_id: e.placeId, title: e.title, description: e.description, venue: e.venue, starts_at: e.startsAt, created_by: e.createdBy })
		.execute();
}

/** Events of a place starting at or after `from` (ISO), soonest first. */
export async function listEventsFrom(db: Db, placeId: string, from: string, limit: number): Promise<EventRecord[]> {
	const rows = await db
		.selectFrom('network_event')
		.select(['id', 'title', 'description', 'venue', 'starts_at'])
		.where('place_id', '=', placeId)
		.where('starts_at', '>=', new Date(from))
		.orderBy('starts_at')
		.orderBy('id')
		.limit(limit)
		.execute();
	return rows.map((r) => ({ id: r.id, title: r.title, description: r.description, venue: r.venue, startsAt: new Date(r.starts_at) }));
}

// ── Support: grant and prize applications ──────────────────────────────────────────────────────

export interface ApplicationRecord {
	id: string;
	enterpriseId: string;
	enterpriseName: string;
	kind: SupportKind;
	roundYear: number;
	amountGbp: number;
	summary: string;
	status: ApplicationStatus;
	decisionNote: string | null;
	decidedAt: Date | null;
	createdAt: Date;
}

export async function insertApplication(db: Db, a: { id: string; enterpriseId: string; kind: SupportKind; roundYear: number; amountGbp: number; summary: string }): Promise<void> {
	await db
		.insertInto('support_application')
		.values({ id: a.id, enterprise_id: a.enterpriseId, kind: a.kind, round_year: a.roundYear, amount_gbp: a.amountGbp, summary: a.summary })
		.execute();
}

function applicationSelection(db: Db) {
	return db
		.selectFrom('support_application as a')
		.innerJoin('social_enterprise as e', 'e.id', 'a.enterprise_id')
		.select(['a.id', 'a.enterprise_id', 'e.name as enterprise_name', 'a.kind', 'a.round_year', 'a.amount_gbp', 'a.summary', 'a.status', 'a.decision_note', 'a.decided_at', 'a.created_at']);
}

type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applicationSelection>['executeTakeFirstOrThrow']>>;

function toApplication(r: ApplicationRow): ApplicationRecord {
	return {
		id: r.id,
		enterpriseId: r.enterprise_id,
		enterpriseName: r.enterprise_name,
		kind: r.kind,
		roundYear: r.round_year,
		amountGbp: r.amount_gbp,
		summary: r.summary,
		status: r.status,
		decisionNote: r.decision_note,
		decidedAt: r.decided_at ? new Date(r.decided_at) : null,
		createdAt: new Date(r.created_at)
	};
}

export async function listApplicationRecords(db: Db, placeId: string, enterpriseId?: string): Promise<ApplicationRecord[]> {
	let query = applicationSelection(db).where('e.place_id', '=', placeId);
	if (enterpriseId) query = query.where('a.enterprise_id', '=', enterpriseId);
	const rows = await query.orderBy('a.created_at', 'desc').orderBy('a.id').limit(500).execute();
	return rows.map(toApplication);
}

export async function applicationById(db: Db, id: string): Promise<ApplicationRecord | undefined> {
	const row = await applicationSelection(db).where('a.id', '=', id).executeTakeFirst();
	return row ? toApplication(row) : undefined;
}

export async function applicationExists(db: Db, enterpriseId: string, kind: SupportKind, roundYear: number): Promise<boolean> {
	const row = await db
		.selectFrom('support_application')
		.select('id')
		.where('enterprise_id', '=', enterpriseId)
		.where('kind', '=', kind)
		.where('round_year', '=', roundYear)
		.executeTakeFirst();
	return row !== undefined;
}

/** The awarded application that already holds this award (a year's prize, an enterprise's grant). */
export async function awardedAlready(db: Db, a: { kind: SupportKind; roundYear: number; enterpriseId: string }): Promise<string | undefined> {
	let query = db.selectFrom('support_application').select('id').where('kind', '=', a.kind).where('status', '=', 'awarded');
	query = a.kind === 'challenge_prize' ? query.where('round_year', '=', a.roundYear) : query.where('enterprise_id', '=', a.enterpriseId);
	return (await query.executeTakeFirst())?.id;
}

/** Decides a submitted application; false when it was decided already (or does not exist). */
export async function decideApplicationRecord(db: Db, id: string, d: { status: ApplicationStatus; note: string | null; decidedBy: string | null }): Promise<boolean> {
	const result = await db
		.updateTable('support_application')
		.set({ status: d.status, decision_note: d.note, decided_by: d.decidedBy, decided_at: sql`now()` })
		.where('id', '=', id)
		.where('status', '=', 'submitted')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

// ── Support: mentoring ─────────────────────────────────────────────────────────────────────────

export async function insertMentor(db: Db, m: { id: string; placeId: string; name: string; expertise: string | null }): Promise<void> {
	await db.insertInto('mentor').values({ id: m.id, place_id: m.placeId, name: m.name, expertise: m.expertise }).execute();
}

export async function listMentorRecords(db: Db, placeId: string): Promise<{ id: string; name: string; expertise: string | null }[]> {
	return db.selectFrom('mentor').select(['id', 'name', 'expertise']).where('place_id', '=', placeId).orderBy(sql`lower(name) COLLATE "C"`).orderBy('id').execute();
}

export async function mentorInPlace(db: Db, mentorId: string, placeId: string): Promise<boolean> {
	return (await db.selectFrom('mentor').select('id').where('id', '=', mentorId).where('place_id', '=', placeId).executeTakeFirst()) !== undefined;
}

export async function mentoringFor(db: Db, mentorId: string, enterpriseId: string): Promise<string | undefined> {
	return (await db.selectFrom('mentoring').select('id').where('mentor_id', '=', mentorId).where('enterprise_id', '=', enterpriseId).executeTakeFirst())?.id;
}

export async function insertMentoring(db: Db, m: { id: string; mentorId: string; enterpriseId: string }): Promise<void> {
	await db.insertInto('mentoring').values({ id: m.id, mentor_id: m.mentorId, enterprise_id: m.enterpriseId }).execute();
}

export async function mentoringExists(db: Db, id: string): Promise<boolean> {
	return (await db.selectFrom('mentoring').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export interface MentoringRecord {
	id: string;
	mentorName: string;
	enterpriseId: string;
	enterpriseName: string;
	meetings: number;
	lastMet: string | null;
}

export async function listMentoringRecords(db: Db, placeId: string, enterpriseId?: string): Promise<MentoringRecord[]> {
	let query = db
		.selectFrom('mentoring as g')
		.innerJoin('mentor as t', 't.id', 'g.mentor_id')
		.innerJoin('social_enterprise as e', 'e.id', 'g.enterprise_id')
		.leftJoin('mentor_meeting as mm', 'mm.mentoring_id', 'g.id')
		.select(['g.id', 't.name as mentor_name', 'e.id as enterprise_id', 'e.name as enterprise_name'])
		.select((eb) => eb.fn.count<number>('mm.id').as('meetings'))
		.select(sql<string | null>`max(mm.met_on)::text`.as('last_met'))
		.where('e.place_id', '=', placeId)
		.groupBy(['g.id', 't.name', 'e.id', 'e.name']);
	if (enterpriseId) query = query.where('e.id', '=', enterpriseId);
	const rows = await query.orderBy(sql`lower(e.name) COLLATE "C"`).orderBy('g.id').execute();
	return rows.map((r) => ({ id: r.id, mentorName: r.mentor_name, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, meetings: Number(r.meetings), lastMet: r.last_met }));
}

export async function insertMeeting(db: Db, m: { id: string; mentoringId: string; metOn: string; note: string | null }): Promise<void> {
	await db.insertInto('mentor_meeting').values({ id: m.id, mentoring_id: m.mentoringId, met_on: m.metOn, note: m.note }).execute();
}

// ── Support: work placements ───────────────────────────────────────────────────────────────────

export interface PlacementRecord {
	id: string;
	host: string;
	title: string;
	consortium: Consortium;
	places: number;
	enterpriseId: string | null;
	enterpriseName: string | null;
}

export async function insertPlacement(db: Db, p: { id: string; placeId: string; host: string; title: string; consortium: Consortium; places: number }): Promise<void> {
	await db.insertInto('placement_offer').values({ id: p.id, place_id: p.placeId, host: p.host, title: p.title, consortium: p.consortium, places: p.places }).execute();
}

export async function listPlacementRecords(db: Db, placeId: string, enterpriseId?: string): Promise<PlacementRecord[]> {
	let query = db
		.selectFrom('placement_offer as o')
		.leftJoin('social_enterprise as e', 'e.id', 'o.enterprise_id')
		.select(['o.id', 'o.host', 'o.title', 'o.consortium', 'o.places', 'o.enterprise_id', 'e.name as enterprise_name'])
		.where('o.place_id', '=', placeId);
	if (enterpriseId) query = query.where('o.enterprise_id', '=', enterpriseId);
	const rows = await query.orderBy('o.created_at', 'desc').orderBy('o.id').limit(500).execute();
	return rows.map((r) => ({ id: r.id, host: r.host, title: r.title, consortium: r.consortium, places: r.places, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name }));
}

export async function placementById(db: Db, id: string): Promise<{ id: string; placeId: string; consortium: Consortium } | undefined> {
	const row = await db.selectFrom('placement_offer').select(['id', 'place_id', 'consortium']).where('id', '=', id).executeTakeFirst();
	return row ? { id: row.id, placeId: row.place_id, consortium: row.consortium } : undefined;
}

export async function setPlacementEnterprise(db: Db, id: string, enterpriseId: string | null): Promise<void> {
	await db.updateTable('placement_offer').set({ enterprise_id: enterpriseId }).where('id', '=', id).execute();
}
