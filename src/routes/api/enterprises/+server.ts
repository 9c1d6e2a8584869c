import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { parseQuery } from '$lib/server/http/validate';
import { DIRECTORY_QUERY, listDirectory } from '$lib/server/network/directory';
import type { RequestHandler } from './$types';

/** The directory as JSON: consented enterprises for the public, every one for network staff. */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		const query = parseQuery(url, DIRECTORY_QUERY);
		const { db } = await getAppDatabase();
		// The answer depends on who asks: never stored by a shared cache.
		return json(await listDirectory(db, query, locals.user?.role), { headers: { 'Cache-Control': 'private, no-store' } });
	});
