import { getAppDatabase } from '$lib/server/db/app';
import { getSuppressionOverview } from '$lib/server/published/layers';
import { listPlaces } from '$lib/server/assets/queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const { db } = await getAppDatabase();
	const places = await listPlaces(db);
	const placeId = url.searchParams.get('place') ?? places[0]?.id;
	const filter = url.searchParams.get('filter')?.trim() || undefined;
	const overview = placeId ? await getSuppressionOverview(db, placeId, filter) : undefined;
	return { places: places.map((p) => ({ id: p.id, name: p.name })), placeId, filter: filter ?? '', overview };
};
