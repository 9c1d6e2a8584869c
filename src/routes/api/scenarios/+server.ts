import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody, parseObject } from '$lib/server/http/body';
import { ApiError, handleApi } from '$lib/server/http/errors';
import { createScenario, listScenarios, NEW_SCENARIO_SHAPE } from '$lib/server/scenarios/index';
import type { RequestHandler } from './$types';

/** GET /api/scenarios[?place=<id>]: saved scenarios, most recently changed first. Planners and administrators. */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const unknown = [...url.searchParams.keys()].filter((k) => k !== 'place');
		if (unknown.length) throw new ApiError('bad_request', `Unknown parameter: ${unknown.join(', ')}. Allowed: place.`);
		const { db } = await getAppDatabase();
		return json({ scenarios: await listScenarios(db, url.searchParams.get('place') ?? undefined) }, { headers: { 'Cache-Control': 'private, no-store' } });
	});

/** POST /api/scenarios {"place", "name", "description"?}: copies the place's baseline into a new scenario. */
export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseObject(await readJsonBody(request), NEW_SCENARIO_SHAPE);
		const { db } = await getAppDatabase();
		return json(await createScenario(db, locals.user!.id, input), { status: 201 });
	});
