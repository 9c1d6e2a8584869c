import { GEOJSON_CONTENT_TYPE } from '$lib/server/assets/geojson';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { compareScenario } from '$lib/server/scores/compare';
import { scoreRequestFromUrl } from '$lib/server/scores/request';
import type { RequestHandler } from './$types';

/** GET /api/scores/compare?scenario=<id>&…score parameters…: the scenario against the baseline, cell by cell and site by site. */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		const request = scoreRequestFromUrl(url, locals.user?.role);
		const { db } = await getAppDatabase();
		return new Response(JSON.stringify(await compareScenario(db, request)), { headers: { 'Content-Type': GEOJSON_CONTENT_TYPE, 'Cache-Control': 'private, no-store' } });
	});
