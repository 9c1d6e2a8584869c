import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { ApiError, handleApi } from '$lib/server/http/errors';
import { listSavedRoutes, parseRequest, ROUTE_BODY_BYTES, SAVE_REQUEST, saveRoute } from '$lib/server/outreach/service';
import type { RequestHandler } from './$types';

/** GET /api/routes: the caller's saved outreach routes (an administrator's: everyone's), most recently changed first. */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		if ([...url.searchParams.keys()].length) throw new ApiError('bad_request', `Unknown parameter: ${[...url.searchParams.keys()].join(', ')}. This list takes none.`);
		const { db } = await getAppDatabase();
		return json({ routes: await listSavedRoutes(db, locals.user!) }, { headers: { 'Cache-Control': 'private, no-store' } });
	});

/** POST /api/routes {name, place, stops:[{id, lon, lat, label?}], start?, return, distance, budgetMinutes?, minutesAtStop?}: plans and saves. */
export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseRequest(SAVE_REQUEST, await readJsonBody(request, ROUTE_BODY_BYTES));
		const { db } = await getAppDatabase();
		return json(await saveRoute(db, locals.user!, input), { status: 201, headers: { 'Cache-Control': 'private, no-store' } });
	});
