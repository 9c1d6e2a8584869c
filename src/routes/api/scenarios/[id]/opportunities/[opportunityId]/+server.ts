import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { parseInput } from '$lib/server/http/validate';
import { handleApi } from '$lib/server/http/errors';
import { OPPORTUNITY_UPDATE, removeOpportunity, updateOpportunity } from '$lib/server/scenarios/index';
import type { RequestHandler } from './$types';

/** PATCH /api/scenarios/<id>/opportunities/<opportunityId> {"count"?, "title"?, "skillGroup"?, "kind"?}. */
export const PATCH: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const update = parseInput(OPPORTUNITY_UPDATE, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await updateOpportunity(db, params.id, params.opportunityId, update));
	});

export const DELETE: RequestHandler = ({ params }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		await removeOpportunity(db, params.id, params.opportunityId);
		return new Response(null, { status: 204 });
	});
