import { redirect } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { attempt, typedValues } from '$lib/server/http/forms';
import { parseInput } from '$lib/server/http/validate';
import { listPlaces } from '$lib/server/assets/queries';
import { createScenario, listScenarios, NEW_SCENARIO } from '$lib/server/scenarios';
import type { Actions, PageServerLoad } from './$types';

/** Planners' scenarios: every place's, newest change first. */
export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const [scenarios, places] = await Promise.all([listScenarios(db), listPlaces(db)]);
	return { scenarios, places: places.map((p) => ({ id: p.id, name: p.name })) };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const values = typedValues(await request.formData(), ['place', 'name', 'description']);
		const outcome = await attempt(
			async () => {
				const input = parseInput(NEW_SCENARIO, { place: values.place, name: values.name, ...(values.description!.trim() ? { description: values.description } : {}) }, 'form');
				const { db } = await getAppDatabase();
				return createScenario(db, locals.user!.id, input);
			},
			{ key: 'create', values }
		);
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/scenarios/${outcome.result.id}`);
	}
};
