import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { handleApi } from '$lib/server/http/errors';
import { parseRequest, recordVisit, VISIT_REQUEST } from '$lib/server/outreach/service';
import type { RequestHandler } from './$types';

/** PUT /api/routes/<id>/visits/<stopId> {visited, peopleReached?, questionnaires?, notes?}: the outcome of one visit. */
export const PUT: RequestHandler = ({ params, request, locals }) =>
	handleApi(async () => {
		const visit = parseRequest(VISIT_REQUEST, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await recordVisit(db, locals.user!, params.id, params.stopId, visit), { headers: { 'Cache-Control': 'private, no-store' } });
	});
