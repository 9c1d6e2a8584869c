/**
 * Answers to a questionnaire version: reading them from a form or a typed-up paper row, checking
 * them against the definition, the canonical text that identifies a response's content (ODK
 * Central's rule: the same id and content again is a no-op, changed content is a conflict), and
 * what of them goes into the person-level skills store.
 */
import type { Question, QuestionnaireDefinition, ResidentField } from './definition';

/** A point the resident picked (WGS84), or the code of an area: a postcode sector or an output area. */
export type LocationAnswer = { lon: number; lat: number } | { area: string };
export type Answer = boolean | string | string[] | LocationAnswer;
export type Answers = Record<string, Answer>;

/** Why an answer was refused, so that a form can say it in the page's language. */
export type AnswerProblemReason = 'unknown-question' | 'required' | 'consent' | 'yes-no' | 'choice' | 'repeated' | 'text' | 'too-long' | 'area' | 'point';

export interface AnswerIssue {
	/** The question id (or id.lon / id.area for a location's parts). */
	field: string;
	message: string;
	reason: AnswerProblemReason;
}

const NUL = '\u0000';
const DEFAULT_TEXT_MAX = 1000;
/** Half of a UTF-16 pair alone: JSON can carry it, PostgreSQL's jsonb cannot store it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Reads textual values (a form post, a CSV/XLSX row) into answers. `get` returns every value
 * given under a name: the question id, or `<id>.lon`, `<id>.lat`, `<id>.area` for a location.
 * Multi answers may come as repeated values or as one value separated by ";". Blank is "no answer".
 * Values that cannot be read are kept as given, for answerProblems to name.
 */
export function answersFromText(definition: QuestionnaireDefinition, get: (name: string) => string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const one = (name: string) => (get(name).find((s) => s.trim() !== '') ?? '').trim();
	for (const q of definition.questions) {
		switch (q.type) {
			case 'consent':
			case 'boolean': {
				const raw = one(q.id).toLowerCase();
				if (raw === '') break;
				if (['yes', 'y', 'true', 'on', '1'].includes(raw)) out[q.id] = true;
				else if (['no', 'n', 'false', 'off', '0'].includes(raw)) out[q.id] = false;
				else out[q.id] = raw;
				break;
			}
			case 'single': {
				const raw = one(q.id);
				if (raw !== '') out[q.id] = raw;
				break;
			}
			case 'multi': {
				const codes = get(q.id)
					.flatMap((s) => s.split(';'))
					.map((s) => s.trim())
					.filter(Boolean);
				if (codes.length) out[q.id] = codes;
				break;
			}
			case 'text': {
				const raw = one(q.id);
				if (raw !== '') out[q.id] = raw;
				break;
			}
			case 'location': {
				const area = one(`${q.id}.area`);
				const lon = one(`${q.id}.lon`);
				const lat = one(`${q.id}.lat`);
				if (area !== '') out[q.id] = { area };
				else if (lon !== '' || lat !== '') out[q.id] = { lon: lon === '' ? NaN : Number(lon), lat: lat === '' ? NaN : Number(lat) };
				break;
			}
		}
	}
	return out;
}

/** Checks answers against the definition: every problem, by question id; and the typed answers when none. */
export function checkAnswers(definition: QuestionnaireDefinition, input: unknown): { answers: Answers; problems: AnswerIssue[] } {
	const problems: AnswerIssue[] = [];
	const answers: Answers = {};
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		return { answers, problems: [{ field: 'answers', message: 'must be an object of answers by question id', reason: 'unknown-question' }] };
	}
	const given = input as Record<string, unknown>;
	const byId = new Map(definition.questions.map((q) => [q.id, q]));
	for (const key of Object.keys(given)) if (!byId.has(key)) problems.push({ field: key, message: 'is not a question of this version', reason: 'unknown-question' });
	for (const q of definition.questions) {
		const value = given[q.id];
		if (value === undefined || value === null) {
			if (q.type === 'consent') problems.push({ field: q.id, message: 'consent is required: without it nothing is stored', reason: 'consent' });
			else if (q.required) problems.push({ field: q.id, message: 'is required', reason: 'required' });
			continue;
		}
		const problem = answerProblem(q, value);
		if (problem) problems.push({ field: problem.field ?? q.id, message: problem.message, reason: problem.reason });
		else answers[q.id] = normalise(q, value);
	}
	return { answers, problems };
}

