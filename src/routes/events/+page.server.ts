import { getAppDatabase } from '$lib/server/db/app';
import { pageError } from '$lib/server/http/errors';
import { resolvePlace } from '$lib/server/network/directory';
import { upcomingEvents } from '$lib/server/network/support';
import type { PageServerLoad } from './$types';

/** The network's upcoming events (meet-ups, pop-up markets, workshops), soonest first. */
export const load: PageServerLoad = async ({ url }) => {
	try {
		const { db } = await getAppDatabase();
		const place = await resolvePlace(db, url.searchParams.get('place'));
		return { place, events: await upcomingEvents(db, place.id) };
	} catch (err) {
		pageError(err);
	}
};
