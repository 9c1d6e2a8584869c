import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { getAppDatabase } from '$lib/server/db/app';
import { loadSitePage } from '$lib/server/sites/page';
import { getSiteMatching } from '$lib/server/matching/matching';
import type { PageServerLoad } from './$types';

/** One capital project's public page: its figures, opportunities, local talent and neighbours. */
export const load: PageServerLoad = async ({ params, locals }) => {
	const { db } = await getAppDatabase();
	const page = await loadSitePage(db, params.id, locals.user?.role);
	if (!page) {
		error(404, { code: 'not_found', message: `There is no site with the id “${params.id}”. It may have been renamed or removed.` });
	}
	const { basemapStyleUrl, basemapAttribution } = config();
	// Vacancies and published candidate counts (issue 14); the page stands without them.
	const matching = await getSiteMatching(db, params.id).catch((err: unknown) => {
		console.error(`[atlas] matching for site ${params.id} could not be computed`, err);
		return null;
	});
	return { ...page, matching, basemap: { styleUrl: basemapStyleUrl, attribution: basemapAttribution } };
};
