import { fail, redirect } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { toApiError } from '$lib/server/http/errors';
import { listCommunityHubs, listPlaces } from '$lib/server/assets/queries';
import { config } from '$lib/server/config';
import { plannerRequest, plannerStart, plannerValues, type PlannerValues } from '$lib/server/outreach/forms';
import { listSavedRoutes, planOutreach, saveRoute, suggestHubs } from '$lib/server/outreach/service';
import { findWalkNetwork } from '$lib/server/walking/queries';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = await getAppDatabase();
	const places = await listPlaces(db);
	const place = places.find((p) => p.id === url.searchParams.get('place')) ?? places[0];
	const [hubs, routes, network] = await Promise.all([
		place ? listCommunityHubs(db, place.id) : [],
		listSavedRoutes(db, locals.user!),
		place ? findWalkNetwork(db, place.id) : undefined
	]);
	return {
		places: places.map((p) => ({ id: p.id, name: p.name })),
		place: place ? { id: place.id, name: place.name, bbox: place.bbox } : null,
		hubs: hubs.map((hub) => ({ id: hub.id, name: hub.name, hubType: hub.hubType, address: hub.address, lon: hub.geometry.coordinates[0]!, lat: hub.geometry.coordinates[1]! })),
		routes,
		hasWalkingNetwork: network !== undefined,
		basemap: { styleUrl: config().basemapStyleUrl, attribution: config().basemapAttribution },
		scope: locals.user!.role === 'administrator' ? ('all' as const) : ('own' as const)
	};
};

/** A refusal from the service as the form's failure, with what was typed kept. */
function refused(err: unknown, values: PlannerValues) {
	if (!(err instanceof DomainError)) throw err;
	return fail(toApiError(err).status, { message: err.message, fields: err.fields.map((f) => ({ ...f })), values });
}

async function formContext(request: Request) {
	const values = plannerValues(await request.formData());
	const { db } = await getAppDatabase();
	return { values, db, hubs: await listCommunityHubs(db, values.place) };
}

export const actions: Actions = {
	plan: async ({ request }) => {
		const { values, db, hubs } = await formContext(request);
		try {
			const input = plannerRequest(values, hubs, 'plan');
			const plan = await planOutreach(db, input);
			const address = new Map(hubs.map((hub) => [hub.id, hub.address]));
			return { values, plan, stops: input.stops.map((stop) => ({ id: stop.id, label: stop.label ?? stop.id, lon: stop.lon, lat: stop.lat, address: address.get(stop.id) ?? null })), start: input.start ?? null };
		} catch (err) {
			return refused(err, values);
		}
	},
	save: async ({ request, locals }) => {
		const { values, db, hubs } = await formContext(request);
		let id: string;
		try {
			if (!values.name) return fail(422, { message: 'Give the route a name to save it.', fields: [{ field: 'name', message: 'is required to save' }], values });
			id = (await saveRoute(db, locals.user!, plannerRequest(values, hubs, 'save'))).id;
		} catch (err) {
			return refused(err, values);
		}
		redirect(303, `/outreach/${id}`);
	},
	suggest: async ({ request }) => {
		const { values, db, hubs } = await formContext(request);
		try {
			const start = plannerStart(values, hubs);
			if (!start) return fail(422, { message: 'Choose a start (a hub or a position) to get suggestions near it.', fields: [{ field: 'start', message: 'is needed for suggestions' }], values });
			const suggested = await suggestHubs(db, values.place, start, 6);
			return { values: { ...values, hubs: [...new Set([...values.hubs, ...suggested.map((hub) => hub.id)])] }, suggested: suggested.map((hub) => hub.id) };
		} catch (err) {
			return refused(err, values);
		}
	}
};
