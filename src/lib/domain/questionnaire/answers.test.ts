import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE, definitionProblems } from './definition';
import { answersFromText, canonicalJson, checkAnswers, toResidentSkills } from './answers';

const SKILL_GROUPS = new Set(['medical-clinical', 'nursing-midwifery', 'allied-health-scientific', 'care-support', 'facilities', 'admin-clerical', 'construction-trades', 'construction-professionals', 'retail-customer-service', 'creative-digital', 'hospitality-tourism', 'food-production', 'business-enterprise', 'transport-logistics']);

const GOOD = {
	consent: true,
	age_band: '35-49',
	main_language: 'ur',
	languages: ['en', 'pa'],
	location: { lon: -1.93, lat: 52.49 },
	occupation: 'doctor',
	qualification_level: 'rqf7',
	overseas_qualification: true,
	overseas_country: 'Pakistan',
	registration: 'applying',
	english_test: 'passed',
	interests: ['jobs', 'mentoring'],
	ideas: 'A clinic for new arrivals'
};

describe('the default questionnaire', () => {
	it('is a valid definition with the sections the issue lists', () => {
		expect(definitionProblems(DEFAULT_QUESTIONNAIRE, SKILL_GROUPS)).toEqual([]);
		expect(DEFAULT_QUESTIONNAIRE.sections.map((s) => s.id)).toEqual(['consent', 'about', 'skills', 'interests', 'ideas', 'groups']);
	});
	it('names each problem of a broken definition by its path', () => {
		const broken = structuredClone(DEFAULT_QUESTIONNAIRE) as unknown as { questions: Record<string, unknown>[] };
		broken.questions[5]!.choices = [{ code: 'x y', label: 'bad' }];
		broken.questions[1]!.id = 'consent';
		const problems = definitionProblems(broken, SKILL_GROUPS);
		expect(problems).toContainEqual({ field: 'questions.5.choices.0.code', message: 'must be letters, digits, _ . + or - (no spaces)' });
		expect(problems).toContainEqual({ field: 'questions.1.id', message: 'repeats the question id "consent"' });
	});
	it('refuses a skill-group choice naming no skill group', () => {
		const broken = structuredClone(DEFAULT_QUESTIONNAIRE);
		broken.questions.find((q) => q.id === 'occupation')!.choices![0]!.value = 'astronauts';
		expect(definitionProblems(broken, SKILL_GROUPS).map((p) => p.message)).toContain('is not a skill group ("astronauts")');
	});
});

describe('checkAnswers', () => {
	it('accepts a full response', () => {
		expect(checkAnswers(DEFAULT_QUESTIONNAIRE, GOOD).problems).toEqual([]);
	});
	it('names missing consent, unknown codes, wrong types and unknown questions', () => {
		const { problems } = checkAnswers(DEFAULT_QUESTIONNAIRE, { ...GOOD, consent: false, occupation: 'wizard', overseas_qualification: 'maybe', languages: ['en', 'xx'], shoe_size: 9 });
		expect(problems.map((p) => p.field).sort()).toEqual(['consent', 'languages', 'occupation', 'overseas_qualification', 'shoe_size']);
		expect(problems.find((p) => p.field === 'occupation')!.message).toMatch(/"wizard" is not an answer code/);
		// Each says why in a word a form can put in the page's language.
		expect(Object.fromEntries(problems.map((p) => [p.field, p.reason]))).toEqual({ consent: 'consent', languages: 'choice', occupation: 'choice', overseas_qualification: 'yes-no', shoe_size: 'unknown-question' });
	});
	it('names a required answer left out and a bad location part', () => {
		const { problems } = checkAnswers(DEFAULT_QUESTIONNAIRE, { ...GOOD, age_band: undefined, location: { lon: 'x', lat: 52 } });
		expect(problems).toContainEqual({ field: 'age_band', message: 'is required', reason: 'required' });
		expect(problems).toContainEqual({ field: 'location.lon', message: 'must be a longitude in degrees', reason: 'point' });
	});
});

describe('answersFromText', () => {
	it('reads a form or paper row into the same answers as the JSON API takes', () => {
		const row: Record<string, string[]> = {
			consent: ['on'],
			age_band: ['35-49'],
			main_language: ['ur'],
			languages: ['en;pa'],
			'location.lon': ['-1.93'],
			'location.lat': ['52.49'],
			occupation: ['doctor'],
			qualification_level: ['rqf7'],
			overseas_qualification: ['yes'],
			overseas_country: ['Pakistan'],
			registration: ['applying'],
			english_test: ['passed'],
			interests: ['jobs', 'mentoring'],
			ideas: ['A clinic for new arrivals'],
			groups: ['']
		};
		const answers = answersFromText(DEFAULT_QUESTIONNAIRE, (name) => row[name] ?? []);
		expect(answers).toEqual(GOOD);
	});
	it('reads an area code', () => {
		const answers = answersFromText(DEFAULT_QUESTIONNAIRE, (name) => (name === 'location.area' ? ['e00045123'] : []));
		expect(answers.location).toEqual({ area: 'e00045123' });
		expect(checkAnswers(DEFAULT_QUESTIONNAIRE, { ...GOOD, location: answers.location }).answers.location).toEqual({ area: 'E00045123' });
	});
});

describe('canonicalJson', () => {
	it('does not depend on key order', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { e: 2, f: 1 }] }, b: 1 }));
		expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
	});
});

describe('toResidentSkills', () => {
	it('maps answers to the skills store: group, level, readiness flags, languages main first', () => {
		expect(toResidentSkills(DEFAULT_QUESTIONNAIRE, checkAnswers(DEFAULT_QUESTIONNAIRE, GOOD).answers)).toEqual({
			skillGroupId: 'medical-clinical',
			qualificationLevel: 7,
			overseasQualification: true,
			englishTestPassed: true,
			professionallyRegistered: false,
			languages: ['Urdu', 'English', 'Panjabi'],
			location: { lon: -1.93, lat: 52.49 }
		});
	});
	it('adds nothing for an occupation outside the taxonomy', () => {
		expect(toResidentSkills(DEFAULT_QUESTIONNAIRE, { ...GOOD, occupation: 'other' } as never)).toBeNull();
	});
});
