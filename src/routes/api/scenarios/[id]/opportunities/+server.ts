import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { parseInput } from '$lib/server/http/validate';
import { handleApi } from '$lib/server/http/errors';
import { addOpportunity, NEW_OPPORTUNITY } from '$lib/server/scenarios/index';
import type { RequestHandler } from './$types';

/** POST /api/scenarios/<id>/opportunities {"site", "skillGroup", "kind", "title", "count"}. */
export const POST: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const input = parseInput(NEW_OPPORTUNITY, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await addOpportunity(db, params.id, input), { status: 201 });
	});
