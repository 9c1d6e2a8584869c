/**
 * A questionnaire as data: sections and questions with ids, types, choices and wording, so that an
 * administrator can publish a new version without code and every response keeps the version it
 * was answered in. Questions that feed the person-level skills store say so with `maps`; for a
 * choice question, the chosen choice's `value` is what is stored (a skill group id, an RQF level,
 * a readiness flag).
 */

import { translationProblems, withTranslations, type QuestionTranslations, type SectionTranslations, type TitleTranslations } from './translations';
import { DEMO_QUESTIONNAIRE_TRANSLATIONS } from './demo-translations';

export const QUESTION_TYPES = ['consent', 'single', 'multi', 'text', 'boolean', 'location'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Which field of the resident's skills record a question fills (see answers.ts, toResidentSkills). */
export const RESIDENT_FIELDS = [
	'skill-group',
	'qualification-level',
	'overseas-qualification',
	'registration',
	'english-test',
	'main-language',
	'languages',
	'location'
] as const;
export type ResidentField = (typeof RESIDENT_FIELDS)[number];

export interface Choice {
	/** What an answer holds and a typed-up paper form writes: short, stable, no spaces. */
	code: string;
	label: string;
	/** For mapped questions: the skill group id, the RQF level (0–8) or the readiness flag stored. */
	value?: string | number | boolean;
}

export interface Question {
	/** Stable key of the answer, also the CSV column name of a typed-up paper form. */
	id: string;
	section: string;
	type: QuestionType;
	label: string;
	help?: string;
	required?: boolean;
	choices?: Choice[];
	/** Text answers: longest allowed. */
	maxLength?: number;
	maps?: ResidentField;
	/** Wording in other languages (see translations.ts); English above is the source and the fallback. */
	translations?: QuestionTranslations;
}

export interface Section {
	id: string;
	title: string;
	intro?: string;
	translations?: SectionTranslations;
}

export interface QuestionnaireDefinition {
	title: string;
	sections: Section[];
	questions: Question[];
	translations?: TitleTranslations;
}

const ID = /^[a-z][a-z0-9_-]{0,39}$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.+-]{0,39}$/;

