import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { memoisedJsonResponse } from '$lib/server/http/json-memo';
import { getTileSummary } from '$lib/server/tiles/summary';
import type { RequestHandler } from './$types';

/**
 * GET /tiles/<layer>/summary.json?<the layer's tile parameters>: the facts a map needs to draw the
 * layer's tiles (legend classes, units, what was withheld), for opportunity-scores and resident-skills.
 */
export const GET: RequestHandler = ({ params, url, request, locals }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		const summary = await getTileSummary(db, params.layer, url.searchParams, locals.user?.role);
		const shared = !(summary.layer === 'opportunity-scores' && url.searchParams.get('scenario'));
		return memoisedJsonResponse(summary, request, { 'Content-Type': 'application/json', 'Cache-Control': shared ? 'public, max-age=60' : 'private, no-store', Vary: 'Cookie' });
	});
