import { listMacroAssets, placeExists } from '$lib/server/assets/queries';
import { GEOJSON_CONTENT_TYPE, macroAssetFeatureCollection } from '$lib/server/assets/geojson';
import { getAppDatabase } from '$lib/server/db/app';
import { ApiError, handleApi } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

/** The capital projects in a place as a GeoJSON FeatureCollection, by name. */
export const GET: RequestHandler = ({ params }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		// An unknown place is a mistake worth a 404, not an empty collection that looks like "no sites".
		if (!(await placeExists(db, params.id))) {
			throw new ApiError('not_found', `There is no place with id "${params.id}". GET /api/places lists them.`);
		}
		const assets = await listMacroAssets(db, params.id);
		return new Response(JSON.stringify(macroAssetFeatureCollection(assets)), {
			headers: { 'Content-Type': GEOJSON_CONTENT_TYPE, 'Cache-Control': 'public, max-age=60' }
		});
	});
