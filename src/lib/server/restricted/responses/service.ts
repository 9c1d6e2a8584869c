/**
 * Questionnaire responses (person-level). Every response carries the researcher who collected it;
 * its id is made on the device and ODK Central's rules make sync exactly-once: the same id and
 * content again is a no-op, changed content under a known id is refused (409). A response whose
 * occupation is in the skills taxonomy adds one record to the skills store the publication reads
 * (its location snapped to the 250 m cell, never stored as given) and marks the place's
 * publication stale. Reads, changes and withdrawals are audited in the same transaction.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hexCellCentre } from '../../../domain/cells/hex';
import { answersFromText, canonicalJson, checkAnswers, normaliseArea, toResidentSkills, type Answers, type LocationAnswer } from '../../../domain/questionnaire/answers';
import { isUuid } from '../../../domain/uuid';
import { writeAudit, type Actor } from '../../audit/log';
import type { Database, Role } from '../../db/schema';
import { conflict, DomainError, forbidden, invalid, notFound, type FieldIssue } from '../../errors';
import { skillGroupExists } from '../../assets/queries';
import { questionnaireVersion } from '../../questionnaires/service';
import { deletePublication, deleteResident, insertResident, locateInPlace } from '../queries';
import { BASE_CELL_SIZE_M } from '../records';
import {
	areaPoint,
	deleteResponse,
	findResponse,
	insertResponse,
	linkResidentSkill,
	lockResponseId,
	placeAt,
	projectedToLonLat,
	selectResponses,
	updateResponseStatus,
	type ResponseStatus,
	type StoredResponse
} from './queries';

export type { StoredResponse, ResponseStatus };

export interface Viewer {
	id: string;
	username: string;
	role: Role;
}

export interface ResponseInput {
	id: string;
	questionnaireVersion: number;
	answers: unknown;
}

export const COLLECTING_ROLES: readonly Role[] = ['researcher', 'administrator'];
export const REVIEWING_ROLES: readonly Role[] = ['coordinator', 'administrator'];

const actor = (v: Viewer): Actor => ({ id: v.id, name: v.username, role: v.role });

/** SHA-256 of the canonical content: what "the same content" means for a repeated id. */
export function contentHash(questionnaireVersionNumber: number, answers: Answers): string {
	return createHash('sha256').update(canonicalJson({ questionnaireVersion: questionnaireVersionNumber, answers })).digest('hex');
}

/** A checked response, located, ready to store. */
interface PreparedResponse {
	id: string;
	version: number;
	answers: Answers;
	hash: string;
	placeId: string;
	/** Cell centre in the place's projected CRS, and that CRS. */
	cell: { x: number; y: number };
	srid: number;
	locationSource: 'postcode_sector' | 'output_area' | 'chosen_point';
	skills: ReturnType<typeof toResidentSkills>;
}

/** Checks answers and resolves the location to its place and cell; throws invalid naming every field. */
async function prepare(db: Kysely<Database>, input: ResponseInput): Promise<PreparedResponse> {
	if (typeof input.id !== 'string' || !isUuid(input.id)) throw invalid('"id" must be a uuid made on the device', [{ field: 'id', message: 'must be a uuid' }]);
	const version = await questionnaireVersion(db, input.questionnaireVersion);
	if (!version) throw invalid(`"questionnaireVersion" ${input.questionnaireVersion} does not exist`, [{ field: 'questionnaireVersion', message: 'is not a published version' }]);
	const { answers, problems } = checkAnswers(version.definition, input.answers);
	const fail = (issues: FieldIssue[]) => invalid(issues.map((p) => `"${p.field}" ${p.message}`).join('; '), issues);
	if (problems.length) throw fail(problems.map((p) => ({ field: p.field === 'answers' ? 'answers' : `answers.${p.field}`, message: p.message })));
	const locationQuestion = version.definition.questions.find((q) => q.maps === 'location')!;
	const location = answers[locationQuestion.id] as LocationAnswer | undefined;
	if (!location) throw fail([{ field: `answers.${locationQuestion.id}`, message: 'is required' }]);
	let point: { lon: number; lat: number };
	let locationSource: PreparedResponse['locationSource'] = 'chosen_point';
	if ('area' in location) {
		const area = await areaPoint(db, location.area);
		if (!area) throw fail([{ field: `answers.${locationQuestion.id}.area`, message: `"${location.area}" is not a postcode sector or output area loaded here` }]);
		point = area;
		locationSource = area.areaType === 'postcode_sector' ? 'postcode_sector' : 'output_area';
	} else point = location;
	const placeId = await placeAt(db, point.lon, point.lat);
	if (!placeId) throw fail([{ field: `answers.${locationQuestion.id}`, message: 'is outside every place this atlas covers' }]);
	const located = (await locateInPlace(db, placeId, point.lon, point.lat))!;
	const skills = toResidentSkills(version.definition, answers);
	if (skills && !(await skillGroupExists(db, skills.skillGroupId))) throw fail([{ field: 'answers', message: `maps to the skill group "${skills.skillGroupId}", which no longer exists` }]);
	return {
		id: input.id.toLowerCase(),
		version: version.version,
		answers,
		hash: contentHash(version.version, answers),
		placeId,
		cell: hexCellCentre(located.x, located.y, BASE_CELL_SIZE_M),
		srid: located.srid,
		locationSource,
		skills
	};
}

