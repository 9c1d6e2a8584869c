import { getAppDatabase } from '$lib/server/db/app';
import { pageError } from '$lib/server/http/errors';
import { parseQuery } from '$lib/server/http/validate';
import { FINANCE_CATCHMENT_METRES, financeSummary } from '$lib/server/finance/service';
import { SUMMARY_QUERY } from '$lib/server/finance/http';
import { getPlace } from '$lib/server/assets/queries';
import { config } from '$lib/server/config';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const { db } = await getAppDatabase();
	try {
		const { place } = parseQuery(url, SUMMARY_QUERY, { declaredOnly: true });
		const [summary, placeRow] = await Promise.all([financeSummary(db, place), getPlace(db, place)]);
		return {
			summary,
			placeName: placeRow?.name ?? place,
			// The notes are written on the page in the reader's language, from the same numbers.
			catchmentMetres: FINANCE_CATCHMENT_METRES,
			bbox: placeRow?.bbox ?? null,
			basemap: { styleUrl: config().basemapStyleUrl, attribution: config().basemapAttribution },
			canRecord: locals.user?.role === 'network' || locals.user?.role === 'administrator'
		};
	} catch (err) {
		pageError(err);
	}
};
