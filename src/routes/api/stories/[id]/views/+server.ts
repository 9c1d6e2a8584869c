import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { parseObject, readJsonBody } from '$lib/server/http/body';
import { handleApi } from '$lib/server/http/errors';
import { addView, NEW_VIEW_SHAPE } from '$lib/server/stories/index';
import type { RequestHandler } from './$types';

/** POST /api/stories/<id>/views {"title", "caption"?, "params": {name: value}, "position"?}: answers the whole story. */
export const POST: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const input = parseObject(await readJsonBody(request), NEW_VIEW_SHAPE);
		const { db } = await getAppDatabase();
		return json(await addView(db, params.id, input), { status: 201 });
	});
