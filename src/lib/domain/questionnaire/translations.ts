/**
 * A questionnaire's wording in the residents' languages. The English in the definition is the
 * source: each section and question may carry `translations`, by language code, holding only the
 * strings someone has translated —
 *
 *   { "id": "age_band", "label": "Age band", "choices": [{ "code": "16-24", "label": "16 to 24" }, …],
 *     "translations": { "ur": { "label": "عمر کا گروپ", "choices": { "16-24": "16 سے 24" } } } }
 *
 * A form in Urdu shows each string in Urdu where there is one and in English where there is not
 * (marked lang="en", so a screen reader reads it as English). Translations change only wording:
 * answers are the choices' codes whatever the language, so responses from every language are the
 * same data. Versions without translations (every version before them) stay valid.
 */
import { LANGUAGE_CODES, BASE_LANGUAGE, type LanguageCode } from '../i18n/languages';
import type { QuestionnaireDefinition, QuestionType } from './definition';

/** The languages a definition may be translated into: the site's, less English (the source). */
export const TRANSLATABLE_LANGUAGES: readonly LanguageCode[] = LANGUAGE_CODES.filter((code) => code !== BASE_LANGUAGE);

export interface QuestionWording {
	label?: string;
	help?: string;
	/** Choice labels by choice code. */
	choices?: Record<string, string>;
}
export interface SectionWording {
	title?: string;
	intro?: string;
}
export type QuestionTranslations = Partial<Record<LanguageCode, QuestionWording>>;
export type SectionTranslations = Partial<Record<LanguageCode, SectionWording>>;
export type TitleTranslations = Partial<Record<LanguageCode, { title?: string }>>;

/**
 * Problems of one `translations` object, named by path (questions.3.translations.ur.choices.x).
 * `fields` are the strings it may hold with their longest length (those of the English);
 * `choiceCodes`, when given, the codes whose labels it may translate.
 */
export function translationProblems(at: string, value: unknown, fields: Record<string, number>, choiceCodes?: readonly string[]): { field: string; message: string }[] {
	const problems: { field: string; message: string }[] = [];
	const add = (field: string, message: string) => problems.push({ field, message });
	const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
	if (!isObject(value)) return [{ field: at, message: `must be an object of wordings by language (${TRANSLATABLE_LANGUAGES.join(', ')})` }];
	for (const [language, wording] of Object.entries(value)) {
		const where = `${at}.${language}`;
		if (!(TRANSLATABLE_LANGUAGES as readonly string[]).includes(language)) {
			add(where, `is not a language of the site to translate into; use ${TRANSLATABLE_LANGUAGES.join(', ')}`);
			continue;
		}
		if (!isObject(wording)) {
			add(where, 'must be an object of translated strings');
			continue;
		}
		const allowed = [...Object.keys(fields), ...(choiceCodes?.length ? ['choices'] : [])];
		for (const [key, text] of Object.entries(wording)) {
			if (!allowed.includes(key)) add(`${where}.${key}`, `is not translatable here; use ${allowed.join(', ')}`);
			else if (key === 'choices') {
				if (!isObject(text)) add(`${where}.choices`, 'must be an object of choice labels by choice code');
				else
					for (const [code, label] of Object.entries(text)) {
						if (!choiceCodes!.includes(code)) add(`${where}.choices.${code}`, 'is not a choice code of this question');
						else if (typeof label !== 'string' || !label.trim() || label.length > 200) add(`${where}.choices.${code}`, 'must be a text of 1 to 200 characters');
					}
			} else if (typeof text !== 'string' || !text.trim() || text.length > fields[key]!) add(`${where}.${key}`, `must be a text of 1 to ${fields[key]} characters`);
		}
	}
	return problems;
}

/** A string to show and the language it is in (the page's, or English when not translated). */
export interface Wording {
	text: string;
	lang: LanguageCode;
}

export interface LocalisedChoice {
	code: string;
	label: Wording;
}
export interface LocalisedQuestion {
	id: string;
	section: string;
	type: QuestionType;
	required: boolean;
	maxLength?: number;
	label: Wording;
	help?: Wording;
	choices?: LocalisedChoice[];
}
export interface LocalisedSection {
	id: string;
	title: Wording;
	intro?: Wording;
}
/** What a form shows of one version in one language. */
export interface LocalisedQuestionnaire {
	language: LanguageCode;
	title: Wording;
	sections: LocalisedSection[];
	questions: LocalisedQuestion[];
}

/**
 * The definition's wording in `language`, string by string: the translation where there is a
 * non-blank one, else the English. Codes, ids and types are the definition's own.
 */
export function localiseDefinition(definition: QuestionnaireDefinition, language: LanguageCode): LocalisedQuestionnaire {
	const pick = (english: string, translated: string | undefined): Wording =>
		language !== BASE_LANGUAGE && typeof translated === 'string' && translated.trim() ? { text: translated, lang: language } : { text: english, lang: BASE_LANGUAGE };
	return {
		language,
		title: pick(definition.title, definition.translations?.[language]?.title),
		sections: definition.sections.map((s) => {
			const t = s.translations?.[language];
			return { id: s.id, title: pick(s.title, t?.title), ...(s.intro !== undefined ? { intro: pick(s.intro, t?.intro) } : {}) };
		}),
		questions: definition.questions.map((q) => {
			const t = q.translations?.[language];
			return {
				id: q.id,
				section: q.section,
				type: q.type,
				required: q.required === true,
				...(q.maxLength !== undefined ? { maxLength: q.maxLength } : {}),
				label: pick(q.label, t?.label),
				...(q.help !== undefined ? { help: pick(q.help, t?.help) } : {}),
				...(q.choices ? { choices: q.choices.map((c) => ({ code: c.code, label: pick(c.label, t?.choices?.[c.code]) })) } : {})
			};
		})
	};
}

/** The definition without its translations: what checking and storing answers needs (codes only). */
export function withoutTranslations(definition: QuestionnaireDefinition): QuestionnaireDefinition {
	return {
		title: definition.title,
		sections: definition.sections.map(({ translations: _, ...s }) => s),
		questions: definition.questions.map(({ translations: _, ...q }) => q)
	};
}

/**
 * Translation tables written per language (easier for a translator: one file, one language) put
 * into a definition's sections and questions. Entries for ids the definition lacks are an error,
 * so a renamed question cannot silently lose its wording.
 */
export interface LanguageTable {
	title?: string;
	sections?: Record<string, SectionWording>;
	questions?: Record<string, QuestionWording>;
}
export function withTranslations(definition: QuestionnaireDefinition, tables: Partial<Record<LanguageCode, LanguageTable>>): QuestionnaireDefinition {
	const out = structuredClone(definition);
	for (const [language, table] of Object.entries(tables) as [LanguageCode, LanguageTable][]) {
		for (const id of Object.keys(table.sections ?? {})) if (!out.sections.some((s) => s.id === id)) throw new Error(`${language}: no section "${id}"`);
		for (const id of Object.keys(table.questions ?? {})) if (!out.questions.some((q) => q.id === id)) throw new Error(`${language}: no question "${id}"`);
		if (table.title) out.translations = { ...out.translations, [language]: { title: table.title } };
		for (const s of out.sections) {
			const wording = table.sections?.[s.id];
			if (wording) s.translations = { ...s.translations, [language]: wording };
		}
		for (const q of out.questions) {
			const wording = table.questions?.[q.id];
			if (wording) q.translations = { ...q.translations, [language]: wording };
		}
	}
	return out;
}
