import { randomUUID } from 'node:crypto';
import { fail } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { formFailure } from '$lib/server/http/forms';
import { DomainError } from '$lib/server/errors';
import { answersFromText, checkAnswers } from '$lib/domain/questionnaire/answers';
import { localiseDefinition, withoutTranslations } from '$lib/domain/questionnaire/translations';
import type { LanguageCode } from '$lib/domain/i18n/languages';
import { answerProblemText } from '$lib/components/questionnaire/problem-text';
import { currentQuestionnaire, questionnaireVersion } from '$lib/server/questionnaires/service';
import { submitResponse } from '$lib/server/restricted/responses/service';
import { ownStanding } from '$lib/server/restricted/responses/vouchers';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const { db } = await getAppDatabase();
	const current = await currentQuestionnaire(db);
	const user = locals.user!;
	const standing = user.role === 'researcher' ? (await ownStanding(db, user)).standing : null;
	// The wording in the page's language goes to the form; reading and checking answers needs only
	// the codes (the same in every language), so the other languages' wording stays here.
	const questionnaire = localiseDefinition(current.definition, getLocale() as LanguageCode);
	// The id a form posted without JavaScript carries; with JavaScript each draft makes its own.
	return { version: current.version, definition: withoutTranslations(current.definition), questionnaire, standing, formId: randomUUID(), role: user.role, userId: user.id };
};

export const actions: Actions = {
	submit: async ({ request, locals }) => {
		const form = await request.formData();
		const version = Number(form.get('questionnaireVersion'));
		try {
			const { db } = await getAppDatabase();
			const found = await questionnaireVersion(db, version);
			if (!found) throw new DomainError('invalid', m.q_out_of_date(), { fields: [{ field: 'form', message: 'out of date' }] });
			const answers = answersFromText(found.definition, (name) => form.getAll(name).map(String));
			// The same checks submitResponse makes, for their reasons: said in the page's language.
			const problems = checkAnswers(found.definition, answers).problems;
			if (problems.length) {
				const errors = Object.fromEntries(problems.map((p) => [p.field.split('.')[0]!, answerProblemText(p, found.definition)]));
				return fail(422, { key: 'submit', message: m.q_fix_below(), errors, values: {} });
			}
			const receipt = await submitResponse(db, locals.user!, { id: String(form.get('responseId') ?? ''), questionnaireVersion: version, answers });
			return { saved: receipt.outcome };
		} catch (err) {
			// Answers are put beside their questions; nothing typed is sent back (a resident's answers).
			if (err instanceof DomainError && err.kind === 'invalid' && err.fields.length) {
				const errors: Record<string, string> = {};
				for (const f of err.fields) errors[f.field.replace(/^answers\./, '').split('.')[0]!] = f.message;
				return fail(422, { key: 'submit', message: err.fields.some((f) => f.field === 'form') ? err.message : m.q_fix_below(), errors, values: {} });
			}
			return formFailure(err, { key: 'submit' });
		}
	}
};
