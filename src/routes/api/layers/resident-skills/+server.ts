import { memoisedJsonResponse } from '$lib/server/http/json-memo';
import { getAppDatabase } from '$lib/server/db/app';
import { ApiError, handleApi } from '$lib/server/http/errors';
import { getResidentLayer, parseReadiness } from '$lib/server/published/layers';
import type { RequestHandler } from './$types';

const PARAMS = new Set(['place', 'skill', 'readiness']);

/**
 * GET /api/layers/resident-skills?place=<id>&skill=all|<group>&readiness=any|overseas_qualification|english_test_passed|professionally_registered
 * Anonymised counts per cell (hexagons of 250 m, 500 m or 1 km, coarsened as needed), never points.
 */
export const GET: RequestHandler = ({ url, request }) =>
	handleApi(async () => {
		const unknown = [...url.searchParams.keys()].filter((k) => !PARAMS.has(k));
		if (unknown.length) throw new ApiError('bad_request', `Unknown parameter: ${unknown.join(', ')}. Allowed: place, skill, readiness.`);
		const placeId = url.searchParams.get('place');
		if (!placeId) throw new ApiError('bad_request', 'place is required (see GET /api/places).');
		const { db } = await getAppDatabase();
		const layer = await getResidentLayer(db, {
			placeId,
			skill: url.searchParams.get('skill') ?? 'all',
			readiness: parseReadiness(url.searchParams.get('readiness'))
		});
		return memoisedJsonResponse(layer, request, { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=60' });
	});
