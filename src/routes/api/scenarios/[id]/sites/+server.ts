import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { parseInput } from '$lib/server/http/validate';
import { handleApi } from '$lib/server/http/errors';
import { addSite, NEW_SITE } from '$lib/server/scenarios/index';
import type { RequestHandler } from './$types';

/** POST /api/scenarios/<id>/sites {"name", "kind", "status"?, "location": {"lon","lat"} | "geometry": Polygon}. */
export const POST: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const input = parseInput(NEW_SITE, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await addSite(db, params.id, input), { status: 201 });
	});
