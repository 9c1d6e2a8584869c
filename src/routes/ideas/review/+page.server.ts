import { getAppDatabase } from '$lib/server/db/app';
import { attempt, orNull, typedValues } from '$lib/server/http/forms';
import { pageError } from '$lib/server/http/errors';
import { parseInput } from '$lib/server/http/validate';
import { isNetworkStaff, resolvePlace } from '$lib/server/network/directory';
import { IDEA_REVIEW, listIdeasForReview, reviewIdea } from '$lib/server/network/ideas';
import type { Actions, PageServerLoad } from './$types';

const actorOf = (user: App.Locals['user']) => ({ id: user!.id, name: user!.username, role: user!.role });

/** Reviewers (network staff, partners) moderate ideas: approve, reject, or pass to a support partner. */
export const load: PageServerLoad = async ({ url, locals }) => {
	try {
		const { db } = await getAppDatabase();
		const place = await resolvePlace(db, url.searchParams.get('place'));
		return { place, staff: isNetworkStaff(locals.user?.role), ideas: (await listIdeasForReview(db, actorOf(locals.user), place.id)).map((i) => ({ ...i, createdAt: i.createdAt.toISOString().slice(0, 10) })) };
	} catch (err) {
		pageError(err);
	}
};

export const actions: Actions = {
	review: async ({ request, locals }) => {
		const form = await request.formData();
		const values = typedValues(form, ['id', 'decision', 'supportPartner', 'note']);
		const outcome = await attempt(
			async () => {
				const { db } = await getAppDatabase();
				const input = parseInput(IDEA_REVIEW, { decision: values.decision, supportPartner: orNull(values.supportPartner!), note: orNull(values.note!) }, 'form');
				await reviewIdea(db, actorOf(locals.user), values.id!, input);
			},
			{ key: `review-${values.id}`, values, labels: { decision: 'The decision', supportPartner: 'The support partner', note: 'The note' } }
		);
		if (!outcome.ok) return outcome.failure;
		return { key: `review-${values.id}`, saved: true };
	}
};
