import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { parseQuery } from '$lib/server/http/validate';
import { financeSummary } from '$lib/server/finance/service';
import { SUMMARY_QUERY } from '$lib/server/finance/http';
import type { RequestHandler } from './$types';

/**
 * GET /api/finance/summary?place=<id>: community finance flowing into the place, published only in
 * aggregate (by kind, year, 1 km hexagon and site; individuals only as one line at k or more).
 */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const { place } = parseQuery(url, SUMMARY_QUERY);
		const { db } = await getAppDatabase();
		return json(await financeSummary(db, place), { headers: { 'Cache-Control': 'public, max-age=60' } });
	});
