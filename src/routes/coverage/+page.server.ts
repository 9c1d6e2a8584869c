import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { config } from '$lib/server/config';
import { pageError } from '$lib/server/http/errors';
import { notFound } from '$lib/server/errors';
import { intParam, oneOfParam, parseQuery, text } from '$lib/server/http/validate';
import { listPlaces } from '$lib/server/assets/queries';
import { areaCoverage, responseCoverage } from '$lib/server/restricted/responses/coverage';
import { DEFAULT_RATE_THRESHOLD_PER_1000 } from '$lib/domain/coverage/area-coverage';
import { REFERENCE_AREA_TYPES } from '$lib/domain/vocabulary';
import type { PageServerLoad } from './$types';

const QUERY = v.strictObject({
	place: v.optional(text(63)),
	/** The area type to read coverage on (default: LSOAs where they have populations). */
	areas: v.optional(oneOfParam(REFERENCE_AREA_TYPES)),
	/** Under-surveyed below this many published responses per 1,000 residents. */
	below: v.optional(intParam(1, 100))
});

/**
 * Published questionnaire counts only (k threshold, rounding, suppression): per reference area
 * against its population where a place has areas with population figures, otherwise per hexagon.
 * Never both at once: two partitions of the same responses published side by side could be
 * differenced into counts finer than either.
 */
export const load: PageServerLoad = async ({ url }) => {
	let query: v.InferOutput<typeof QUERY>;
	try {
		query = parseQuery(url, QUERY, { declaredOnly: true });
	} catch (err) {
		pageError(err);
	}
	const { db } = await getAppDatabase();
	const places = await listPlaces(db);
	const place = places.find((p) => p.id === query.place) ?? (query.place ? undefined : places[0]);
	if (!place) {
		if (query.place) pageError(notFound(`There is no place "${query.place}".`));
		return { places: [], coverage: null, areas: null };
	}
	try {
		const cfg = config();
		const settings = { k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase };
		const areas = await areaCoverage(db, place.id, { ...settings, areaType: query.areas, rateThresholdPer1000: query.below ?? DEFAULT_RATE_THRESHOLD_PER_1000 });
		return {
			places: places.map((p) => ({ id: p.id, name: p.name })),
			placeId: place.id,
			areas: areas ? { ...areas, bbox: place.bbox } : null,
			coverage: areas ? null : await responseCoverage(db, place.id, settings),
			basemap: { styleUrl: cfg.basemapStyleUrl, attribution: cfg.basemapAttribution }
		};
	} catch (err) {
		pageError(err);
	}
};
