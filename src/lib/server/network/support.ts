/**
 * Support for enterprises (issue 15.3): events (the public sees upcoming ones), the GBP 500
 * start-up grant and the GBP 3,000 annual challenge prize (applications, then a decision by network
 * staff: one prize a year, one grant per enterprise), mentors matched to enterprises (at least
 * three meetings), and work-placement offers matched to an enterprise of the same consortium.
 */
import crypto from 'node:crypto';
import * as v from 'valibot';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { CONSORTIA, SUPPORT_KINDS } from '../db/schema';
import type { UpcomingEvent } from '../../contracts/network';
import { SUPPORT_AMOUNTS_GBP, mentoringProgress } from '../../domain/network/rules';
import { int, oneOf, text } from '../http/validate';
import { conflict, invalid, notFound } from '../errors';
import type { Actor } from '../audit/log';
import { getEnterpriseRecord } from './queries';
import {
	applicationById,
	applicationExists,
	awardedAlready,
	decideApplicationRecord,
	insertApplication,
	insertEvent,
	insertMeeting,
	insertMentor,
	insertMentoring,
	insertPlacement,
	listApplicationRecords,
	listEventsFrom,
	listMentorRecords,
	listMentoringRecords,
	listPlacementRecords,
	mentorInPlace,
	mentoringExists,
	mentoringFor,
	placementById,
	setPlacementEnterprise,
	type ApplicationRecord,
	type PlacementRecord
} from './queries';

type Db = Kysely<Database>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const validDate = (s: string) => !Number.isNaN(Date.parse(`${s.slice(0, 10)}T00:00:00Z`)) && new Date(`${s.slice(0, 10)}T00:00:00Z`).toISOString().slice(0, 10) === s.slice(0, 10);

export const EVENT_INPUT = v.strictObject({
	title: text(200),
	description: v.nullable(text(2000)),
	venue: v.nullable(text(300)),
	/** Local date and time as a datetime-local field sends it (2027-03-04T18:30), read as UK time. */
	startsAt: v.pipe(text(25), v.check((s) => ISO_LOCAL_TIME.test(s) && validDate(s), 'must be a date and time like 2027-03-04T18:30'))
});
export const APPLICATION_INPUT = v.strictObject({
	enterprise: text(100),
	kind: oneOf(SUPPORT_KINDS),
	year: int(2000, 2100),
	summary: text(2000)
});
export const DECISION_INPUT = v.strictObject({ decision: oneOf(['award', 'decline'] as const), note: v.nullable(text(1000)) });
export const MENTOR_INPUT = v.strictObject({ name: text(200), expertise: v.nullable(text(500)) });
export const MATCH_MENTOR_INPUT = v.strictObject({ mentor: text(36), enterprise: text(100) });
export const MEETING_INPUT = v.strictObject({
	mentoring: text(36),
	metOn: v.pipe(text(10), v.check((s) => ISO_DATE.test(s) && validDate(s), 'must be a date like 2027-03-04')),
	note: v.nullable(text(1000))
});
export const PLACEMENT_INPUT = v.strictObject({ host: text(200), title: text(200), consortium: oneOf(CONSORTIA), places: int(1, 100) });
export const MATCH_PLACEMENT_INPUT = v.strictObject({ placement: text(36), enterprise: v.nullable(text(100)) });

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s);

/** Events are held in the UK: a local time is read in Europe/London (summer time included). */
export function londonTimeToIso(local: string): string {
	const asUtc = new Date(`${local.length === 16 ? `${local}:00` : local}Z`);
	const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' }).formatToParts(asUtc);
	const offset = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
	const hours = offset === 'GMT' ? 0 : Number(offset.replace('GMT', ''));
	return new Date(asUtc.getTime() - hours * 3_600_000).toISOString();
}

export async function createEvent(db: Db, actor: Actor, placeId: string, input: v.InferOutput<typeof EVENT_INPUT>): Promise<string> {
	const id = crypto.randomUUID();
	await insertEvent(db, { id, placeId, title: input.title, description: input.description, venue: input.venue, startsAt: londonTimeToIso(input.startsAt), createdBy: actor.id });
	return id;
}

/** Events that have not started yet (from `now`), soonest first. */
export async function upcomingEvents(db: Db, placeId: string, now: Date = new Date()): Promise<UpcomingEvent[]> {
	const rows = await listEventsFrom(db, placeId, now.toISOString(), 100);
	return rows.map((e) => ({ id: e.id, title: e.title, description: e.description, venue: e.venue, startsAt: e.startsAt.toISOString() }));
}

async function requireEnterprise(db: Db, id: string, placeId: string) {
	const e = /^[a-z0-9][a-z0-9-]{0,99}$/.test(id) ? await getEnterpriseRecord(db, id) : undefined;
	if (!e || e.placeId !== placeId) throw invalid(`"enterprise" must be an enterprise of this place; "${id}" is not.`, [{ field: 'enterprise', message: 'is not an enterprise of this place' }]);
	return e;
}

