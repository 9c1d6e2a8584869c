import { getAppDatabase } from '$lib/server/db/app';
import { GEOJSON_CONTENT_TYPE } from '$lib/server/assets/geojson';
import { handleApi } from '$lib/server/http/errors';
import { jsonResponse } from '$lib/server/http/json-memo';
import { findCollection, itemsJson, parseItemsQuery } from '$lib/server/ogc/collections';
import type { RequestHandler } from './$types';

/** Items with bbox (CRS84), limit (default 100, at most 10,000), offset, and a next link while more remain. */
export const GET: RequestHandler = ({ url, params, locals, request }) =>
	handleApi(async () => {
		const collection = findCollection(params.collectionId);
		const query = parseItemsQuery(url, collection, locals.user?.role);
		const { db } = await getAppDatabase();
		const page = await collection.items(db, query);
		return jsonResponse(itemsJson(url, page, query, url.origin), request, {
			'Content-Type': GEOJSON_CONTENT_TYPE,
			'Cache-Control': query.extra.scenario ? 'private, no-store' : 'public, max-age=60'
		});
	});
