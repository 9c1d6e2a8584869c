import { getAppDatabase } from '$lib/server/db/app';
import { formFailure } from '$lib/server/http/forms';
import { currentQuestionnaire, listQuestionnaireVersions, publishQuestionnaireVersion } from '$lib/server/questionnaires/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const current = await currentQuestionnaire(db);
	return { version: current.version, definitionText: JSON.stringify(current.definition, null, 2), versions: await listQuestionnaireVersions(db) };
};

export const actions: Actions = {
	publish: async ({ request, locals }) => {
		const form = await request.formData();
		const definition = String(form.get('definition') ?? '');
		try {
			const { db } = await getAppDatabase();
			const published = await publishQuestionnaireVersion(db, locals.user!, definition, Number(form.get('basedOn')));
			return { key: 'publish', published: published.version };
		} catch (err) {
			return formFailure(err, { key: 'publish', values: { definition } });
		}
	}
};
