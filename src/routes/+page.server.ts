import { error } from '@sveltejs/kit';
import { macroAssetCollection } from '$lib/server/assets/collection';
import { getPlace, listPlaces, listReferenceAreaTypes, listSkillGroups } from '$lib/server/assets/queries';
import { config } from '$lib/server/config';
import { PLANNING_ROLES } from '$lib/server/auth/policy';
import { listScenarios } from '$lib/server/scenarios';
import { getAppDatabase } from '$lib/server/db/app';
import { findWalkNetwork } from '$lib/server/walking/queries';
import type { PageServerLoad } from './$types';

/**
 * The map of one place and its sites. `?place=` picks a place (the first by name otherwise) and
 * `?site=` selects a site, so that a selection can be shared and works without JavaScript.
 */
export const load: PageServerLoad = async ({ url, locals }) => {
	const { db } = await getAppDatabase();
	const { basemapStyleUrl, basemapAttribution } = config();
	const basemap = { styleUrl: basemapStyleUrl, attribution: basemapAttribution };

	const places = await listPlaces(db);
	const requested = url.searchParams.get('place');
	const summary = requested === null ? places[0] : places.find((p) => p.id === requested);
	if (requested !== null && !summary) {
		error(404, { code: 'not_found', message: `There is no place with id "${requested}".` });
	}
	if (!summary) return { place: null, sites: null, selectedSiteId: null, basemap, places: [], skillGroups: [], scenarios: [], areaTypes: [], hasStreets: false };

	// Scenarios are planners' drafts: only their names reach the page, and only for planners.
	const mayPlan = !!locals.user && PLANNING_ROLES.includes(locals.user.role);
	const [place, sites, skillGroups, scenarios, areaTypes, walkNetwork] = await Promise.all([
		getPlace(db, summary.id),
		macroAssetCollection(db, summary.id),
		listSkillGroups(db),
		mayPlan ? listScenarios(db, summary.id) : Promise.resolve([]),
		listReferenceAreaTypes(db),
		findWalkNetwork(db, summary.id)
	]);
	if (!place || !sites) error(404, { code: 'not_found', message: `Place "${summary.id}" was removed while loading.` });

	const wanted = url.searchParams.get('site');
	const selectedSiteId = sites.features.some((f) => f.properties.id === wanted) ? wanted : null;
	return {
		place: { id: place.id, name: place.name, description: place.description, bbox: place.bbox, boundary: place.boundary },
		sites,
		selectedSiteId,
		basemap,
		places: places.map((p) => ({ id: p.id, name: p.name })),
		skillGroups: skillGroups.map((g) => ({ id: g.id, name: g.name })),
		scenarios: scenarios.map((s) => ({ id: s.id, name: s.name })),
		areaTypes,
		hasStreets: walkNetwork !== undefined
	};
};
