import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import { notFound } from '$lib/server/errors';
import { getMacroAsset } from '$lib/server/assets/queries';
import { suppliersFor } from '$lib/server/network/directory';
import type { RequestHandler } from './$types';

/** Enterprises that could supply a capital project's procurement lots, nearest first (consented only for the public). */
export const GET: RequestHandler = ({ url, params, locals }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(params.id) || !(await getMacroAsset(db, params.id))) throw notFound(`There is no site "${params.id}".`);
		return json({ site: params.id, suppliers: await suppliersFor(db, params.id, locals.user?.role) }, { headers: { 'Cache-Control': 'private, no-store' } });
	});
