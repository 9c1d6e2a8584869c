import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { memoisedJsonResponse } from '$lib/server/http/json-memo';
import { parseQuery } from '$lib/server/http/validate';
import { nearMe } from '$lib/server/near-me/service';
import { NEAR_ME_QUERY, toNearMeQuery } from '$lib/server/near-me/query';
import type { RequestHandler } from './$types';

/**
 * GET /api/near-me?area=<id> | postcode=<district or sector> | cell=hex250:<i>:<j> | lon=&lat=
 *   [&interest=jobs|training|business|abroad][&place=<id>]
 * Public records within reach, nearest first. A lon/lat is snapped to its 250 m cell at once and
 * never stored or logged; the answer names only the cell. Not cached by shared caches: the query
 * says roughly where someone is. The service holds one answer object per origin, interest and data
 * state, so its JSON and gzip are made once (memoisedJsonResponse), not for every phone that asks.
 */
export const GET: RequestHandler = ({ url, request }) =>
	handleApi(async () => {
		const query = toNearMeQuery(parseQuery(url, NEAR_ME_QUERY));
		const { db } = await getAppDatabase();
		return memoisedJsonResponse(await nearMe(db, query), request, { 'Content-Type': 'application/json', 'Cache-Control': 'private, max-age=60' });
	});
