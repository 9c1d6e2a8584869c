import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { readJsonBody } from '$lib/server/http/body';
import { int, intParam, oneOfParam, parseInput, parseQuery } from '$lib/server/http/validate';
import { listResponses, submitResponse } from '$lib/server/restricted/responses/service';
import type { ResponseReceipt } from '$lib/contracts/questionnaires';
import type { RequestHandler } from './$types';

const SUBMISSION = v.strictObject({
	id: v.pipe(v.string('must be a uuid'), v.uuid('must be a uuid')),
	questionnaireVersion: int(1, 1_000_000),
	answers: v.record(v.string(), v.unknown(), 'must be an object of answers by question id')
});

const LIST_QUERY = v.strictObject({
	status: v.optional(oneOfParam(['pending', 'validated', 'rejected'] as const)),
	limit: v.optional(intParam(1, 500), '50'),
	offset: v.optional(intParam(0, 1_000_000_000), '0')
});

/** Responses the signed-in researcher collected (coordinators and administrators: all). Audited. */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		const { status, limit, offset } = parseQuery(url, LIST_QUERY);
		const { db } = await getAppDatabase();
		return json(await listResponses(db, locals.user!, { status, limit, offset }), { headers: { 'Cache-Control': 'private, no-store' } });
	});

/** POST /api/responses: 201 the first time, 200 for the same id and content again, 409 for changed content. */
export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseInput(SUBMISSION, await readJsonBody(request));
		const { db } = await getAppDatabase();
		const receipt: ResponseReceipt = await submitResponse(db, locals.user!, input);
		return json(receipt, { status: receipt.outcome === 'created' ? 201 : 200 });
	});
