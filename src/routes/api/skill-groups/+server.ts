import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { listSkillGroups } from '$lib/server/assets/queries';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import type { RequestHandler } from './$types';

/** GET /api/skill-groups: the skills taxonomy (ids used by the layers and scores APIs). */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		return json({ skillGroups: await listSkillGroups(db) }, { headers: { 'Cache-Control': 'public, max-age=300' } });
	});
