import { fail, type ActionFailure } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { attempt, orNull, typedValues, type FormFailure } from '$lib/server/http/forms';
import { pageError } from '$lib/server/http/errors';
import { parseInput } from '$lib/server/http/validate';
import { resolvePlace } from '$lib/server/network/directory';
import { IDEA_INPUT, listPublicIdeas, submitIdea } from '$lib/server/network/ideas';
import { IDEA_RATE_LIMIT } from '$lib/domain/network/rules';
import { m } from '$lib/paraglide/messages';
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

/**
 * What the person is told, in the page's language and plain words, for each refusal the form can
 * meet (the API keeps its own English wording for the same rules). A refusal this does not know is
 * shown as the server worded it.
 */
function problemText(field: string, english: string): string {
	if (/in the last hour/.test(english)) return m.ideas_error_rate({ count: IDEA_RATE_LIMIT });
	if (/NUL character|valid Unicode/.test(english)) return m.ideas_error_text();
	const tooLong = /at most (\d+) characters/.exec(english);
	if (tooLong) return m.ideas_error_too_long({ max: tooLong[1]! });
	if (/non-empty string/.test(english) && field === 'title') return m.ideas_error_title_required();
	if (/non-empty string/.test(english) && field === 'description') return m.ideas_error_description_required();
	if (/must be one of/.test(english) && field === 'consortium') return m.ideas_error_area();
	return english;
}

function inPageLanguage(failure: ActionFailure<FormFailure>): ActionFailure<FormFailure> {
	const errors = Object.fromEntries(Object.entries(failure.data.errors).map(([field, message]) => [field, problemText(field, message)]));
	return fail(failure.status, { ...failure.data, message: errors.form ?? failure.data.message, errors });
}

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
		if (!outcome.ok) return inPageLanguage(outcome.failure);
		return { key: 'submit', statusPath: `/ideas/status/${outcome.result.token}` };
	}
};
