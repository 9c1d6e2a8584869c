import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { parseInput } from '$lib/server/http/validate';
import { handleApi } from '$lib/server/http/errors';
import { addView, NEW_VIEW } from '$lib/server/stories/index';
import type { RequestHandler } from './$types';

/** POST /api/stories/<id>/views {"title", "caption"?, "params": {name: value}, "position"?}: answers the whole story. */
export const POST: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const input = parseInput(NEW_VIEW, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await addView(db, params.id, input), { status: 201 });
	});
