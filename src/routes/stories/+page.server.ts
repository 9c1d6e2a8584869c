import { error, redirect } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { attempt, orNull, typedValues } from '$lib/server/http/forms';
import { parseInput } from '$lib/server/http/validate';
import { listPlaces } from '$lib/server/assets/queries';
import { createStory, listStories, NEW_STORY } from '$lib/server/stories';
import type { Actions, PageServerLoad } from './$types';

/**
 * A place's presentation stories, newest change first. `?place=` picks the place (the first by
 * name otherwise); `?add=<map query>` comes from the map's "Add this view to a story" and is
 * passed on to the story the planner picks (or creates).
 */
export const load: PageServerLoad = async ({ url }) => {
	const { db } = await getAppDatabase();
	const places = (await listPlaces(db)).map((p) => ({ id: p.id, name: p.name }));
	const requested = url.searchParams.get('place');
	const place = requested === null ? places[0] : places.find((p) => p.id === requested);
	if (requested !== null && !place) error(404, { code: 'not_found', message: `There is no place with id "${requested}".` });
	return {
		places,
		place: place ?? null,
		stories: place ? await listStories(db, place.id) : [],
		add: url.searchParams.get('add')
	};
};

const LABELS = { title: 'The title', description: 'The description', place: 'The place' };

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const values = typedValues(form, ['place', 'title', 'description', 'add']);
		const outcome = await attempt(
			async () => {
				const input = parseInput(NEW_STORY, { place: values.place, title: values.title, description: orNull(values.description!) }, 'form');
				const { db } = await getAppDatabase();
				return createStory(db, locals.user!.id, input);
			},
			{ key: 'create', values, labels: LABELS }
		);
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/stories/${outcome.result.id}${values.add ? `?add=${encodeURIComponent(values.add)}` : ''}`);
	}
};
