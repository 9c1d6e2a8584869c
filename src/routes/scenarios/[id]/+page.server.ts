import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '$lib/server/db/schema';
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

/** A form field's text, as sent. */
function field(form: FormData, name: string): string {
	return String(form.get(name) ?? '');
}

/**
 * One change to the scenario as a form action. `keyOf` says which form on the page it came from
 * (a page has one count form per opportunity), so a refusal is shown beside that form with what
 * the planner typed; `done` is what is shown when it worked.
 */
function change(keyOf: (form: FormData) => string, done: string, run: (db: Kysely<Database>, scenarioId: string, form: FormData) => Promise<unknown>) {
	return async ({ request, params }: RequestEvent<{ id: string }>) => {
		const form = await request.formData();
		const key = keyOf(form);
		try {
			const { db } = await getAppDatabase();
			await run(db, params.id, form);
			return { key, done };
		} catch (err) {
			return formFailure(err, { key, values: typedValues(form) });
		}
	};
}

export const actions = {
	rename: change(
		() => 'rename',
		'Saved.',
		(db, id, form) => updateScenario(db, id, parseInput(SCENARIO_UPDATE, { ...fields(form, ['name']), description: field(form, 'description').trim() || null }, 'form'))
	),
	delete: async ({ params }) => {
		const { db } = await getAppDatabase();
		try {
			await deleteScenario(db, params.id);
		} catch (err) {
			return formFailure(err, { key: 'delete' });
		}
		redirect(303, '/scenarios');
	},
	setCount: change(
		(form) => `count-${field(form, 'opportunity')}`,
		'Count changed.',
		(db, id, form) => updateOpportunity(db, id, field(form, 'opportunity'), parseInput(OPPORTUNITY_UPDATE, fields(form, ['count'], ['count']), 'form'))
	),
	removeOpportunity: change(
		(form) => `count-${field(form, 'opportunity')}`,
		'Removed.',
		(db, id, form) => removeOpportunity(db, id, field(form, 'opportunity'))
	),
	addOpportunity: change(
		(form) => `add-opportunity-${field(form, 'site')}`,
		'Opportunity added.',
		(db, id, form) => addOpportunity(db, id, parseInput(NEW_OPPORTUNITY, fields(form, ['site', 'skillGroup', 'kind', 'title', 'count'], ['count']), 'form'))
	),
	setStatus: change(
		(form) => `site-${field(form, 'site')}`,
		'Status changed.',
		(db, id, form) => updateSite(db, id, field(form, 'site'), parseInput(SITE_UPDATE, fields(form, ['status']), 'form'))
	),
	removeSite: change(
		(form) => `site-${field(form, 'site')}`,
		'Site removed.',
		(db, id, form) => removeSite(db, id, field(form, 'site'))
	),
	addSite: change(
		() => 'add-site',
		'Site added.',
		async (db, id, form) => {
			const { lon, lat, ...rest } = fields(form, ['name', 'kind', 'status', 'lon', 'lat'], ['lon', 'lat']);
			if (lon === undefined || lat === undefined) throw invalid('Click the map where the site goes, or type its longitude and latitude.');
			await addSite(db, id, parseInput(NEW_SITE, { ...rest, location: { lon, lat } }, 'form'));
		}
	)
} satisfies Actions;
