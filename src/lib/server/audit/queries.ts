/**
 * The SQL of the audit log: the only module that builds SQL for `audit_log`. It returns entries,
 * never rows; what is written when, and how far back a read may page, is log.ts's.
 */
import type { Kysely } from 'kysely';
import type { AuditAction, Database } from '../db/schema';

type Db = Kysely<Database>;

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

export async function insertAuditEntry(
	db: Db,
	entry: { actorId: string | null; actorName: string; actorRole: string; action: AuditAction; subject: string; recordCount: number; detail: Record<string, unknown> }
): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			actor_id: entry.actorId,
			actor_name: entry.actorName,
			actor_role: entry.actorRole,
			action: entry.action,
			subject: entry.subject,
			record_count: entry.recordCount,
			detail: JSON.stringify(entry.detail)
		})
		.execute();
}

/** Entries newest first, optionally of one action or actor, older than `beforeId`. */
export async function selectAuditEntries(db: Db, filter: { action?: AuditAction; actor?: string; beforeId?: string; limit: number }): Promise<AuditEntry[]> {
	let q = db
		.selectFrom('audit_log')
		.select(['id', 'at', 'actor_name', 'actor_role', 'action', 'subject', 'record_count', 'detail'])
		.orderBy('id', 'desc')
		.limit(filter.limit);
	if (filter.action) q = q.where('action', '=', filter.action);
	if (filter.actor) q = q.where('actor_name', '=', filter.actor);
	if (filter.beforeId) q = q.where('id', '<', filter.beforeId);
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
