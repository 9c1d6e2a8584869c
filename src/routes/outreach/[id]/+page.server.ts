import { error, fail, redirect } from '@sveltejs/kit';
import { getPlace } from '$lib/server/assets/queries';
import { config } from '$lib/server/config';
import { getAppDatabase } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { toApiError } from '$lib/server/http/errors';
import { getRoute, parseRequest, recordVisit, removeRoute, VISIT_REQUEST } from '$lib/server/outreach/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db } = await getAppDatabase();
	try {
		const route = await getRoute(db, locals.user!, params.id);
		const place = await getPlace(db, route.place);
		return { route, bbox: place?.bbox ?? null, basemap: { styleUrl: config().basemapStyleUrl, attribution: config().basemapAttribution } };
	} catch (err) {
		// Another researcher's route answers as a missing one (see the service).
		if (err instanceof DomainError && err.kind === 'not_found') error(404, { code: 'not_found', message: err.message });
		throw err;
	}
};

export const actions: Actions = {
	visit: async ({ request, locals, params }) => {
		const form = await request.formData();
		const stopId = String(form.get('stopId') ?? '');
		const whole = (name: string) => {
			const raw = String(form.get(name) ?? '').trim();
			return raw === '' ? 0 : Number(raw);
		};
		try {
			const visit = parseRequest(VISIT_REQUEST, {
				visited: form.get('visited') === 'on',
				peopleReached: whole('peopleReached'),
				questionnaires: whole('questionnaires'),
				notes: String(form.get('notes') ?? '').trim() || null
			});
			const { db } = await getAppDatabase();
			return { saved: stopId, outcome: await recordVisit(db, locals.user!, params.id, stopId, visit) };
		} catch (err) {
			if (err instanceof DomainError) return fail(toApiError(err).status, { stopId, message: err.message });
			throw err;
		}
	},
	delete: async ({ locals, params }) => {
		const { db } = await getAppDatabase();
		try {
			await removeRoute(db, locals.user!, params.id);
		} catch (err) {
			if (err instanceof DomainError) return fail(toApiError(err).status, { stopId: '', message: err.message });
			throw err;
		}
		redirect(303, '/outreach');
	}
};
