/**
 * The audit log: who read, exported or changed person-level data (and who managed accounts).
 * Written in the same transaction as the access it records, so an access is never unlogged.
 */
import type { Kysely } from 'kysely';
import type { AuditAction, Database } from '../db/schema';
import { insertAuditEntry, selectAuditEntries, type AuditEntry } from './queries';

export type { AuditEntry };

export interface Actor {
	id: string | null;
	name: string;
	role: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', role: 'system' };

/** Pass the transaction that makes the access, so that the entry and the access stand or fall together. */
export async function writeAudit(
	db: Kysely<Database>,
	actor: Actor,
	entry: { action: AuditAction; subject: string; recordCount?: number; detail?: Record<string, unknown> }
): Promise<void> {
	await insertAuditEntry(db, {
		actorId: actor.id,
		actorName: actor.name,
		actorRole: actor.role,
		action: entry.action,
		subject: entry.subject,
		recordCount: entry.recordCount ?? 0,
		detail: entry.detail ?? {}
	});
}

export interface AuditQuery {
	action?: AuditAction;
	actor?: string;
	limit?: number;
	beforeId?: string;
}

/** Newest first; `beforeId` pages back through older entries; at most 500 a page. */
export async function listAudit(db: Kysely<Database>, query: AuditQuery = {}): Promise<AuditEntry[]> {
	return selectAuditEntries(db, { ...query, limit: Math.min(Math.max(query.limit ?? 100, 1), 500) });
}
