import { redirect } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { pageError } from '$lib/server/http/errors';
import { notFound } from '$lib/server/errors';
import { attempt, FormProblem, orNull, typedValues } from '$lib/server/http/forms';
import { parseInput } from '$lib/server/http/validate';
import { getPlace } from '$lib/server/assets/queries';
import {
	addDifferenceView,
	addView,
	deleteStory,
	getStory,
	NEW_VIEW,
	removeView,
	setStoryBreaks,
	STORY_UPDATE,
	updateStory,
	updateView,
	VIEW_UPDATE
} from '$lib/server/stories';
import { mapLinkFromAddParam, mapLinkParams } from '$lib/domain/stories/map-link';
import { breaksFromText } from '$lib/domain/stories/class-breaks';
import type { Actions, PageServerLoad } from './$types';

/** The story builder. `?add=<map query>` prefills "Add a view" (the map's "Add this view to a story"). */
export const load: PageServerLoad = async ({ params, url }) => {
	const { db } = await getAppDatabase();
	const story = await getStory(db, params.id).catch(pageError);
	const place = await getPlace(db, story.placeId);
	const add = url.searchParams.get('add');
	return {
		story,
		placeName: place?.name ?? story.placeId,
		addLink: add === null ? null : mapLinkFromAddParam(add, url.origin)
	};
};

const STORY_LABELS = { title: 'The title', description: 'The description' };
const VIEW_LABELS = { title: 'The title', caption: 'The caption', params: 'The map link', position: 'The position' };

/** The map link field, read into view parameters or refused beside the field. */
function linkParams(link: string, origin: string) {
	const read = mapLinkParams(link, origin);
	if (read.problem !== undefined) throw new FormProblem('link', read.problem);
	return read.params;
}

export const actions: Actions = {
	save: async ({ request, params }) => {
		const values = typedValues(await request.formData(), ['title', 'description']);
		const outcome = await attempt(async () => {
			const { db } = await getAppDatabase();
			await updateStory(db, params.id, parseInput(STORY_UPDATE, { title: values.title, description: orNull(values.description!) }, 'form'));
		}, { key: 'save', values, labels: STORY_LABELS });
		return outcome.ok ? { key: 'save', done: 'Saved.' } : outcome.failure;
	},

	delete: async ({ params }) => {
		const outcome = await attempt(async () => {
			const { db } = await getAppDatabase();
			await deleteStory(db, params.id);
		}, { key: 'delete', values: {}, labels: {} });
		if (!outcome.ok) return outcome.failure;
		redirect(303, '/stories');
	},

	addView: async ({ request, params, url }) => {
		const values = typedValues(await request.formData(), ['link', 'title', 'caption']);
		const outcome = await attempt(async () => {
			const input = parseInput(NEW_VIEW, { title: values.title, caption: orNull(values.caption!), params: linkParams(values.link!, url.origin) }, 'form');
			const { db } = await getAppDatabase();
			await addView(db, params.id, input);
		}, { key: 'add', values, labels: VIEW_LABELS });
		return outcome.ok ? { key: 'add', done: 'View added.' } : outcome.failure;
	},

	editView: async ({ request, params, url }) => {
		const form = await request.formData();
		const view = String(form.get('view') ?? '');
		const values = typedValues(form, ['link', 'title', 'caption']);
		const outcome = await attempt(async () => {
			const update = parseInput(VIEW_UPDATE, { title: values.title, caption: orNull(values.caption!), params: linkParams(values.link!, url.origin) }, 'form');
			const { db } = await getAppDatabase();
			await updateView(db, params.id, view, update);
		}, { key: `edit-${view}`, values, labels: VIEW_LABELS });
		return outcome.ok ? { key: `edit-${view}`, done: 'View saved.' } : outcome.failure;
	},

	moveView: async ({ request, params }) => {
		const form = await request.formData();
		const view = String(form.get('view') ?? '');
		const position = Number(form.get('position'));
		const outcome = await attempt(async () => {
			const { db } = await getAppDatabase();
			// The title goes along unchanged: updateView cannot yet take a position on its own
			// (it would run an UPDATE with nothing to set).
			const current = (await getStory(db, params.id)).viewsList.find((v) => v.id === view);
			if (!current) throw notFound('That view is no longer in this story.');
			await updateView(db, params.id, view, parseInput(VIEW_UPDATE, { title: current.title, position }, 'form'));
		}, { key: `view-${view}`, values: {}, labels: VIEW_LABELS });
		return outcome.ok ? { key: `view-${view}`, done: 'Moved.' } : outcome.failure;
	},

	/** The story's colour classes: the planner's breaks, or derived again from the baseline. */
	setBreaks: async ({ request, params }) => {
		const form = await request.formData();
		const values = typedValues(form, ['breaks']);
		const outcome = await attempt(async () => {
			const { db } = await getAppDatabase();
			if (form.get('derive') !== null) {
				await setStoryBreaks(db, params.id, 'baseline');
				return;
			}
			const read = breaksFromText(values.breaks ?? '');
			if ('problem' in read) throw new FormProblem('breaks', read.problem);
			await setStoryBreaks(db, params.id, read.breaks);
		}, { key: 'breaks', values, labels: { breaks: 'The class breaks' } });
		return outcome.ok ? { key: 'breaks', done: 'Colour classes saved: every score view uses them.' } : outcome.failure;
	},

	addDifference: async ({ request, params }) => {
		const view = String((await request.formData()).get('view') ?? '');
		const outcome = await attempt(async () => {
			const { db } = await getAppDatabase();
			await addDifferenceView(db, params.id, view);
		}, { key: `view-${view}`, values: {}, labels: VIEW_LABELS });
		return outcome.ok ? { key: `view-${view}`, done: 'Difference map added after this view.' } : outcome.failure;
	},

	removeView: async ({ request, params }) => {
		const view = String((await request.formData()).get('view') ?? '');
		const outcome = await attempt(async () => {
			const { db } = await getAppDatabase();
			await removeView(db, params.id, view);
		}, { key: `view-${view}`, values: {}, labels: VIEW_LABELS });
		return outcome.ok ? { key: 'removed', done: 'View removed.' } : outcome.failure;
	}
};
