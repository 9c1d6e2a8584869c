import { getAppDatabase } from '$lib/server/db/app';
import { pageError } from '$lib/server/http/errors';
import { getStory } from '$lib/server/stories';
import { viewQuery } from '$lib/domain/stories/view-params';
import { viewNumber } from '$lib/components/present/keys';
import type { PageServerLoad } from './$types';

/**
 * A story presented: `?view=<n>` (1-based) is the view on screen, so a reload or a shared link
 * opens the same view. Each view's map is the home map embedded with `present=1`.
 */
export const load: PageServerLoad = async ({ params, url }) => {
	const { db } = await getAppDatabase();
	const story = await getStory(db, params.id).catch(pageError);
	const views = story.viewsList.map((v) => ({
		id: v.id,
		title: v.title,
		caption: v.caption,
		url: v.url,
		embed: `/?${viewQuery({ ...v.params, present: '1' })}`
	}));
	return {
		story: { id: story.id, title: story.title },
		views,
		view: viewNumber(url.searchParams.get('view'), views.length)
	};
};
