import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE, DEFAULT_QUESTIONNAIRE_ENGLISH, definitionProblems, type QuestionnaireDefinition } from './definition';
import { localiseDefinition, TRANSLATABLE_LANGUAGES, withoutTranslations, withTranslations } from './translations';
import { answersFromText, checkAnswers } from './answers';

const SKILL_GROUPS = new Set(['medical-clinical', 'nursing-midwifery', 'allied-health-scientific', 'care-support', 'facilities', 'admin-clerical', 'construction-trades', 'construction-professionals', 'retail-customer-service', 'creative-digital', 'hospitality-tourism', 'food-production', 'business-enterprise', 'transport-logistics']);

/** A small definition: one question translated in full, one in part, one not at all. */
const SMALL: QuestionnaireDefinition = {
	title: 'Small form',
	translations: { ur: { title: 'چھوٹا فارم' } },
	sections: [{ id: 'one', title: 'Part one', intro: 'Read this first.', translations: { ur: { title: 'پہلا حصہ' } } }],
	questions: [
		{ id: 'consent', section: 'one', type: 'consent', label: 'I agree.', translations: { ur: { label: 'میں راضی ہوں۔' }, pl: { label: '   ' } } },
		{
			id: 'age',
			section: 'one',
			type: 'single',
			label: 'Age band',
			help: 'Pick one.',
			choices: [
				{ code: 'young', label: 'Under 25' },
				{ code: 'older', label: '25 or over' }
			],
			translations: { ur: { label: 'عمر', choices: { young: '25 سے کم' } } }
		},
		{ id: 'where', section: 'one', type: 'location', label: 'Where?', maps: 'location' }
	]
};

describe('localiseDefinition', () => {
	it('gives each string in the language where it is translated, and English (marked en) where it is not', () => {
		const ur = localiseDefinition(SMALL, 'ur');
		expect(ur.title).toEqual({ text: 'چھوٹا فارم', lang: 'ur' });
		expect(ur.sections[0]).toEqual({ id: 'one', title: { text: 'پہلا حصہ', lang: 'ur' }, intro: { text: 'Read this first.', lang: 'en' } });
		const age = ur.questions.find((q) => q.id === 'age')!;
		expect(age.label).toEqual({ text: 'عمر', lang: 'ur' });
		expect(age.help).toEqual({ text: 'Pick one.', lang: 'en' });
		expect(age.choices).toEqual([
			{ code: 'young', label: { text: '25 سے کم', lang: 'ur' } },
			{ code: 'older', label: { text: '25 or over', lang: 'en' } }
		]);
		expect(ur.questions.find((q) => q.id === 'where')!.label).toEqual({ text: 'Where?', lang: 'en' });
	});

	it('falls back to English for a language with no or blank wording, and English ignores translations', () => {
		const pl = localiseDefinition(SMALL, 'pl');
		expect(pl.title).toEqual({ text: 'Small form', lang: 'en' });
		// A blank translation is no translation.
		expect(pl.questions[0]!.label).toEqual({ text: 'I agree.', lang: 'en' });
		const en = localiseDefinition(SMALL, 'en');
		expect(en.questions.map((q) => q.label.lang)).toEqual(['en', 'en', 'en']);
		expect(en.title.text).toBe('Small form');
	});

	it('keeps ids, types and choice codes, so answers are the same codes in every language', () => {
		for (const language of ['en', ...TRANSLATABLE_LANGUAGES] as const) {
			const localised = localiseDefinition(DEFAULT_QUESTIONNAIRE, language);
			expect(localised.questions.map((q) => [q.id, q.type, q.required, (q.choices ?? []).map((c) => c.code)])).toEqual(
				DEFAULT_QUESTIONNAIRE.questions.map((q) => [q.id, q.type, q.required === true, (q.choices ?? []).map((c) => c.code)])
			);
		}
		const posted = { consent: ['yes'], age_band: ['25-34'], main_language: ['ar'], languages: ['en', 'ur'], 'location.area': ['B18 4'], occupation: ['nurse'] };
		const read = (definition: QuestionnaireDefinition) => checkAnswers(definition, answersFromText(definition, (name) => posted[name as keyof typeof posted] ?? []));
		expect(read(DEFAULT_QUESTIONNAIRE)).toEqual(read(withoutTranslations(DEFAULT_QUESTIONNAIRE)));
		expect(read(DEFAULT_QUESTIONNAIRE).problems).toEqual([]);
	});
});

