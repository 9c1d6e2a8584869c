/**
 * The audit log: who read, exported or changed person-level data (and who managed accounts).
 * Written in the same transaction as the access it records, so an access is never unlogged.
 */
import type { Kysely } from 'kysely';
import type { AuditAction, Database } from '../db/schema';

export interface Actor {
	id: string | null;
	name: string;
	role: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system' };

export interface AuditEntry {
	id: string;
	at: Date;
	actorName: string;
	actorRole: string;
	action: AuditAction;
	subject: string;
	recordCount: number;
	detail: Record<string, unknown>;
}

export async function writeAudit(
	db: Kysely<Database>,
	actor: Actor,
	entry: { action: AuditAction; subject: string; recordCount?: number; detail?: Record<string, unknown> }
): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			actor_id: actor.id,
			actor_name: actor.name,
			actor_role: actor.role,
			action: entry.action,
			subject: entry.subject,
			record_count: entry.recordCount ?? 0,
			detail: JSON.stringify(entry.detail ?? {})
		})
		.execute();
}

export interface AuditQuery {
	action?: AuditAction;
	actor?: string;
	limit?: number;
	beforeId?: string;
}

/** Newest first; `beforeId` pages back through older entries. */
export async function listAudit(db: Kysely<Database>, query: AuditQuery = {}): Promise<AuditEntry[]> {
	let q = db
		.selectFrom('audit_log')
		.select(['id', 'at', 'actor_name', 'actor_role', 'action', 'subject', 'record_count', 'detail'])
		.orderBy('id', 'desc')
		.limit(Math.min(Math.max(query.limit ?? 100, 1), 500));
	if (query.action) q = q.where('action', '=', query.action);
	if (query.actor) q = q.where('actor_name', '=', query.actor);
	if (query.beforeId) q = q.where('id', '<', query.beforeId);
	const rows = await q.execute();
	return rows.map((r) => ({
		id: String(r.id),
		at: new Date(r.at),
		actorName: r.actor_name,
		actorRole: r.actor_role,
		action: r.action,
		subject: r.subject,
		recordCount: r.record_count,
		detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail
	}));
}
