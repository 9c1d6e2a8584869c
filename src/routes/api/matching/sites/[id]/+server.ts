import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import { getSiteMatching } from '$lib/server/matching/matching';
import type { RequestHandler } from './$types';

/** GET /api/matching/sites/<id>: per role with live vacancies, published candidates by stage, the gap, and their cells. */
export const GET: RequestHandler = ({ params, url }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		return json(await getSiteMatching(db, params.id), { headers: { 'Cache-Control': 'public, max-age=60' } });
	});
