import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { parseInput, parseQuery, text } from '$lib/server/http/validate';
import * as v from 'valibot';
import { handleApi } from '$lib/server/http/errors';
import { createStory, listStories, NEW_STORY } from '$lib/server/stories/index';
import type { RequestHandler } from './$types';

const PLACE_QUERY = v.strictObject({ place: v.optional(text(63)) });

/** GET /api/stories[?place=]: presentation stories, most recently changed first. */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const { place } = parseQuery(url, PLACE_QUERY);
		const { db } = await getAppDatabase();
		return json({ stories: await listStories(db, place) }, { headers: { 'Cache-Control': 'private, no-store' } });
	});

/** POST /api/stories {"place", "title", "description"?}. */
export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseInput(NEW_STORY, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await createStory(db, locals.user!.id, input), { status: 201 });
	});