function answerProblem(q: Question, value: unknown): { field?: string; message: string; reason: AnswerProblemReason } | null {
	const codes = new Set((q.choices ?? []).map((c) => c.code));
	const codeList = () => [...codes].join(', ');
	switch (q.type) {
		case 'consent':
			return value === true ? null : { message: 'consent is required: without it nothing is stored', reason: 'consent' };
		case 'boolean':
			return typeof value === 'boolean' ? null : { message: 'must be yes or no', reason: 'yes-no' };
		case 'single':
			if (typeof value !== 'string') return { message: `must be one of the codes ${codeList()}`, reason: 'choice' };
			return codes.has(value) ? null : { message: `"${value}" is not an answer code; use one of ${codeList()}`, reason: 'choice' };
		case 'multi': {
			if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return { message: `must be a list of codes from ${codeList()}`, reason: 'choice' };
			const unknown = value.filter((v) => !codes.has(v as string));
			if (unknown.length) return { message: `${unknown.map((u) => `"${String(u)}"`).join(', ')} ${unknown.length > 1 ? 'are not answer codes' : 'is not an answer code'}; use ${codeList()}`, reason: 'choice' };
			if (new Set(value).size !== value.length) return { message: 'names a code twice', reason: 'repeated' };
			return null;
		}
		case 'text': {
			const max = q.maxLength ?? DEFAULT_TEXT_MAX;
			if (typeof value !== 'string') return { message: 'must be a text', reason: 'text' };
			if (value.includes(NUL)) return { message: 'must not contain a NUL character (\\u0000)', reason: 'text' };
			if (LONE_SURROGATE.test(value)) return { message: 'must be valid Unicode text', reason: 'text' };
			if (value.length > max) return { message: `must be at most ${max} characters`, reason: 'too-long' };
			return null;
		}
		case 'location': {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) return { message: 'must be {"lon", "lat"} or {"area"}', reason: 'point' };
			const v = value as Record<string, unknown>;
			const keys = Object.keys(v).sort().join(',');
			if (keys === 'area') {
				if (typeof v.area !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9 ]{0,11}$/.test(v.area.trim())) return { field: `${q.id}.area`, message: 'must be a postcode sector (e.g. B18 4) or an output area code (e.g. E00045123)', reason: 'area' };
				return null;
			}
			if (keys === 'lat,lon') {
				const ok = (n: unknown, limit: number) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit;
				if (!ok(v.lon, 180)) return { field: `${q.id}.lon`, message: 'must be a longitude in degrees', reason: 'point' };
				if (!ok(v.lat, 90)) return { field: `${q.id}.lat`, message: 'must be a latitude in degrees', reason: 'point' };
				return null;
			}
			return { message: 'must be {"lon", "lat"} or {"area"}', reason: 'point' };
		}
	}
}

function normalise(q: Question, value: unknown): Answer {
	if (q.type === 'text') return (value as string).trim();
	if (q.type === 'location' && 'area' in (value as object)) return { area: normaliseArea((value as { area: string }).area) };
	if (q.type === 'location') return { lon: (value as { lon: number }).lon, lat: (value as { lat: number }).lat };
	if (q.type === 'multi') return [...(value as string[])];
	return value as Answer;
}

/** Area codes as stored: upper case, single spaces ("b18  4" -> "B18 4"). */
export function normaliseArea(code: string): string {
	return code.trim().toUpperCase().replace(/\s+/g, ' ');
}

/** JSON with object keys sorted at every depth: equal content gives equal text, whatever the key order. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as object)
			.sort()
			.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
			.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/** What a response adds to the person-level skills store; null when it names no skill group. */
export interface ResidentSkillAnswers {
	skillGroupId: string;
	qualificationLevel: number | null;
	overseasQualification: boolean;
	englishTestPassed: boolean;
	professionallyRegistered: boolean;
	/** Main language first (choice labels). */
	languages: string[];
	location: LocationAnswer;
}

export function toResidentSkills(definition: QuestionnaireDefinition, answers: Answers): ResidentSkillAnswers | null {
	const byField = new Map<ResidentField, Question>();
	for (const q of definition.questions) if (q.maps) byField.set(q.maps, q);
	const chosen = (field: ResidentField) => {
		const q = byField.get(field);
		const a = q ? answers[q.id] : undefined;
		return typeof a === 'string' ? q!.choices?.find((c) => c.code === a) : undefined;
	};
	const skillGroup = chosen('skill-group')?.value;
	const locationQ = byField.get('location');
	const location = locationQ ? (answers[locationQ.id] as LocationAnswer | undefined) : undefined;
	if (typeof skillGroup !== 'string' || !location) return null;
	const level = chosen('qualification-level')?.value;
	const overseasQ = byField.get('overseas-qualification');
	const main = chosen('main-language');
	const languagesQ = byField.get('languages');
	const others = languagesQ && Array.isArray(answers[languagesQ.id]) ? (answers[languagesQ.id] as string[]) : [];
	const label = (q: Question | undefined, code: string) => q?.choices?.find((c) => c.code === code)?.label ?? code;
	const languages = [...(main ? [main.label] : []), ...others.map((c) => label(languagesQ, c)).filter((l) => l !== main?.label)];
	return {
		skillGroupId: skillGroup,
		qualificationLevel: typeof level === 'number' ? level : null,
		overseasQualification: overseasQ ? answers[overseasQ.id] === true : false,
		englishTestPassed: chosen('english-test')?.value === true,
		professionallyRegistered: chosen('registration')?.value === true,
		languages: languages.slice(0, 12),
		location
	};
}