/** Problems of a definition, each naming where (sections.2.id, questions.5.choices.1.code). Empty = usable. */
export function definitionProblems(definition: unknown, knownSkillGroups: ReadonlySet<string>): { field: string; message: string }[] {
	const problems: { field: string; message: string }[] = [];
	const add = (field: string, message: string) => problems.push({ field, message });
	if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return [{ field: '', message: 'must be a JSON object with title, sections and questions' }];
	const d = definition as Record<string, unknown>;
	for (const key of Object.keys(d)) if (!['title', 'sections', 'questions', 'translations'].includes(key)) add(key, 'is not a field of a questionnaire');
	if (typeof d.title !== 'string' || !d.title.trim() || d.title.length > 200) add('title', 'must be a text of 1 to 200 characters');
	if (d.translations !== undefined) problems.push(...translationProblems('translations', d.translations, { title: 200 }));
	const sectionIds = new Set<string>();
	if (!Array.isArray(d.sections) || d.sections.length === 0 || d.sections.length > 30) add('sections', 'must be a list of 1 to 30 sections');
	else
		d.sections.forEach((s: unknown, i) => {
			const sec = (s ?? {}) as Record<string, unknown>;
			if (typeof sec.id !== 'string' || !ID.test(sec.id)) add(`sections.${i}.id`, 'must be lower-case letters, digits, _ or - (starting with a letter)');
			else if (sectionIds.has(sec.id)) add(`sections.${i}.id`, `repeats the section id "${sec.id}"`);
			else sectionIds.add(sec.id);
			if (typeof sec.title !== 'string' || !sec.title.trim() || sec.title.length > 200) add(`sections.${i}.title`, 'must be a text of 1 to 200 characters');
			if (sec.intro !== undefined && (typeof sec.intro !== 'string' || sec.intro.length > 2000)) add(`sections.${i}.intro`, 'must be a text of at most 2000 characters');
			if (sec.translations !== undefined) problems.push(...translationProblems(`sections.${i}.translations`, sec.translations, { title: 200, intro: 2000 }));
		});
	const questionIds = new Set<string>();
	const mapped = new Map<string, string>();
	if (!Array.isArray(d.questions) || d.questions.length === 0 || d.questions.length > 200) add('questions', 'must be a list of 1 to 200 questions');
	else
		d.questions.forEach((raw: unknown, i) => {
			const q = (raw ?? {}) as Record<string, unknown>;
			const at = `questions.${i}`;
			for (const key of Object.keys(q)) if (!['id', 'section', 'type', 'label', 'help', 'required', 'choices', 'maxLength', 'maps', 'translations'].includes(key)) add(`${at}.${key}`, 'is not a field of a question');
			if (typeof q.id !== 'string' || !ID.test(q.id)) add(`${at}.id`, 'must be lower-case letters, digits, _ or - (starting with a letter)');
			else if (questionIds.has(q.id)) add(`${at}.id`, `repeats the question id "${q.id}"`);
			else questionIds.add(q.id);
			if (typeof q.section !== 'string' || !sectionIds.has(q.section)) add(`${at}.section`, 'must name one of the sections');
			if (!QUESTION_TYPES.includes(q.type as QuestionType)) add(`${at}.type`, `must be one of ${QUESTION_TYPES.join(', ')}`);
			if (typeof q.label !== 'string' || !q.label.trim() || q.label.length > 500) add(`${at}.label`, 'must be a text of 1 to 500 characters');
			if (q.help !== undefined && (typeof q.help !== 'string' || q.help.length > 2000)) add(`${at}.help`, 'must be a text of at most 2000 characters');
			if (q.required !== undefined && typeof q.required !== 'boolean') add(`${at}.required`, 'must be true or false');
			if (q.maxLength !== undefined && (!Number.isInteger(q.maxLength) || (q.maxLength as number) < 1 || (q.maxLength as number) > 4000)) add(`${at}.maxLength`, 'must be a whole number from 1 to 4000');
			const hasChoices = q.type === 'single' || q.type === 'multi';
			if (hasChoices) {
				if (!Array.isArray(q.choices) || q.choices.length === 0 || q.choices.length > 100) add(`${at}.choices`, 'must be a list of 1 to 100 choices');
				else {
					const codes = new Set<string>();
					q.choices.forEach((c: unknown, j) => {
						const choice = (c ?? {}) as Record<string, unknown>;
						if (typeof choice.code !== 'string' || !CODE.test(choice.code)) add(`${at}.choices.${j}.code`, 'must be letters, digits, _ . + or - (no spaces)');
						else if (codes.has(choice.code)) add(`${at}.choices.${j}.code`, `repeats the code "${choice.code}"`);
						else codes.add(choice.code);
						if (typeof choice.label !== 'string' || !choice.label.trim() || choice.label.length > 200) add(`${at}.choices.${j}.label`, 'must be a text of 1 to 200 characters');
						if (choice.value !== undefined && !['string', 'number', 'boolean'].includes(typeof choice.value)) add(`${at}.choices.${j}.value`, 'must be a text, a number or true/false');
						if (q.maps === 'skill-group' && choice.value !== undefined && !knownSkillGroups.has(String(choice.value))) add(`${at}.choices.${j}.value`, `is not a skill group ("${String(choice.value)}")`);
						if (q.maps === 'qualification-level' && choice.value !== undefined && !(Number.isInteger(choice.value) && (choice.value as number) >= 0 && (choice.value as number) <= 8)) add(`${at}.choices.${j}.value`, 'must be an RQF level from 0 to 8');
						if ((q.maps === 'registration' || q.maps === 'english-test') && choice.value !== undefined && typeof choice.value !== 'boolean') add(`${at}.choices.${j}.value`, 'must be true or false');
					});
				}
			} else if (q.choices !== undefined) add(`${at}.choices`, `only single and multi questions have choices`);
			if (q.translations !== undefined) {
				const codes = hasChoices && Array.isArray(q.choices) ? q.choices.map((c) => String((c as Record<string, unknown>)?.code)) : [];
				problems.push(...translationProblems(`${at}.translations`, q.translations, { label: 500, help: 2000 }, codes));
			}
			if (q.maps !== undefined) {
				if (!RESIDENT_FIELDS.includes(q.maps as ResidentField)) add(`${at}.maps`, `must be one of ${RESIDENT_FIELDS.join(', ')}`);
				else if (mapped.has(q.maps as string)) add(`${at}.maps`, `"${String(q.maps)}" is already filled by question "${mapped.get(q.maps as string)}"`);
				else {
					mapped.set(q.maps as string, String(q.id));
					const wanted: Record<ResidentField, QuestionType[]> = {
						'skill-group': ['single'],
						'qualification-level': ['single'],
						'overseas-qualification': ['boolean'],
						registration: ['single'],
						'english-test': ['single'],
						'main-language': ['single'],
						languages: ['multi'],
						location: ['location']
					};
					if (!wanted[q.maps as ResidentField].includes(q.type as QuestionType)) add(`${at}.maps`, `"${String(q.maps)}" needs a ${wanted[q.maps as ResidentField].join(' or ')} question`);
				}
			}
		});
	if (Array.isArray(d.questions)) {
		const consent = d.questions.filter((q) => (q as Record<string, unknown>)?.type === 'consent');
		if (consent.length !== 1) add('questions', 'must hold exactly one consent question');
		if (!mapped.has('location')) add('questions', 'must hold a location question (maps: "location")');
	}
	return problems;
}

