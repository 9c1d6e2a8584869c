import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { listAudit } from '$lib/server/audit/log';
import { AUDIT_ACTIONS } from '$lib/server/db/schema';
import { pageError } from '$lib/server/http/errors';
import { parseQuery } from '$lib/server/http/validate';
import type { PageServerLoad } from './$types';

/**
 * The filter form's fields. A blank field means "any"; an action or cursor that is not one is
 * read as no filter, as before: the form cannot send one, and a hand-edited URL just widens the list.
 */
const FILTER = v.strictObject({
	action: v.optional(v.string(), ''),
	actor: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, 'must be at most 200 characters')), ''),
	before: v.optional(v.string(), '')
});

export const load: PageServerLoad = async ({ url }) => {
	const { db } = await getAppDatabase();
	let filter: v.InferOutput<typeof FILTER>;
	try {
		filter = parseQuery(url, FILTER, { declaredOnly: true });
	} catch (err) {
		pageError(err);
	}
	const action = v.is(v.picklist(AUDIT_ACTIONS), filter.action) ? filter.action : undefined;
	const entries = await listAudit(db, {
		action,
		actor: filter.actor || undefined,
		beforeId: /^\d{1,18}$/.test(filter.before) ? filter.before : undefined,
		limit: 100
	});
	return {
		actions: [...AUDIT_ACTIONS],
		filter: { action: filter.action, actor: filter.actor },
		entries: entries.map((e) => ({ ...e, at: e.at.toISOString(), detail: JSON.stringify(e.detail) }))
	};
};
