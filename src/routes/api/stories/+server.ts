import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { parseObject, readJsonBody } from '$lib/server/http/body';
import { ApiError, handleApi } from '$lib/server/http/errors';
import { createStory, listStories, NEW_STORY_SHAPE } from '$lib/server/stories/index';
import type { RequestHandler } from './$types';

/** GET /api/stories[?place=]: presentation stories, most recently changed first. */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const unknown = [...url.searchParams.keys()].filter((k) => k !== 'place');
		if (unknown.length) throw new ApiError('bad_request', `Unknown parameter: ${unknown.join(', ')}. Allowed: place.`);
		const { db } = await getAppDatabase();
		return json({ stories: await listStories(db, url.searchParams.get('place') ?? undefined) }, { headers: { 'Cache-Control': 'private, no-store' } });
	});

/** POST /api/stories {"place", "title", "description"?}. */
export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseObject(await readJsonBody(request), NEW_STORY_SHAPE);
		const { db } = await getAppDatabase();
		return json(await createStory(db, locals.user!.id, input), { status: 201 });
	});
