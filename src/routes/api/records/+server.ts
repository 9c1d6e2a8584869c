import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi, ApiError } from '$lib/server/http/errors';
import { readJsonBody } from '$lib/server/http/body';
import { createResidentRecord, listResidentRecords } from '$lib/server/restricted/records';
import { parseNewRecord } from '$lib/server/restricted/record-input';
import type { RequestHandler } from './$types';

const LIST_PARAMS = new Set(['place', 'limit', 'offset']);

/** Person-level records the signed-in researcher collected (administrators: all). Audited. */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		const unknown = [...url.searchParams.keys()].filter((k) => !LIST_PARAMS.has(k));
		if (unknown.length) throw new ApiError('bad_request', `Unknown parameter: ${unknown.join(', ')}.`);
		const limit = Number(url.searchParams.get('limit') ?? 100);
		const offset = Number(url.searchParams.get('offset') ?? 0);
		if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ApiError('bad_request', 'limit must be a whole number from 1 to 500.');
		if (!Number.isInteger(offset) || offset < 0) throw new ApiError('bad_request', 'offset must be a whole number, 0 or more.');
		const { db } = await getAppDatabase();
		const result = await listResidentRecords(db, locals.user!, {
			placeId: url.searchParams.get('place') ?? undefined,
			limit,
			offset,
			purpose: 'read'
		});
		return json(result, { headers: { 'Cache-Control': 'private, no-store' } });
	});

export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseNewRecord(await readJsonBody(request));
		const { db } = await getAppDatabase();
		const created = await createResidentRecord(db, locals.user!, input);
		return json(created, { status: 201 });
	});
