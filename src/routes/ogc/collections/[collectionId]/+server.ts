import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { collectionJson, findCollection } from '$lib/server/ogc/collections';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, params }) =>
	handleApi(async () => {
		const collection = findCollection(params.collectionId);
		const { db } = await getAppDatabase();
		return json(await collectionJson(db, collection, url.origin), { headers: { 'Cache-Control': 'public, max-age=60' } });
	});
