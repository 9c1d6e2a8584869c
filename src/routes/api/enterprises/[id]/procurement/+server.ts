import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import { procurementFor } from '$lib/server/network/directory';
import type { RequestHandler } from './$types';

/** Procurement lots at capital projects that suit the enterprise's consortium, nearest first. */
export const GET: RequestHandler = ({ url, params, locals }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		return json({ enterprise: params.id, lots: await procurementFor(db, params.id, locals.user?.role) }, { headers: { 'Cache-Control': 'private, no-store' } });
	});
