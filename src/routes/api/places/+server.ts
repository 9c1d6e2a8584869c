import { json } from '@sveltejs/kit';
import { listPlaces } from '$lib/server/assets/queries';
import { placeJson } from '$lib/server/assets/geojson';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import type { RequestHandler } from './$types';

/** Places change only when data is imported: a minute of caching keeps the map quick and fresh. */
const CACHE = 'public, max-age=60';

export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		const places = await listPlaces(db);
		return json({ places: places.map(placeJson) }, { headers: { 'Cache-Control': CACHE } });
	});
