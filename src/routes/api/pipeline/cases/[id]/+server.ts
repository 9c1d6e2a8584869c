import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { PIPELINE_STAGES } from '$lib/server/db/schema';
import { readJsonBody } from '$lib/server/http/body';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, oneOf, parseInput, parseQuery, text } from '$lib/server/http/validate';
import { changeCase, getCase } from '$lib/server/restricted/pipeline/cases';
import type { RequestHandler } from './$types';

/** GET /api/pipeline/cases/<id>: one case with its stage history (audited). */
export const GET: RequestHandler = ({ params, url, locals }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		return json(await getCase(db, locals.user!, params.id), { headers: { 'Cache-Control': 'private, no-store' } });
	});

const CHANGE_BODY = v.strictObject({
	stage: v.optional(oneOf(PIPELINE_STAGES)),
	/** A note for the stage history. */
	historyNote: v.optional(v.nullable(text(2000))),
	partnerId: v.optional(v.nullable(text(36))),
	mentor: v.optional(v.nullable(text(120))),
	nextStep: v.optional(v.nullable(text(500))),
	nextStepOn: v.optional(v.nullable(text(10))),
	note: v.optional(v.nullable(text(2000)))
});

/** PATCH /api/pipeline/cases/<id>: move a case to a stage, or change its partner, mentor, next step or note. */
export const PATCH: RequestHandler = ({ params, request, locals }) =>
	handleApi(async () => {
		const { historyNote, ...change } = parseInput(CHANGE_BODY, await readJsonBody(request));
		const { db } = await getAppDatabase();
		await changeCase(db, locals.user!, params.id, change, historyNote ?? null);
		return json(await getCase(db, locals.user!, params.id));
	});
