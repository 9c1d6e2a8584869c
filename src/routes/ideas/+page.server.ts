import { getAppDatabase } from '$lib/server/db/app';
import { attempt, orNull, typedValues } from '$lib/server/http/forms';
import { pageError } from '$lib/server/http/errors';
import { parseInput } from '$lib/server/http/validate';
import { resolvePlace } from '$lib/server/network/directory';
import { IDEA_INPUT, listPublicIdeas, submitIdea } from '$lib/server/network/ideas';
import type { Actions, PageServerLoad } from './$types';

/** The ideas board: approved ideas, and a form anyone may use (no account) to send one. */
export const load: PageServerLoad = async ({ url }) => {
	try {
		const { db } = await getAppDatabase();
		const place = await resolvePlace(db, url.searchParams.get('place'));
		return { place, ideas: await listPublicIdeas(db, place.id) };
	} catch (err) {
		pageError(err);
	}
};

const LABELS = { title: 'The title', description: 'The description', consortium: 'The area', contact: 'The contact' };

export const actions: Actions = {
	submit: async ({ request, getClientAddress, url }) => {
		const form = await request.formData();
		const values = typedValues(form, ['title', 'description', 'consortium', 'contact', 'website']);
		const outcome = await attempt(
			async () => {
				const { db } = await getAppDatabase();
				const place = await resolvePlace(db, url.searchParams.get('place'));
				const input = parseInput(
					IDEA_INPUT,
					{ title: values.title, description: values.description, consortium: orNull(values.consortium!), contact: orNull(values.contact!), website: values.website },
					'form'
				);
				return submitIdea(db, place.id, input, getClientAddress());
			},
			{ key: 'submit', values, labels: LABELS }
		);
		if (!outcome.ok) return outcome.failure;
		return { key: 'submit', statusPath: `/ideas/status/${outcome.result.token}` };
	}
};