/** Languages offered as choices: the area's main community languages (Census 2021, Birmingham and Sandwell). */
const LANGUAGES: Choice[] = [
	{ code: 'en', label: 'English' },
	{ code: 'pa', label: 'Panjabi' },
	{ code: 'ur', label: 'Urdu' },
	{ code: 'bn', label: 'Bengali' },
	{ code: 'ar', label: 'Arabic' },
	{ code: 'pl', label: 'Polish' },
	{ code: 'ro', label: 'Romanian' },
	{ code: 'so', label: 'Somali' },
	{ code: 'ti', label: 'Tigrinya' },
	{ code: 'fr', label: 'French' },
	{ code: 'pt', label: 'Portuguese' },
	{ code: 'other', label: 'Another language' }
];

const REGISTRATION: Choice[] = [
	{ code: 'gmc', label: 'Registered with the GMC (doctors)', value: true },
	{ code: 'nmc', label: 'Registered with the NMC (nurses, midwives)', value: true },
	{ code: 'hcpc', label: 'Registered with the HCPC (allied health)', value: true },
	{ code: 'other-body', label: 'Registered with another UK professional body', value: true },
	{ code: 'applying', label: 'Applying for registration', value: false },
	{ code: 'none', label: 'Not registered', value: false }
];

/**
 * The questionnaire co-designed for Greater Icknield (issue 11): consent; about you; skills and
 * qualifications; interests; ideas and passions; groups. In English only, as it was first
 * published; DEFAULT_QUESTIONNAIRE below adds its translations.
 */
