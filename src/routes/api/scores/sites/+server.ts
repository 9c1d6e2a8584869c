import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { scoreRequestFromUrl } from '$lib/server/scores/request';
import { getSiteScores } from '$lib/server/scores/service';
import type { RequestHandler } from './$types';

/** GET /api/scores/sites?…same parameters as /api/scores: local supply per opportunity for each site, per skill group. */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		const request = scoreRequestFromUrl(url, locals.user?.role);
		const { db } = await getAppDatabase();
		const sites = await getSiteScores(db, request);
		return json(sites, { headers: { 'Cache-Control': request.spec.scenario ? 'private, no-store' : 'public, max-age=60' } });
	});
