import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { parseInput } from '$lib/server/http/validate';
import { handleApi } from '$lib/server/http/errors';
import { removeView, updateView, VIEW_UPDATE } from '$lib/server/stories/index';
import type { RequestHandler } from './$types';

/** PATCH /api/stories/<id>/views/<viewId> {"title"?, "caption"?, "params"?, "position"?}: answers the whole story. */
export const PATCH: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const update = parseInput(VIEW_UPDATE, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await updateView(db, params.id, params.viewId, update));
	});

export const DELETE: RequestHandler = ({ params }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		return json(await removeView(db, params.id, params.viewId));
	});
