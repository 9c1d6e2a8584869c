import { redirect } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { attempt, typedValues } from '$lib/server/http/forms';
import { pageError } from '$lib/server/http/errors';
import { parseInput } from '$lib/server/http/validate';
import { ENTERPRISE_INPUT, createEnterprise, resolvePlace } from '$lib/server/network/directory';
import { ENTERPRISE_FIELDS, ENTERPRISE_LABELS, enterpriseFromForm } from '$lib/server/network/forms';
import type { Actions, PageServerLoad } from './$types';

/** Network staff add an enterprise (private until its consent is recorded). */
export const load: PageServerLoad = async ({ url }) => {
	try {
		const { db } = await getAppDatabase();
		return { place: await resolvePlace(db, url.searchParams.get('place')) };
	} catch (err) {
		pageError(err);
	}
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const values = typedValues(form, [...ENTERPRISE_FIELDS, 'place']);
		const outcome = await attempt(
			async () => {
				const { db } = await getAppDatabase();
				const place = await resolvePlace(db, values.place || null);
				const input = parseInput(ENTERPRISE_INPUT, enterpriseFromForm(values), 'form');
				return createEnterprise(db, locals.user!.id, place.id, input);
			},
			{ key: 'create', values, labels: ENTERPRISE_LABELS }
		);
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/enterprises/${outcome.result}?saved=1`);
	}
};
