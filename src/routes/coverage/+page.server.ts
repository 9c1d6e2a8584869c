import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { config } from '$lib/server/config';
import { pageError } from '$lib/server/http/errors';
import { parseQuery, text } from '$lib/server/http/validate';
import { listPlaces } from '$lib/server/assets/queries';
import { responseCoverage } from '$lib/server/restricted/responses/coverage';
import type { PageServerLoad } from './$types';

const QUERY = v.strictObject({ place: v.optional(text(63)) });

/** Published questionnaire counts per area (k threshold, rounding, suppression): nothing person-level. */
export const load: PageServerLoad = async ({ url }) => {
	let query: v.InferOutput<typeof QUERY>;
	try {
		query = parseQuery(url, QUERY, { declaredOnly: true });
	} catch (err) {
		pageError(err);
	}
	const { db } = await getAppDatabase();
	const places = await listPlaces(db);
	const placeId = query.place ?? places[0]?.id;
	if (!placeId) return { places: [], coverage: null };
	try {
		const cfg = config();
		const coverage = await responseCoverage(db, placeId, { k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase });
		return { places: places.map((p) => ({ id: p.id, name: p.name })), coverage };
	} catch (err) {
		pageError(err);
	}
};