/** Stores a prepared response for `researcherId` (the id must be locked and unused). */
async function store(trx: Kysely<Database>, by: Viewer, researcherId: string, p: PreparedResponse, source: 'online' | 'paper'): Promise<void> {
	const locationQuestionId = Object.keys(p.answers).find((k) => typeof p.answers[k] === 'object' && !Array.isArray(p.answers[k]));
	const stored: Record<string, unknown> = { ...p.answers };
	const cell = await projectedToLonLat(trx, p.cell.x, p.cell.y, p.srid);
	// Only the cell is kept of a picked point; an area code is kept as it is (no finer than a cell).
	if (locationQuestionId && 'lon' in (p.answers[locationQuestionId] as object)) stored[locationQuestionId] = cell;
	if (locationQuestionId && 'area' in (p.answers[locationQuestionId] as object)) stored[locationQuestionId] = { area: normaliseArea((p.answers[locationQuestionId] as { area: string }).area) };
	const inserted = await insertResponse(trx, {
		id: p.id,
		questionnaireVersion: p.version,
		contentHash: p.hash,
		answersJson: JSON.stringify(stored),
		researcherId,
		placeId: p.placeId,
		cell,
		source
	});
	if (!inserted) throw conflict(`A response with id ${p.id} is already stored.`);
	if (p.skills) {
		const residentId = randomUUID();
		await insertResident(
			trx,
			{
				id: residentId,
				placeId: p.placeId,
				skillGroupId: p.skills.skillGroupId,
				qualificationLevel: p.skills.qualificationLevel,
				overseasQualification: p.skills.overseasQualification,
				englishTestPassed: p.skills.englishTestPassed,
				professionallyRegistered: p.skills.professionallyRegistered,
				languages: p.skills.languages,
				cell: p.cell,
				locationSource: p.locationSource,
				collectedBy: researcherId,
				synthetic: false
			},
			p.srid
		);
		await linkResidentSkill(trx, p.id, residentId);
		await deletePublication(trx, p.placeId);
	}
	await writeAudit(trx, actor(by), {
		action: 'create',
		subject: 'questionnaire_response',
		recordCount: 1,
		detail: { id: p.id, source, researcherId, questionnaireVersion: p.version, addedToSkills: !!p.skills }
	});
}

/**
 * Stores a response collected by the viewer: 'created' the first time, 'unchanged' for the same
 * id and content again (nothing written), a conflict for changed content under a known id.
 */
export async function submitResponse(db: Kysely<Database>, viewer: Viewer, input: ResponseInput): Promise<{ id: string; outcome: 'created' | 'unchanged' }> {
	if (!COLLECTING_ROLES.includes(viewer.role)) throw forbidden('Only researchers and administrators collect questionnaires.');
	const prepared = await prepare(db, input);
	return db.transaction().execute(async (trx) => {
		await lockResponseId(trx, prepared.id);
		const existing = await findResponse(trx, prepared.id);
		if (existing) {
			if (existing.contentHash === prepared.hash && existing.researcherId === viewer.id) return { id: prepared.id, outcome: 'unchanged' as const };
			throw conflict(`A different response is already stored under id ${prepared.id}: a stored response is never overwritten. Give changed answers a new id.`);
		}
		await store(trx, viewer, viewer.id, prepared, 'online');
		return { id: prepared.id, outcome: 'created' as const };
	});
}

/**
 * Coordinators validate forms they did not collect, and need the coded answers for it (is the
 * occupation plausible, is the location in the place); the free text (ideas, passions, groups)
 * stays with the researcher who collected it and administrators. Answers to text questions of the
 * response's own version are dropped; a version that cannot be read leaves no answers at all.
 */
