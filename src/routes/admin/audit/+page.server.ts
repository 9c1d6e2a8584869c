import { getAppDatabase } from '$lib/server/db/app';
import { listAudit } from '$lib/server/audit/log';
import { AUDIT_ACTIONS, type AuditAction } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { db } = await getAppDatabase();
	const action = url.searchParams.get('action') ?? '';
	const actor = url.searchParams.get('actor')?.trim() ?? '';
	const before = url.searchParams.get('before') ?? '';
	const entries = await listAudit(db, {
		action: (AUDIT_ACTIONS as readonly string[]).includes(action) ? (action as AuditAction) : undefined,
		actor: actor || undefined,
		beforeId: /^\d+$/.test(before) ? before : undefined,
		limit: 100
	});
	return {
		actions: [...AUDIT_ACTIONS],
		filter: { action, actor },
		entries: entries.map((e) => ({ ...e, at: e.at.toISOString(), detail: JSON.stringify(e.detail) }))
	};
};
