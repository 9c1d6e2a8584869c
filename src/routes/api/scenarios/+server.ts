import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { parseInput, parseQuery, text } from '$lib/server/http/validate';
import * as v from 'valibot';
import { handleApi } from '$lib/server/http/errors';
import { createScenario, listScenarios, NEW_SCENARIO } from '$lib/server/scenarios/index';
import type { RequestHandler } from './$types';

const PLACE_QUERY = v.strictObject({ place: v.optional(text(63)) });

/** GET /api/scenarios[?place=<id>]: saved scenarios, most recently changed first. Planners and administrators. */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const { place } = parseQuery(url, PLACE_QUERY);
		const { db } = await getAppDatabase();
		return json({ scenarios: await listScenarios(db, place) }, { headers: { 'Cache-Control': 'private, no-store' } });
	});

/** POST /api/scenarios {"place", "name", "description"?}: copies the place's baseline into a new scenario. */
export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseInput(NEW_SCENARIO, await readJsonBody(request));
		const { db } = await getAppDatabase();
		return json(await createScenario(db, locals.user!.id, input), { status: 201 });
	});
