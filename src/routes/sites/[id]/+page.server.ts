import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { getAppDatabase } from '$lib/server/db/app';
import { loadSitePage } from '$lib/server/sites/page';
import { suppliersFor } from '$lib/server/network/directory';
import type { PageServerLoad } from './$types';

/** One capital project's public page: its figures, opportunities, local talent and neighbours. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = await getAppDatabase();
	const page = await loadSitePage(db, params.id, locals.user?.role);
	if (!page) {
		error(404, { code: 'not_found', message: `There is no site with the id “${params.id}”. It may have been renamed or removed.` });
	}
	const { basemapStyleUrl, basemapAttribution } = config();
	// Issue 15.4: enterprises that could supply the site's procurement lots (consent respected by role).
	const suppliers = await suppliersFor(db, params.id, locals.user?.role);
	return { ...page, suppliers, basemap: { styleUrl: basemapStyleUrl, attribution: basemapAttribution } };
};
