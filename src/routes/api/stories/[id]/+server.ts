import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { NO_PARAMETERS, parseInput, parseQuery } from '$lib/server/http/validate';
import { handleApi } from '$lib/server/http/errors';
import { deleteStory, getStory, STORY_UPDATE, updateStory } from '$lib/server/stories/index';
import type { RequestHandler } from './$types';

/** GET /api/stories/<id>: the story with its views in order, each with the URL that restores it. */
export const GET: RequestHandler = ({ url, params }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		return json(await getStory(db, params.id), { headers: { 'Cache-Control': 'private, no-store' } });
	});

export const PATCH: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const update = parseInput(STORY_UPDATE, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await updateStory(db, params.id, update));
	});

export const DELETE: RequestHandler = ({ params }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		await deleteStory(db, params.id);
		return new Response(null, { status: 204 });
	});
