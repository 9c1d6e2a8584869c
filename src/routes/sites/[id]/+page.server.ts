import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { getAppDatabase } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { parseQuery } from '$lib/server/http/validate';
import { GAP_QUERY, gapRequestFrom } from '$lib/server/scores/gap-query';
import { DEFAULT_SITE_FIGURES, loadSitePage, type SiteFigures } from '$lib/server/sites/page';
import { getSiteMatching } from '$lib/server/matching/matching';
import { suppliersFor } from '$lib/server/network/directory';
import type { PageServerLoad } from './$types';

/**
 * One capital project's public page: its figures, opportunities, local talent and neighbours.
 * ?walk=&skill=&readiness=&distance= choose the figures (a plain GET form, so it works without
 * JavaScript); a bad value falls back to the defaults rather than failing the page.
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { db } = await getAppDatabase();
	let figures: SiteFigures = DEFAULT_SITE_FIGURES;
	try {
		const { skill, readiness, walkMinutes, distance } = gapRequestFrom(params.id, parseQuery(url, GAP_QUERY, { declaredOnly: true }), locals.user?.role);
		figures = { skill, readiness, walkMinutes, distance };
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
	}
	const page = await loadSitePage(db, params.id, locals.user?.role, figures);
	if (!page) {
		error(404, { code: 'not_found', message: `There is no site with the id “${params.id}”. It may have been renamed or removed.` });
	}
	const { basemapStyleUrl, basemapAttribution } = config();
	// Vacancies and published candidate counts (issue 14); the page stands without them.
	const matching = await getSiteMatching(db, params.id).catch((err: unknown) => {
		console.error(`[atlas] matching for site ${params.id} could not be computed`, err);
		return null;
	});
	// Issue 15.4: enterprises that could supply the site's procurement lots (consent respected by role).
	const suppliers = await suppliersFor(db, params.id, locals.user?.role);
	return { ...page, matching, suppliers, basemap: { styleUrl: basemapStyleUrl, attribution: basemapAttribution } };
};
