import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { parseInput } from '$lib/server/http/validate';
import { handleApi } from '$lib/server/http/errors';
import { removeSite, SITE_UPDATE, updateSite } from '$lib/server/scenarios/index';
import type { RequestHandler } from './$types';

/** PATCH /api/scenarios/<id>/sites/<siteId> {"name"?, "kind"?, "status"?, "location"? | "geometry"?}. */
export const PATCH: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const update = parseInput(SITE_UPDATE, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await updateSite(db, params.id, params.siteId, update));
	});

/** DELETE: the site and its opportunities leave the scenario (the baseline keeps them). */
export const DELETE: RequestHandler = ({ params }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		await removeSite(db, params.id, params.siteId);
		return new Response(null, { status: 204 });
	});