describe('the demo questionnaire', () => {
	it('is translated in full into every language of the site, and the English is what was first published', () => {
		expect(withoutTranslations(DEFAULT_QUESTIONNAIRE)).toEqual(DEFAULT_QUESTIONNAIRE_ENGLISH);
		for (const language of TRANSLATABLE_LANGUAGES) {
			const localised = localiseDefinition(DEFAULT_QUESTIONNAIRE, language);
			const english = [localised.title, ...localised.sections.flatMap((s) => [s.title, s.intro ?? s.title]), ...localised.questions.flatMap((q) => [q.label, ...(q.help ? [q.help] : []), ...(q.choices ?? []).map((c) => c.label)])]
				.filter((w) => w.lang !== language)
				.map((w) => w.text);
			expect(english, language).toEqual([]);
		}
	});
});

describe('translations in a definition', () => {
	it('are optional: a version without them (every version before them) stays valid, and so does one with them', () => {
		expect(definitionProblems(DEFAULT_QUESTIONNAIRE_ENGLISH, SKILL_GROUPS)).toEqual([]);
		expect(definitionProblems(DEFAULT_QUESTIONNAIRE, SKILL_GROUPS)).toEqual([]);
		// A blank translation is refused when published (the fallback above only guards the reader).
		expect(definitionProblems(SMALL, SKILL_GROUPS)).toEqual([{ field: 'questions.0.translations.pl.label', message: 'must be a text of 1 to 500 characters' }]);
	});

	it('are refused, each by its path, for an unknown language, English, a field or choice code that is not there, or a wrong text', () => {
		const broken = structuredClone(SMALL) as unknown as Record<string, unknown> & { questions: Record<string, unknown>[]; sections: Record<string, unknown>[] };
		broken.translations = { xx: { title: 'x' }, en: { title: 'English again' } };
		broken.sections[0]!.translations = { ur: { title: '', heading: 'x' } };
		broken.questions[0]!.translations = { ur: { text: 'x', choices: { a: 'b' } } };
		broken.questions[1]!.translations = { ar: { label: 'x'.repeat(501), choices: { young: 'صغير', middle: 'وسط', older: 7 } }, bn: 'not an object' };
		broken.questions[2]!.translations = [];
		const problems = definitionProblems(broken, SKILL_GROUPS);
		expect(problems.map((p) => p.field)).toEqual([
			'translations.xx',
			'translations.en',
			'sections.0.translations.ur.title',
			'sections.0.translations.ur.heading',
			'questions.0.translations.ur.text',
			'questions.0.translations.ur.choices',
			'questions.1.translations.ar.label',
			'questions.1.translations.ar.choices.middle',
			'questions.1.translations.ar.choices.older',
			'questions.1.translations.bn',
			'questions.2.translations'
		]);
		expect(problems.find((p) => p.field === 'questions.1.translations.ar.choices.middle')!.message).toBe('is not a choice code of this question');
		expect(problems.find((p) => p.field === 'translations.xx')!.message).toMatch(/ur, pa, bn, ar, pl/);
	});

	it('are put into a definition from per-language tables, refusing ids the definition lacks', () => {
		const merged = withTranslations(DEFAULT_QUESTIONNAIRE_ENGLISH, { pl: { questions: { age_band: { label: 'Wiek' } } } });
		expect(merged.questions.find((q) => q.id === 'age_band')!.translations).toEqual({ pl: { label: 'Wiek' } });
		expect(DEFAULT_QUESTIONNAIRE_ENGLISH.questions.find((q) => q.id === 'age_band')!.translations).toBeUndefined();
		expect(() => withTranslations(DEFAULT_QUESTIONNAIRE_ENGLISH, { pl: { questions: { shoe_size: { label: 'Rozmiar' } } } })).toThrow('pl: no question "shoe_size"');
	});
});
