import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import { getEnterprise } from '$lib/server/network/directory';
import type { RequestHandler } from './$types';

/** One enterprise (404 for an unconsented one unless the reader is network staff). */
export const GET: RequestHandler = ({ url, params, locals }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the place is the page's business
		const { placeId, ...enterprise } = await getEnterprise(db, params.id, locals.user?.role);
		return json(enterprise, { headers: { 'Cache-Control': 'private, no-store' } });
	});