export const DEFAULT_QUESTIONNAIRE_ENGLISH: QuestionnaireDefinition = {
	title: 'Skills, ideas and passions in Greater Icknield',
	sections: [
		{
			id: 'consent',
			title: 'Consent',
			intro:
				'We ask about your skills, qualifications and ideas so that employers, training providers and community groups can see what the area already has. ' +
				'Your answers are kept apart from everything public: only the researcher who asked you, the coordinators who check the forms and the project administrators can read them. ' +
				'Maps and tables show only counts of at least ten people per area, never you. We never record your address. ' +
				'You can withdraw at any time by telling your researcher or the project: your answers are then deleted.'
		},
		{ id: 'about', title: 'About you' },
		{ id: 'skills', title: 'Skills and qualifications' },
		{ id: 'interests', title: 'Interests' },
		{ id: 'ideas', title: 'Ideas and passions' },
		{ id: 'groups', title: 'Groups you belong to' }
	],
	questions: [
		{ id: 'consent', section: 'consent', type: 'consent', label: 'I have read or been told what this is for, who sees it and how to withdraw, and I agree to take part.', required: true },
		{
			id: 'age_band',
			section: 'about',
			type: 'single',
			label: 'Age band',
			required: true,
			choices: [
				{ code: '16-24', label: '16 to 24' },
				{ code: '25-34', label: '25 to 34' },
				{ code: '35-49', label: '35 to 49' },
				{ code: '50-64', label: '50 to 64' },
				{ code: '65+', label: '65 or over' },
				{ code: 'no-say', label: 'Prefer not to say' }
			]
		},
		{ id: 'main_language', section: 'about', type: 'single', label: 'Main language', required: true, choices: LANGUAGES, maps: 'main-language' },
		{ id: 'languages', section: 'about', type: 'multi', label: 'Other languages spoken', choices: LANGUAGES, maps: 'languages' },
		{
			id: 'location',
			section: 'about',
			type: 'location',
			label: 'Where do you live? A postcode sector (e.g. B18 4), an output area code, or a point you pick on the map — never your address.',
			help: 'Stored only as the 250 m area the place falls in.',
			required: true,
			maps: 'location'
		},
		{
			id: 'occupation',
			section: 'skills',
			type: 'single',
			label: 'Occupation or trained profession',
			required: true,
			maps: 'skill-group',
			choices: [
				{ code: 'doctor', label: 'Doctor (GP, hospital, surgery, public health)', value: 'medical-clinical' },
				{ code: 'nurse', label: 'Nurse or midwife', value: 'nursing-midwifery' },
				{ code: 'allied-health', label: 'Therapist, radiographer, scientist, pharmacist', value: 'allied-health-scientific' },
				{ code: 'care', label: 'Care or support work', value: 'care-support' },
				{ code: 'facilities', label: 'Porter, cleaner, catering, security', value: 'facilities' },
				{ code: 'admin', label: 'Office, admin or clerical', value: 'admin-clerical' },
				{ code: 'trades', label: 'Construction trade', value: 'construction-trades' },
				{ code: 'engineering', label: 'Engineer, surveyor, architect', value: 'construction-professionals' },
				{ code: 'retail', label: 'Shop or customer service', value: 'retail-customer-service' },
				{ code: 'creative', label: 'Creative, media, translation, IT', value: 'creative-digital' },
				{ code: 'hospitality', label: 'Hospitality, leisure, tourism', value: 'hospitality-tourism' },
				{ code: 'food', label: 'Cooking or food production', value: 'food-production' },
				{ code: 'business', label: 'Running a business or enterprise', value: 'business-enterprise' },
				{ code: 'transport', label: 'Driving, transport, logistics', value: 'transport-logistics' },
				{ code: 'other', label: 'Something else / not working' }
			]
		},
		{
			id: 'qualification_level',
			section: 'skills',
			type: 'single',
			label: 'Highest qualification',
			maps: 'qualification-level',
			choices: [
				{ code: 'none', label: 'No formal qualification', value: 0 },
				{ code: 'rqf1-2', label: 'GCSEs or equivalent', value: 2 },
				{ code: 'rqf3', label: 'A levels, advanced apprenticeship', value: 3 },
				{ code: 'rqf4-5', label: 'Higher national, foundation degree', value: 5 },
				{ code: 'rqf6', label: "Bachelor's degree", value: 6 },
				{ code: 'rqf7', label: "Master's degree, medical degree", value: 7 },
				{ code: 'rqf8', label: 'Doctorate', value: 8 },
				{ code: 'unknown', label: 'Not sure' }
			]
		},
		{ id: 'overseas_qualification', section: 'skills', type: 'boolean', label: 'Did you gain a qualification abroad?', maps: 'overseas-qualification' },
		{ id: 'overseas_country', section: 'skills', type: 'text', label: 'If so: in which country?', maxLength: 80 },
		{ id: 'overseas_profession', section: 'skills', type: 'text', label: 'If so: for which profession?', maxLength: 120 },
		{ id: 'registration', section: 'skills', type: 'single', label: 'UK professional registration', choices: REGISTRATION, maps: 'registration' },
		{
			id: 'english_test',
			section: 'skills',
			type: 'single',
			label: 'English language test (IELTS, OET)',
			maps: 'english-test',
			choices: [
				{ code: 'passed', label: 'Passed', value: true },
				{ code: 'preparing', label: 'Preparing or booked', value: false },
				{ code: 'not-needed', label: 'Not needed', value: false },
				{ code: 'none', label: 'Not taken', value: false }
			]
		},
		{
			id: 'interests',
			section: 'interests',
			type: 'multi',
			label: 'What would you like help with?',
			choices: [
				{ code: 'jobs', label: 'Finding a job' },
				{ code: 'training', label: 'Training or accreditation' },
				{ code: 'social-enterprise', label: 'Starting a social enterprise' },
				{ code: 'mentoring', label: 'Mentoring (being or finding a mentor)' }
			]
		},
		{ id: 'ideas', section: 'ideas', type: 'text', label: 'Ideas and passions: what would you like to do or start here?', maxLength: 2000 },
		{ id: 'groups', section: 'groups', type: 'text', label: 'Groups you belong to (faith, community, sports, parents…)', maxLength: 500 }
	]
};

/**
 * The demo questionnaire with its wording in the site's languages: version 1 of every new
 * database, and what the seed publishes over an untranslated copy (seedQuestionnaireTranslations).
 */
export const DEFAULT_QUESTIONNAIRE: QuestionnaireDefinition = withTranslations(DEFAULT_QUESTIONNAIRE_ENGLISH, DEMO_QUESTIONNAIRE_TRANSLATIONS);
