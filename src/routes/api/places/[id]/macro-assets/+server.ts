import { macroAssetCollection } from '$lib/server/assets/collection';
import { GEOJSON_CONTENT_TYPE } from '$lib/server/assets/geojson';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import { notFound } from '$lib/server/errors';
import { memoisedJsonResponse } from '$lib/server/http/json-memo';
import type { RequestHandler } from './$types';

/** The capital projects in a place as a GeoJSON FeatureCollection, by name (gzipped when accepted; ETag). */
export const GET: RequestHandler = ({ url, params, request }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		const collection = await macroAssetCollection(db, params.id);
		// An unknown place is a mistake worth a 404, not an empty collection that looks like "no sites".
		if (!collection) throw notFound(`There is no place with id "${params.id}". GET /api/places lists them.`);
		return memoisedJsonResponse(collection, request, { 'Content-Type': GEOJSON_CONTENT_TYPE, 'Cache-Control': 'public, max-age=60' });
	});
