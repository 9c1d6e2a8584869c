import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { readJsonBody } from '$lib/server/http/body';
import { intParam, parseQuery, text } from '$lib/server/http/validate';
import { createResidentRecord, listResidentRecords } from '$lib/server/restricted/records';
import { parseNewRecord } from '$lib/server/restricted/record-input';
import type { RequestHandler } from './$types';

/** Far beyond any place's records; a larger offset is a mistake (it once reached SQL and became a 500). */
const MAX_OFFSET = 1_000_000_000;

const LIST_QUERY = v.strictObject({
	place: v.optional(text(63)),
	limit: v.optional(intParam(1, 500), '100'),
	offset: v.optional(intParam(0, MAX_OFFSET), '0')
});

/** Person-level records the signed-in researcher collected (administrators: all). Audited. */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		const { place, limit, offset } = parseQuery(url, LIST_QUERY);
		const { db } = await getAppDatabase();
		const result = await listResidentRecords(db, locals.user!, { placeId: place, limit, offset, purpose: 'read' });
		return json(result, { headers: { 'Cache-Control': 'private, no-store' } });
	});

export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseNewRecord(await readJsonBody(request));
		const { db } = await getAppDatabase();
		const created = await createResidentRecord(db, locals.user!, input);
		return json(created, { status: 201 });
	});
