import { getAppDatabase } from '$lib/server/db/app';
import { currentQuestionnaire } from '$lib/server/questionnaires/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const current = await currentQuestionnaire(db);
	return { version: current.version, definition: current.definition };
};
