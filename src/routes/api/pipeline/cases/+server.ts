import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { PIPELINE_STAGES } from '$lib/server/db/schema';
import { readJsonBody } from '$lib/server/http/body';
import { handleApi } from '$lib/server/http/errors';
import { intParam, oneOf, oneOfParam, parseInput, parseQuery, text } from '$lib/server/http/validate';
import { listCases, openCase } from '$lib/server/restricted/pipeline/cases';
import type { RequestHandler } from './$types';

const LIST_QUERY = v.strictObject({
	place: v.optional(text(63)),
	stage: v.optional(oneOfParam(PIPELINE_STAGES)),
	limit: v.optional(intParam(1, 500), '100'),
	offset: v.optional(intParam(0, 1_000_000_000), '0')
});

/** GET /api/pipeline/cases: the cases the caller may see (person-level, audited). */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		const q = parseQuery(url, LIST_QUERY);
		const { db } = await getAppDatabase();
		const result = await listCases(db, locals.user!, { placeId: q.place, stage: q.stage, limit: q.limit, offset: q.offset });
		return json(result, { headers: { 'Cache-Control': 'private, no-store' } });
	});

const OPEN_BODY = v.strictObject({
	residentId: text(36),
	stage: v.optional(oneOf(PIPELINE_STAGES)),
	partnerId: v.optional(v.nullable(text(36))),
	mentor: v.optional(v.nullable(text(120))),
	nextStep: v.optional(v.nullable(text(500))),
	nextStepOn: v.optional(v.nullable(text(10))),
	note: v.optional(v.nullable(text(2000)))
});

/** POST /api/pipeline/cases {residentId, ...}: opens a case for a resident record. */
export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const body = parseInput(OPEN_BODY, await readJsonBody(request));
		const { db } = await getAppDatabase();
		const id = await openCase(db, locals.user!, body);
		return json({ id }, { status: 201 });
	});
