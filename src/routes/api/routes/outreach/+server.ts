import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { handleApi } from '$lib/server/http/errors';
import { parseRequest, planOutreach, PLAN_REQUEST, ROUTE_BODY_BYTES } from '$lib/server/outreach/service';
import type { RequestHandler } from './$types';

/** POST /api/routes/outreach: the order, arrivals, length and walk of a route through the stops (nothing is saved). */
export const POST: RequestHandler = ({ request }) =>
	handleApi(async () => {
		const input = parseRequest(PLAN_REQUEST, await readJsonBody(request, ROUTE_BODY_BYTES));
		const { db } = await getAppDatabase();
		return json(await planOutreach(db, input), { headers: { 'Cache-Control': 'private, no-store' } });
	});
