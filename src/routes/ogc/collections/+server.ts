import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { collectionJson, COLLECTIONS } from '$lib/server/ogc/collections';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		const collections = [];
		for (const collection of COLLECTIONS) collections.push(await collectionJson(db, collection, url.origin));
		return json(
			{ links: [{ href: `${url.origin}/ogc/collections`, rel: 'self', type: 'application/json' }], collections },
			{ headers: { 'Cache-Control': 'public, max-age=60' } }
		);
	});
