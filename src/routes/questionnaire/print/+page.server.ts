import { getAppDatabase } from '$lib/server/db/app';
import { currentQuestionnaire } from '$lib/server/questionnaires/service';
import { localiseDefinition } from '$lib/domain/questionnaire/translations';
import type { LanguageCode } from '$lib/domain/i18n/languages';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const current = await currentQuestionnaire(db);
	// The paper form in the page's language; the codes printed beside each box are the same in all.
	return { version: current.version, questionnaire: localiseDefinition(current.definition, getLocale() as LanguageCode) };
};
