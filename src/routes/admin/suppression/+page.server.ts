import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { getSuppressionOverview } from '$lib/server/published/layers';
import { listPlaces } from '$lib/server/assets/queries';
import { pageError } from '$lib/server/http/errors';
import { parseQuery } from '$lib/server/http/validate';
import type { PageServerLoad } from './$types';

/** ?place= (the first place otherwise) and ?filter=<skill>/<readiness> (blank: every layer). */
const QUERY = v.strictObject({
	place: v.optional(v.pipe(v.string(), v.maxLength(63, 'must be at most 63 characters'))),
	filter: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, 'must be at most 200 characters')), '')
});

export const load: PageServerLoad = async ({ url }) => {
	const { db } = await getAppDatabase();
	let query: v.InferOutput<typeof QUERY>;
	try {
		query = parseQuery(url, QUERY, { declaredOnly: true });
	} catch (err) {
		pageError(err);
	}
	const places = await listPlaces(db);
	const placeId = query.place ?? places[0]?.id;
	const filter = query.filter || undefined;
	const overview = placeId ? await getSuppressionOverview(db, placeId, filter) : undefined;
	return { places: places.map((p) => ({ id: p.id, name: p.name })), placeId, filter: filter ?? '', overview };
};
