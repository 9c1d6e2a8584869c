import * as v from 'valibot';
import { memoisedJsonResponse } from '$lib/server/http/json-memo';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { oneOf, parseQuery, text } from '$lib/server/http/validate';
import { READINESS } from '$lib/domain/privacy/filters';
import { getResidentLayer } from '$lib/server/published/layers';
import type { RequestHandler } from './$types';

const LAYER_QUERY = v.strictObject({
	place: text(63),
	skill: v.optional(text(63), 'all'),
	readiness: v.optional(oneOf(READINESS), 'any')
});

/**
 * GET /api/layers/resident-skills?place=<id>&skill=all|<group>&readiness=any|overseas_qualification|english_test_passed|professionally_registered
 * Anonymised counts per cell (hexagons of 250 m, 500 m or 1 km, coarsened as needed), never points.
 */
export const GET: RequestHandler = ({ url, request }) =>
	handleApi(async () => {
		const query = parseQuery(url, LAYER_QUERY);
		const { db } = await getAppDatabase();
		const layer = await getResidentLayer(db, { placeId: query.place, skill: query.skill, readiness: query.readiness });
		return memoisedJsonResponse(layer, request, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=60' });
	});
