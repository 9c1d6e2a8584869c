import { config } from '$lib/server/config';
import { getAppDatabase } from '$lib/server/db/app';
import { pageError } from '$lib/server/http/errors';
import { parseQuery } from '$lib/server/http/validate';
import { DIRECTORY_QUERY, directoryFeatures, isNetworkStaff, listDirectory, resolvePlace } from '$lib/server/network/directory';
import type { PageServerLoad } from './$types';

/**
 * The social enterprise directory: searchable by words, consortium and stage. The public sees
 * enterprises that consented to be published; network staff and administrators see all of them.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	try {
		const { db } = await getAppDatabase();
		const query = parseQuery(url, DIRECTORY_QUERY, { declaredOnly: true });
		const place = await resolvePlace(db, query.place);
		const page = await listDirectory(db, { ...query, place: place.id, limit: query.limit ?? 200 }, locals.user?.role);
		const { basemapStyleUrl, basemapAttribution } = config();
		return {
			place,
			page,
			query: { q: query.q ?? '', consortium: query.consortium ?? '', stage: query.stage ?? '' },
			features: directoryFeatures(page.items),
			staff: isNetworkStaff(locals.user?.role),
			basemap: { styleUrl: basemapStyleUrl, attribution: basemapAttribution }
		};
	} catch (err) {
		pageError(err);
	}
};