async function codedAnswersOnly(db: Kysely<Database>, responses: StoredResponse[]): Promise<StoredResponse[]> {
	const textIds = new Map<number, Set<string> | undefined>();
	for (const version of new Set(responses.map((r) => r.questionnaireVersion))) {
		const found = await questionnaireVersion(db, version);
		textIds.set(version, found && new Set(found.definition.questions.filter((q) => q.type === 'text').map((q) => q.id)));
	}
	return responses.map((r) => {
		const text = textIds.get(r.questionnaireVersion);
		return { ...r, answers: text ? Object.fromEntries(Object.entries(r.answers).filter(([id]) => !text.has(id))) : {} };
	});
}

/**
 * Responses the viewer may read: a researcher's own, everyone's for coordinators (coded answers
 * only, see codedAnswersOnly) and administrators. Audited.
 */
export async function listResponses(
	db: Kysely<Database>,
	viewer: Viewer,
	options: { status?: ResponseStatus; limit?: number; offset?: number } = {}
): Promise<{ responses: StoredResponse[]; total: number }> {
	const own = viewer.role === 'researcher';
	if (!own && !REVIEWING_ROLES.includes(viewer.role)) throw forbidden('Your account does not give access to questionnaire responses.');
	const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
	const offset = Math.max(options.offset ?? 0, 0);
	return db.transaction().execute(async (trx) => {
		const result = await selectResponses(trx, { researcherId: own ? viewer.id : undefined, status: options.status }, { limit, offset });
		const codedOnly = viewer.role === 'coordinator';
		await writeAudit(trx, actor(viewer), {
			action: 'read',
			subject: 'questionnaire_response',
			recordCount: result.responses.length,
			detail: { scope: own ? 'own' : 'all', status: options.status ?? null, limit, offset, freeText: !codedOnly }
		});
		return codedOnly ? { ...result, responses: await codedAnswersOnly(trx, result.responses) } : result;
	});
}

/** A coordinator or administrator validates or rejects (with a reason) a response. Audited. */
export async function reviewResponse(db: Kysely<Database>, viewer: Viewer, id: string, decision: 'validated' | 'rejected' | 'pending', reason: string | null): Promise<void> {
	if (!REVIEWING_ROLES.includes(viewer.role)) throw forbidden('Only coordinators and administrators validate questionnaires.');
	if (!isUuid(id)) throw notFound('No such response.');
	if (decision === 'rejected' && !reason?.trim()) throw invalid('"reason" is required to reject a response', [{ field: 'reason', message: 'is required to reject a response' }]);
	await db.transaction().execute(async (trx) => {
		const existing = await findResponse(trx, id);
		if (!existing) throw notFound('No such response.');
		if (existing.researcherId === viewer.id) throw forbidden('A response cannot be validated by the person who collected it.');
		await updateResponseStatus(trx, id, decision, reason?.trim() || null, viewer.id);
		await writeAudit(trx, actor(viewer), { action: 'update', subject: 'questionnaire_response', recordCount: 1, detail: { id, status: decision } });
	});
}

/**
 * Withdrawn consent: deletes the response and the skills record it added, and drops the place's
 * publication so the published layers are rebuilt without it. The researcher who collected it,
 * a coordinator or an administrator may do it. Audited.
 */
export async function withdrawResponse(db: Kysely<Database>, viewer: Viewer, id: string): Promise<void> {
	if (!isUuid(id)) throw notFound('No such response among those you can see.');
	await db.transaction().execute(async (trx) => {
		const existing = await findResponse(trx, id);
		const mayDelete = existing && (REVIEWING_ROLES.includes(viewer.role) || (viewer.role === 'researcher' && existing.researcherId === viewer.id));
		if (!existing || !mayDelete) throw notFound('No such response among those you can see.');
		const deleted = (await deleteResponse(trx, id))!;
		if (deleted.residentSkillId) await deleteResident(trx, deleted.residentSkillId, {});
		await deletePublication(trx, deleted.placeId);
		await writeAudit(trx, actor(viewer), { action: 'delete', subject: 'questionnaire_response', recordCount: 1, detail: { id, reason: 'consent withdrawn', skillsRecordDeleted: !!deleted.residentSkillId } });
	});
}

// ---------------------------------------------------------------- paper forms

/** One typed-up paper form: its row number in the file and its values by column name. */
export interface PaperRow {
	row: number;
	values: Record<string, string>;
}

export interface PaperProblem {
	row: number;
	field: string;
	message: string;
}

export interface PaperPreview {
	rows: { row: number; researcher: string; id: string; addsToSkills: boolean }[];
	problems: PaperProblem[];
}

export const MAX_PAPER_ROWS = 500;