export async function applyForSupport(db: Db, placeId: string, input: v.InferOutput<typeof APPLICATION_INPUT>): Promise<string> {
	await requireEnterprise(db, input.enterprise, placeId);
	if (await applicationExists(db, input.enterprise, input.kind, input.year)) {
		throw conflict(`This enterprise has already applied for the ${input.kind === 'startup_grant' ? 'start-up grant' : 'challenge prize'} in ${input.year}.`);
	}
	const id = crypto.randomUUID();
	await insertApplication(db, { id, enterpriseId: input.enterprise, kind: input.kind, roundYear: input.year, amountGbp: SUPPORT_AMOUNTS_GBP[input.kind], summary: input.summary });
	return id;
}

export async function listApplications(db: Db, placeId: string, enterpriseId?: string): Promise<ApplicationRecord[]> {
	return listApplicationRecords(db, placeId, enterpriseId);
}

export async function decideApplication(db: Db, actor: Actor, id: string, input: v.InferOutput<typeof DECISION_INPUT>): Promise<void> {
	const application = isUuid(id) ? await applicationById(db, id) : undefined;
	if (!application) throw notFound(`There is no application "${id}".`);
	if (application.status !== 'submitted') throw conflict(`This application was already ${application.status}.`);
	await db.transaction().execute(async (trx) => {
		if (input.decision === 'award') {
			const holder = await awardedAlready(trx, application);
			if (holder) {
				throw conflict(
					application.kind === 'challenge_prize'
						? `The ${application.roundYear} challenge prize (£3,000 a year) has already been awarded.`
						: 'This enterprise has already been awarded its start-up grant.'
				);
			}
		}
		const done = await decideApplicationRecord(trx, id, { status: input.decision === 'award' ? 'awarded' : 'declined', note: input.note, decidedBy: actor.id });
		if (!done) throw conflict('This application was decided by someone else a moment ago.');
	});
}

export async function addMentor(db: Db, placeId: string, input: v.InferOutput<typeof MENTOR_INPUT>): Promise<string> {
	const id = crypto.randomUUID();
	await insertMentor(db, { id, placeId, name: input.name, expertise: input.expertise });
	return id;
}

export const listMentors = listMentorRecords;

export async function matchMentor(db: Db, placeId: string, input: v.InferOutput<typeof MATCH_MENTOR_INPUT>): Promise<string> {
	if (!isUuid(input.mentor) || !(await mentorInPlace(db, input.mentor, placeId))) throw invalid(`"mentor" must be a mentor of this place.`, [{ field: 'mentor', message: 'is not a mentor of this place' }]);
	await requireEnterprise(db, input.enterprise, placeId);
	if (await mentoringFor(db, input.mentor, input.enterprise)) throw conflict('This mentor is already matched to this enterprise.');
	const id = crypto.randomUUID();
	await insertMentoring(db, { id, mentorId: input.mentor, enterpriseId: input.enterprise });
	return id;
}

export async function recordMeeting(db: Db, input: v.InferOutput<typeof MEETING_INPUT>): Promise<void> {
	if (!isUuid(input.mentoring) || !(await mentoringExists(db, input.mentoring))) throw notFound(`There is no mentoring "${input.mentoring}".`);
	await insertMeeting(db, { id: crypto.randomUUID(), mentoringId: input.mentoring, metOn: input.metOn, note: input.note });
}

export async function listMentorings(db: Db, placeId: string, enterpriseId?: string) {
	const rows = await listMentoringRecords(db, placeId, enterpriseId);
	return rows.map((r) => ({ ...r, progress: mentoringProgress(r.meetings) }));
}

export async function addPlacement(db: Db, placeId: string, input: v.InferOutput<typeof PLACEMENT_INPUT>): Promise<string> {
	const id = crypto.randomUUID();
	await insertPlacement(db, { id, placeId, ...input });
	return id;
}

export async function listPlacements(db: Db, placeId: string, enterpriseId?: string): Promise<PlacementRecord[]> {
	return listPlacementRecords(db, placeId, enterpriseId);
}

/** Matches a placement offer to an enterprise of its consortium (or clears the match with null). */
export async function matchPlacement(db: Db, input: v.InferOutput<typeof MATCH_PLACEMENT_INPUT>): Promise<void> {
	const offer = isUuid(input.placement) ? await placementById(db, input.placement) : undefined;
	if (!offer) throw notFound(`There is no placement offer "${input.placement}".`);
	if (input.enterprise) {
		const e = await requireEnterprise(db, input.enterprise, offer.placeId);
		if (e.consortium !== offer.consortium) {
			throw invalid(`"enterprise" must be in the ${offer.consortium.replace('_', ' ')} consortium, as the placement is.`, [{ field: 'enterprise', message: `must be in the ${offer.consortium} consortium` }]);
		}
	}
	await setPlacementEnterprise(db, offer.id, input.enterprise);
}
