import { getAppDatabase } from '$lib/server/db/app';
import { GEOJSON_CONTENT_TYPE } from '$lib/server/assets/geojson';
import { handleApi } from '$lib/server/http/errors';
import { notFound } from '$lib/server/errors';
import { findCollection, parseItemsQuery } from '$lib/server/ogc/collections';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, params, locals }) =>
	handleApi(async () => {
		const collection = findCollection(params.collectionId);
		const query = parseItemsQuery(url, collection, locals.user?.role, false);
		const { db } = await getAppDatabase();
		const feature = await collection.item(db, params.featureId, query);
		if (!feature) throw notFound(`Collection "${collection.id}" has no feature "${params.featureId}".`);
		const base = `${url.origin}/ogc/collections/${collection.id}`;
		const body = {
			...feature,
			links: [
				{ href: `${base}/items/${encodeURIComponent(params.featureId)}`, rel: 'self', type: 'application/geo+json' },
				{ href: base, rel: 'collection', type: 'application/json' }
			]
		};
		return new Response(JSON.stringify(body), { headers: { 'Content-Type': GEOJSON_CONTENT_TYPE, 'Cache-Control': 'public, max-age=60' } });
	});