/** A paper form's id: derived from its researcher and content, so typing the same form up twice is caught. */
function paperId(researcherId: string, hash: string): string {
	const h = createHash('sha256').update(`${researcherId}:${hash}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function preparePaper(
	db: Kysely<Database>,
	viewer: Viewer,
	rows: readonly PaperRow[],
	version: number,
	findResearcher: (nameOrId: string) => Promise<{ id: string; username: string } | undefined>
): Promise<{ prepared: { row: number; researcherId: string; researcher: string; p: PreparedResponse }[]; problems: PaperProblem[] }> {
	const problems: PaperProblem[] = [];
	const prepared: { row: number; researcherId: string; researcher: string; p: PreparedResponse }[] = [];
	const definition = (await questionnaireVersion(db, version))?.definition;
	if (!definition) return { prepared, problems: [{ row: 0, field: 'questionnaire_version', message: `version ${version} does not exist` }] };
	const seen = new Map<string, number>();
	for (const { row, values } of rows) {
		const name = (values.researcher ?? '').trim();
		if (!name) {
			problems.push({ row, field: 'researcher', message: "is required: the researcher's username on every row" });
			continue;
		}
		const researcher = await findResearcher(name);
		if (!researcher) {
			problems.push({ row, field: 'researcher', message: `"${name}" is not a researcher's username` });
			continue;
		}
		if (viewer.role === 'researcher' && researcher.id !== viewer.id) {
			problems.push({ row, field: 'researcher', message: `you can import only your own forms, not ${name}'s` });
			continue;
		}
		const answers = answersFromText(definition, (column) => (values[column] === undefined ? [] : [values[column]!]));
		const { answers: checked, problems: answerProblems } = checkAnswers(definition, answers);
		if (answerProblems.length) {
			for (const p of answerProblems) problems.push({ row, field: p.field, message: p.message });
			continue;
		}
		const hash = contentHash(version, checked);
		const id = paperId(researcher.id, hash);
		try {
			const p = await prepare(db, { id, questionnaireVersion: version, answers: checked });
			const earlier = seen.get(id);
			if (earlier !== undefined) {
				problems.push({ row, field: 'row', message: `repeats row ${earlier} of this file` });
				continue;
			}
			seen.set(id, row);
			if (await findResponse(db, id)) {
				problems.push({ row, field: 'row', message: 'duplicates a response already stored' });
				continue;
			}
			prepared.push({ row, researcherId: researcher.id, researcher: researcher.username, p });
		} catch (err) {
			if (!(err instanceof DomainError)) throw err;
			const fields = err.fields.length ? err.fields : [{ field: 'row', message: err.message }];
			for (const f of fields) problems.push({ row, field: f.field.replace(/^answers\./, ''), message: f.message });
		}
	}
	return { prepared, problems };
}

/**
 * Typed-up paper forms: checks every row (researcher named on each, answer codes, types,
 * duplicates of stored responses and of other rows) and, unless `commit` is false, stores all of
 * them in one transaction, or none when any row has a problem.
 */
export async function importPaperResponses(
	db: Kysely<Database>,
	viewer: Viewer,
	rows: readonly PaperRow[],
	options: { commit: boolean; version: number; findResearcher: (nameOrId: string) => Promise<{ id: string; username: string } | undefined> }
): Promise<PaperPreview & { stored: number }> {
	if (!COLLECTING_ROLES.includes(viewer.role) && !REVIEWING_ROLES.includes(viewer.role)) throw forbidden('Your account cannot import questionnaires.');
	if (rows.length === 0) throw invalid('The file holds no forms: a header row and one row per form.', [{ field: 'file', message: 'holds no rows' }]);
	if (rows.length > MAX_PAPER_ROWS) throw invalid(`The file holds ${rows.length} rows; import at most ${MAX_PAPER_ROWS} at a time.`, [{ field: 'file', message: `has more than ${MAX_PAPER_ROWS} rows` }]);
	const { prepared, problems } = await preparePaper(db, viewer, rows, options.version, options.findResearcher);
	const preview: PaperPreview = { rows: prepared.map((r) => ({ row: r.row, researcher: r.researcher, id: r.p.id, addsToSkills: !!r.p.skills })), problems };
	if (!options.commit || problems.length) return { ...preview, stored: 0 };
	await db.transaction().execute(async (trx) => {
		for (const r of prepared) {
			await lockResponseId(trx, r.p.id);
			if (await findResponse(trx, r.p.id)) throw conflict(`Row ${r.row} was stored by someone else meanwhile; nothing was imported.`);
			await store(trx, viewer, r.researcherId, r.p, 'paper');
		}
	});
	return { ...preview, stored: prepared.length };
}
