import { error, redirect } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { config } from '$lib/server/config';
import { pageError } from '$lib/server/http/errors';
import { invalid } from '$lib/server/errors';
import { formFailure, typedValues } from '$lib/server/http/forms';
import { parseInput } from '$lib/server/http/validate';
import { getPlace, listSkillGroups } from '$lib/server/assets/queries';
import {
	addOpportunity,
	addSite,
	deleteScenario,
	getScenario,
	NEW_OPPORTUNITY,
	NEW_SITE,
	OPPORTUNITY_UPDATE,
	removeOpportunity,
	removeSite,
	SCENARIO_UPDATE,
	SITE_UPDATE,
	updateOpportunity,
	updateScenario,
	updateSite
} from '$lib/server/scenarios';
import { MACRO_ASSET_KINDS, MACRO_ASSET_STATUSES, OPPORTUNITY_KINDS } from '$lib/domain/vocabulary';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { db } = await getAppDatabase();
	const scenario = await getScenario(db, params.id).catch(pageError);
	const [place, skillGroups] = await Promise.all([getPlace(db, scenario.placeId), listSkillGroups(db)]);
	if (!place) error(404, { code: 'not_found', message: `The scenario's place "${scenario.placeId}" no longer exists.` });
	const { basemapStyleUrl, basemapAttribution } = config();
	return {
		scenario,
		place: { id: place.id, name: place.name, bbox: place.bbox, boundary: place.boundary },
		skillGroups: skillGroups.map((g) => ({ id: g.id, name: g.name })),
		basemap: { styleUrl: basemapStyleUrl, attribution: basemapAttribution },
		vocabulary: { siteKinds: MACRO_ASSET_KINDS, siteStatuses: MACRO_ASSET_STATUSES, opportunityKinds: OPPORTUNITY_KINDS }
	};
};

/** Form text to what the scenario service's JSON shapes expect: blank fields left out, numbers as numbers. */
function fields(form: FormData, names: readonly string[], numbers: readonly string[] = []): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const name of names) {
		const raw = String(form.get(name) ?? '').trim();
		if (raw === '') continue;
		out[name] = numbers.includes(name) ? (/^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw) : raw;
	}
	return out;
}

/**
 * Runs one change. `key` says which form on the page it came from (a page has one count form per
 * opportunity), so a refusal is shown beside that form with what the planner typed.
 */
async function change(form: FormData, key: string, run: () => Promise<unknown>, done: string) {
	try {
		await run();
		return { key, done };
	} catch (err) {
		return formFailure(err, { key, values: typedValues(form) });
	}
}

export const actions: Actions = {
	rename: async ({ request, params }) => {
		const form = await request.formData();
		return change(
			form,
			'rename',
			async () => {
				const body: Record<string, unknown> = fields(form, ['name']);
				body.description = String(form.get('description') ?? '').trim() || null;
				const { db } = await getAppDatabase();
				await updateScenario(db, params.id, parseInput(SCENARIO_UPDATE, body, 'form'));
			},
			'Saved.'
		);
	},
	delete: async ({ params }) => {
		const { db } = await getAppDatabase();
		try {
			await deleteScenario(db, params.id);
		} catch (err) {
			return formFailure(err, { key: 'delete' });
		}
		redirect(303, '/scenarios');
	},
	setCount: async ({ request, params }) => {
		const form = await request.formData();
		const id = String(form.get('opportunity') ?? '');
		return change(
			form,
			`count-${id}`,
			async () => {
				const { db } = await getAppDatabase();
				await updateOpportunity(db, params.id, id, parseInput(OPPORTUNITY_UPDATE, fields(form, ['count'], ['count']), 'form'));
			},
			'Count changed.'
		);
	},
	removeOpportunity: async ({ request, params }) => {
		const form = await request.formData();
		const id = String(form.get('opportunity') ?? '');
		return change(
			form,
			`count-${id}`,
			async () => {
				const { db } = await getAppDatabase();
				await removeOpportunity(db, params.id, id);
			},
			'Removed.'
		);
	},
	addOpportunity: async ({ request, params }) => {
		const form = await request.formData();
		return change(
			form,
			`add-opportunity-${String(form.get('site') ?? '')}`,
			async () => {
				const { db } = await getAppDatabase();
				await addOpportunity(db, params.id, parseInput(NEW_OPPORTUNITY, fields(form, ['site', 'skillGroup', 'kind', 'title', 'count'], ['count']), 'form'));
			},
			'Opportunity added.'
		);
	},
	setStatus: async ({ request, params }) => {
		const form = await request.formData();
		const site = String(form.get('site') ?? '');
		return change(
			form,
			`site-${site}`,
			async () => {
				const { db } = await getAppDatabase();
				await updateSite(db, params.id, site, parseInput(SITE_UPDATE, fields(form, ['status']), 'form'));
			},
			'Status changed.'
		);
	},
	removeSite: async ({ request, params }) => {
		const form = await request.formData();
		const site = String(form.get('site') ?? '');
		return change(
			form,
			`site-${site}`,
			async () => {
				const { db } = await getAppDatabase();
				await removeSite(db, params.id, site);
			},
			'Site removed.'
		);
	},
	addSite: async ({ request, params }) => {
		const form = await request.formData();
		return change(
			form,
			'add-site',
			async () => {
				const { lon, lat, ...rest } = fields(form, ['name', 'kind', 'status', 'lon', 'lat'], ['lon', 'lat']);
				if (lon === undefined || lat === undefined) throw invalid('Click the map where the site goes, or type its longitude and latitude.');
				const { db } = await getAppDatabase();
				await addSite(db, params.id, parseInput(NEW_SITE, { ...rest, location: { lon, lat } }, 'form'));
			},
			'Site added.'
		);
	}
};
