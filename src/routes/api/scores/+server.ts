import { GEOJSON_CONTENT_TYPE } from '$lib/server/assets/geojson';
import { memoisedJsonResponse } from '$lib/server/http/json-memo';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { scoreRequestFromUrl } from '$lib/server/scores/request';
import { getCellScores } from '$lib/server/scores/service';
import type { RequestHandler } from './$types';

/**
 * GET /api/scores?place=<id>&method=cumulative|gravity|2sfca|e2sfca&skill=all|<group>&distance=straight|walk
 *   [&scenario=<id>][&readiness=…][&speed=standard|slower][&threshold=min][&bands=10,20,30&weights=1,0.68,0.22]
 *   [&decay=gaussian|exponential&halfWeight=min]
 * A GeoJSON FeatureCollection of the place's 250 m cells with properties.score, rank and percentile.
 */
export const GET: RequestHandler = (event) =>
	handleApi(async () => {
		const request = scoreRequestFromUrl(event.url, event.locals.user?.role);
		const { db } = await getAppDatabase();
		const layer = await getCellScores(db, request);
		return memoisedJsonResponse(layer, event.request, {
			'Content-Type': GEOJSON_CONTENT_TYPE,
			'Cache-Control': request.spec.scenario ? 'private, no-store' : 'public, max-age=60'
		});
	});
