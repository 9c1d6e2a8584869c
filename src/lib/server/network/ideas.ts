/**
 * The ideas board (issue 15.2). A resident submits an idea without an account; nothing is shown
 * until network staff or a partner approves it; the submitter follows it through a private link
 * whose random token is stored only as its SHA-256. Submissions are limited per client (a keyed
 * hash of the client address, so the address itself is never stored), and a honeypot field that
 * people never see (and bots fill in) makes a submission quietly go nowhere.
 * An idea's contact is personal: only reviewers read it, and each such read is audited.
 */
import crypto from 'node:crypto';
import * as v from 'valibot';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { CONSORTIA } from '../db/schema';
import type { PublicIdea } from '../../contracts/network';
import { IDEA_RATE_LIMIT, IDEA_RATE_WINDOW_MINUTES, ideaRateLimited } from '../../domain/network/rules';
import { oneOf, text } from '../http/validate';
import { DomainError, conflict, notFound } from '../errors';
import { writeAudit, type Actor } from '../audit/log';
import { countIdeasFromClientSince, ideaById, ideaByTokenHash, insertIdea, listIdeaRecords, listPublicIdeaRecords, updateIdeaReview, type IdeaRecord } from './queries';

type Db = Kysely<Database>;

export const IDEA_INPUT = v.strictObject({
	title: text(120),
	description: text(2000),
	consortium: v.optional(v.nullable(oneOf(CONSORTIA))),
	contact: v.optional(v.nullable(text(300))),
	/** The honeypot: hidden from people, so anything in it came from a bot. */
	website: v.optional(v.string())
});
export type IdeaInput = v.InferOutput<typeof IDEA_INPUT>;

export const IDEA_REVIEW = v.strictObject({
	decision: oneOf(['approve', 'reject', 'refer'] as const),
	supportPartner: v.optional(v.nullable(text(200))),
	note: v.optional(v.nullable(text(1000)))
});
export type IdeaReview = v.InferOutput<typeof IDEA_REVIEW>;

// Keyed so that a stored hash cannot be matched against a list of addresses; a new key at each
// start means the limit forgets clients on restart, which is acceptable for a window of an hour.
const CLIENT_KEY = crypto.randomBytes(32);

export function clientHash(clientAddress: string): string {
	return crypto.createHmac('sha256', CLIENT_KEY).update(clientAddress).digest('hex');
}

export function tokenHash(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex');
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export interface Submitted {
	/** The private status link's token: shown once, never stored. */
	token: string;
}

export async function submitIdea(db: Db, placeId: string, input: IdeaInput, clientAddress: string): Promise<Submitted> {
	const token = crypto.randomBytes(24).toString('base64url');
	// A bot filled the hidden field: answer as for anyone, keep nothing.
	if (input.website !== undefined && input.website.trim() !== '') return { token };
	const client = clientHash(clientAddress);
	return db.transaction().execute(async (trx) => {
		const recent = await countIdeasFromClientSince(trx, client, IDEA_RATE_WINDOW_MINUTES);
		if (ideaRateLimited(recent)) {
			throw new DomainError('conflict', `You have sent ${IDEA_RATE_LIMIT} ideas in the last hour; please wait a while before sending another.`, { retryAfterMinutes: IDEA_RATE_WINDOW_MINUTES });
		}
		await insertIdea(trx, {
			id: crypto.randomUUID(),
			placeId,
			title: input.title,
			description: input.description,
			consortium: input.consortium ?? null,
			contact: input.contact ?? null,
			tokenHash: tokenHash(token),
			clientHash: client
		});
		return { token };
	});
}

export interface IdeaStatusView {
	title: string;
	status: IdeaRecord['status'];
	supportPartner: string | null;
	reviewNote: string | null;
	submittedOn: string;
	reviewedOn: string | null;
}

/** What the private link shows: the idea's state and the reviewer's note, not the contact. */
export async function ideaStatus(db: Db, token: string): Promise<IdeaStatusView> {
	const idea = TOKEN_PATTERN.test(token) ? await ideaByTokenHash(db, tokenHash(token)) : undefined;
	if (!idea) throw notFound('There is no idea at this link. Check that the whole link was copied.');
	return {
		title: idea.title,
		status: idea.status,
		supportPartner: idea.supportPartner,
		reviewNote: idea.reviewNote,
		submittedOn: idea.createdAt.toISOString().slice(0, 10),
		reviewedOn: idea.reviewedAt ? idea.reviewedAt.toISOString().slice(0, 10) : null
	};
}

export async function listPublicIdeas(db: Db, placeId: string): Promise<PublicIdea[]> {
	const rows = await listPublicIdeaRecords(db, placeId, 200);
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		description: r.description,
		consortium: r.consortium,
		status: r.status,
		supportPartner: r.supportPartner,
		submittedOn: r.createdAt.toISOString().slice(0, 10)
	}));
}

/** Ideas for reviewers (contacts included), the read audited in the same transaction. */
export async function listIdeasForReview(db: Db, actor: Actor, placeId: string): Promise<IdeaRecord[]> {
	return db.transaction().execute(async (trx) => {
		const ideas = await listIdeaRecords(trx, placeId, ['submitted', 'approved', 'referred', 'rejected'], 300);
		await writeAudit(trx, actor, { action: 'read', subject: 'enterprise_idea', recordCount: ideas.length, detail: { place: placeId } });
		return ideas;
	});
}

const STATUS_OF = { approve: 'approved', reject: 'rejected', refer: 'referred' } as const;

export async function reviewIdea(db: Db, actor: Actor, id: string, review: IdeaReview): Promise<void> {
	const idea = /^[0-9a-f-]{36}$/.test(id) ? await ideaById(db, id) : undefined;
	if (!idea) throw notFound(`There is no idea "${id}".`);
	if (review.decision === 'refer' && !review.supportPartner) {
		throw new DomainError('invalid', '"supportPartner" is required to pass an idea to a support partner.', { fields: [{ field: 'supportPartner', message: 'is required to refer' }] });
	}
	if (idea.status === 'rejected' && review.decision !== 'approve') throw conflict('This idea was rejected; approve it first to pass it on.');
	await db.transaction().execute(async (trx) => {
		await updateIdeaReview(trx, id, {
			status: STATUS_OF[review.decision],
			supportPartner: review.decision === 'refer' ? (review.supportPartner ?? null) : idea.supportPartner,
			reviewNote: review.note ?? idea.reviewNote,
			reviewedBy: actor.id
		});
		await writeAudit(trx, actor, { action: 'update', subject: 'enterprise_idea', recordCount: 1, detail: { id, decision: review.decision } });
	});
}
