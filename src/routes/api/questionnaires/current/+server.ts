import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import { currentQuestionnaire } from '$lib/server/questionnaires/service';
import type { QuestionnaireDocument } from '$lib/contracts/questionnaires';
import type { RequestHandler } from './$types';

/** GET /api/questionnaires/current: the newest version's definition (every question's id, type, choices and wording). */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		const current = await currentQuestionnaire(db);
		const body: QuestionnaireDocument = { version: current.version, createdAt: current.createdAt, ...current.definition };
		return json(body, { headers: { 'Cache-Control': 'private, no-cache' } });
	});
