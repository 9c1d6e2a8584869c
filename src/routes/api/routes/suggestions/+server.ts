import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { parseRequest, SUGGESTION_QUERY, suggestHubs } from '$lib/server/outreach/service';
import type { RequestHandler } from './$types';

/** GET /api/routes/suggestions?place=&lon=&lat=&limit=: the place's community hubs nearest the start. */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const query = parseRequest(SUGGESTION_QUERY, Object.fromEntries(url.searchParams));
		const { db } = await getAppDatabase();
		return json({ hubs: await suggestHubs(db, query.place, { lon: query.lon, lat: query.lat }, query.limit) }, { headers: { 'Cache-Control': 'private, no-store' } });
	});
