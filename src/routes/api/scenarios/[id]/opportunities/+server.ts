import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { parseObject, readJsonBody } from '$lib/server/http/body';
import { handleApi } from '$lib/server/http/errors';
import { addOpportunity, NEW_OPPORTUNITY_SHAPE } from '$lib/server/scenarios/index';
import type { RequestHandler } from './$types';

/** POST /api/scenarios/<id>/opportunities {"site", "skillGroup", "kind", "title", "count"}. */
export const POST: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const input = parseObject(await readJsonBody(request), NEW_OPPORTUNITY_SHAPE);
		const { db } = await getAppDatabase();
		return json(await addOpportunity(db, params.id, input), { status: 201 });
	});
