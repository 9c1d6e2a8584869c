import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { NO_PARAMETERS, parseInput, parseQuery } from '$lib/server/http/validate';
import { handleApi } from '$lib/server/http/errors';
import { deleteScenario, getScenario, SCENARIO_UPDATE, updateScenario } from '$lib/server/scenarios/index';
import type { RequestHandler } from './$types';

/** GET /api/scenarios/<id>: the scenario's sites, opportunities and its changes from the baseline. */
export const GET: RequestHandler = ({ url, params }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		return json(await getScenario(db, params.id), { headers: { 'Cache-Control': 'private, no-store' } });
	});

/** PATCH /api/scenarios/<id> {"name"?, "description"?}. */
export const PATCH: RequestHandler = ({ params, request }) =>
	handleApi(async () => {
		const update = parseInput(SCENARIO_UPDATE, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await updateScenario(db, params.id, update));
	});

export const DELETE: RequestHandler = ({ params }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		await deleteScenario(db, params.id);
		return new Response(null, { status: 204 });
	});
