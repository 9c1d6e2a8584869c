import { fail, redirect } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { ApiError } from '$lib/server/http/errors';
import { parseObject } from '$lib/server/http/body';
import { listPlaces } from '$lib/server/assets/queries';
import { createScenario, listScenarios, NEW_SCENARIO_SHAPE } from '$lib/server/scenarios';
import type { Actions, PageServerLoad } from './$types';

/** Planners' scenarios: every place's, newest change first. */
export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const [scenarios, places] = await Promise.all([listScenarios(db), listPlaces(db)]);
	return { scenarios, places: places.map((p) => ({ id: p.id, name: p.name })) };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const values = {
			place: String(form.get('place') ?? ''),
			name: String(form.get('name') ?? ''),
			description: String(form.get('description') ?? '')
		};
		let id: string;
		try {
			const input = parseObject({ place: values.place, name: values.name, ...(values.description.trim() ? { description: values.description } : {}) }, NEW_SCENARIO_SHAPE);
			const { db } = await getAppDatabase();
			id = (await createScenario(db, locals.user!.id, input)).id;
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { message: err.message, values });
			throw err;
		}
		redirect(303, `/scenarios/${id}`);
	}
};
