/**
 * The skills pipeline's cases: residents moving from identified to in work, with the partner and
 * mentor assigned, the next step and its date, and the history of stages. Person-level: visible
 * to partners and administrators (every case) and to researchers (cases of residents they
 * collected); every read and change is written to the audit log in the same transaction, and
 * every change makes the published matching counts stale.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUuid } from '../../../domain/uuid';
import { writeAudit, type Actor } from '../../audit/log';
import { PIPELINE_STAGES, type Database, type PipelineStage, type Role } from '../../db/schema';
import { DomainError, invalid, notFound } from '../../errors';
import type { Viewer } from '../records';
import { markMatchingStale } from './publication';
import {
	insertCases,
	isActivePartner,
	listPartners,
	residentForCase,
	residentsWithoutCase,
	selectCase,
	selectCases,
	syntheticCandidates,
	updateCase,
	type CaseChange,
	type CaseDetail,
	type CaseSummary
} from './queries';

export type { CaseDetail, CaseSummary };

export const PIPELINE_ROLES: readonly Role[] = ['partner', 'researcher', 'administrator'];

function actor(viewer: Viewer): Actor {
	return { id: viewer.id, name: viewer.username, role: viewer.role };
}

function assertMayUse(viewer: Viewer): void {
	if (!PIPELINE_ROLES.includes(viewer.role)) throw new DomainError('forbidden', 'Only partners, researchers and administrators can use the pipeline.');
}

const LIMITS = { mentor: 120, nextStep: 500, note: 2000 } as const;

/** Checks what a form or body may set on a case; every problem named by field (422). */
function checkCaseFields(change: CaseChange & { historyNote?: string | null }): void {
	const issues: { field: string; message: string }[] = [];
	for (const field of ['mentor', 'nextStep', 'note', 'historyNote'] as const) {
		const value = change[field];
		if (value === undefined || value === null) continue;
		const max = field === 'historyNote' ? LIMITS.note : LIMITS[field];
		if (value.includes('\u0000')) issues.push({ field, message: 'must not contain a NUL character' });
		else if (value.length > max) issues.push({ field, message: `must be at most ${max} characters` });
	}
	if (change.nextStepOn) {
		const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(change.nextStepOn);
		const date = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : undefined;
		if (!m || !date || date.toISOString().slice(0, 10) !== change.nextStepOn || +m[1]! < 2000 || +m[1]! > 2100) issues.push({ field: 'nextStepOn', message: 'must be a date (YYYY-MM-DD)' });
	}
	if (change.partnerId && !isUuid(change.partnerId)) issues.push({ field: 'partnerId', message: 'is not an active partner' });
	if (change.stage !== undefined && !(PIPELINE_STAGES as readonly string[]).includes(change.stage)) issues.push({ field: 'stage', message: `must be one of ${PIPELINE_STAGES.join(', ')}` });
	if (issues.length) throw invalid(issues.map((i) => `${i.field} ${i.message}`).join('; ') + '.', issues);
}

/** Researchers see the cases of residents they collected; partners and administrators see all. */
function ownScope(viewer: Viewer): string | undefined {
	return viewer.role === 'researcher' ? viewer.id : undefined;
}

export async function listCases(
	db: Kysely<Database>,
	viewer: Viewer,
	options: { placeId?: string; stage?: PipelineStage; limit?: number; offset?: number }
): Promise<{ cases: CaseSummary[]; total: number }> {
	assertMayUse(viewer);
	const limit = Math.min(Math.max(options.limit ?? 100, 1), 500);
	const offset = Math.max(options.offset ?? 0, 0);
	return db.transaction().execute(async (trx) => {
		const result = await selectCases(trx, { placeId: options.placeId, stage: options.stage, collectedBy: ownScope(viewer) }, { limit, offset });
		await writeAudit(trx, actor(viewer), {
			action: 'read',
			subject: 'pipeline_case',
			recordCount: result.cases.length,
			detail: { placeId: options.placeId ?? null, stage: options.stage ?? null, offset, limit, scope: ownScope(viewer) ? 'own' : 'all' }
		});
		return result;
	});
}

export async function getCase(db: Kysely<Database>, viewer: Viewer, id: string): Promise<CaseDetail> {
	assertMayUse(viewer);
	if (!isUuid(id)) throw notFound(`There is no case with the id “${id}”.`);
	return db.transaction().execute(async (trx) => {
		const found = await selectCase(trx, id);
		if (!found || (ownScope(viewer) && found.collectedBy !== viewer.id)) throw notFound(`There is no case with the id “${id}” that you can see.`);
		await writeAudit(trx, actor(viewer), { action: 'read', subject: 'pipeline_case', recordCount: 1, detail: { caseId: id } });
		return found;
	});
}

export interface NewCase {
	residentId: string;
	stage?: PipelineStage;
	partnerId?: string | null;
	mentor?: string | null;
	nextStep?: string | null;
	nextStepOn?: string | null;
	note?: string | null;
}

/** Opens a case for a resident record (researchers: only their own residents). Returns its id. */
export async function openCase(db: Kysely<Database>, viewer: Viewer, input: NewCase): Promise<string> {
	assertMayUse(viewer);
	if (!isUuid(input.residentId)) throw invalid('Choose a resident record.', [{ field: 'residentId', message: 'is not a record id' }]);
	checkCaseFields(input);
	return db.transaction().execute(async (trx) => {
		const resident = await residentForCase(trx, input.residentId);
		if (!resident || (ownScope(viewer) && resident.collectedBy !== viewer.id)) throw notFound('There is no such resident record that you can see.');
		if (resident.hasCase) throw new DomainError('conflict', 'This resident already has a case in the pipeline.');
		if (input.partnerId && !(await isActivePartner(trx, input.partnerId))) throw invalid('Choose a partner from the list.', [{ field: 'partnerId', message: 'is not an active partner' }]);
		const id = randomUUID();
		await insertCases(trx, [
			{
				id,
				placeId: resident.placeId,
				residentId: input.residentId,
				stage: input.stage ?? 'identified',
				partnerId: input.partnerId ?? (viewer.role === 'partner' ? viewer.id : null),
				mentor: input.mentor ?? null,
				nextStep: input.nextStep ?? null,
				nextStepOn: input.nextStepOn ?? null,
				note: input.note ?? null,
				createdBy: viewer.id
			}
		]);
		await writeAudit(trx, actor(viewer), { action: 'create', subject: 'pipeline_case', recordCount: 1, detail: { caseId: id } });
		await markMatchingStale(trx, resident.placeId);
		return id;
	});
}

/** Moves a case to another stage and/or changes who works it and what comes next. */
export async function changeCase(db: Kysely<Database>, viewer: Viewer, id: string, change: CaseChange, historyNote: string | null = null): Promise<void> {
	assertMayUse(viewer);
	if (!isUuid(id)) throw notFound(`There is no case with the id “${id}”.`);
	checkCaseFields({ ...change, historyNote });
	await db.transaction().execute(async (trx) => {
		const found = await selectCase(trx, id);
		if (!found || (ownScope(viewer) && found.collectedBy !== viewer.id)) throw notFound(`There is no case with the id “${id}” that you can see.`);
		if (change.partnerId && !(await isActivePartner(trx, change.partnerId))) throw invalid('Choose a partner from the list.', [{ field: 'partnerId', message: 'is not an active partner' }]);
		const result = await updateCase(trx, id, change, viewer.id, historyNote);
		if (!result) throw notFound(`There is no case with the id “${id}”.`);
		await writeAudit(trx, actor(viewer), {
			action: 'update',
			subject: 'pipeline_case',
			recordCount: 1,
			detail: { caseId: id, ...(change.stage && change.stage !== result.before ? { from: result.before, to: change.stage } : {}) }
		});
		if (change.stage !== undefined) await markMatchingStale(trx, result.placeId);
	});
}

/** What the case forms offer: active partners, and residents (the viewer's own, for researchers) without a case. Audited as a read. */
export async function caseFormChoices(db: Kysely<Database>, viewer: Viewer, placeId: string): Promise<{ partners: { id: string; name: string }[]; residents: { id: string; skillGroupId: string; overseasQualification: boolean }[] }> {
	assertMayUse(viewer);
	return db.transaction().execute(async (trx) => {
		const partners = await listPartners(trx);
		const residents = viewer.role === 'partner' ? [] : await residentsWithoutCase(trx, { placeId, collectedBy: ownScope(viewer) }, 200);
		if (residents.length) await writeAudit(trx, actor(viewer), { action: 'read', subject: 'resident_skill', recordCount: residents.length, detail: { placeId, purpose: 'open_case' } });
		return { partners, residents };
	});
}

/**
 * Demo cases for the synthetic population (the seed): synthetic residents with an overseas
 * qualification (and some in entry-level groups) get a case, its stage drawn from a hash of its id (deterministic) and what its
 * record says (an English test passed skips language training; registration means ready).
 */
export async function insertSyntheticCases(db: Kysely<Database>, placeId: string): Promise<number> {
	const draw = (id: string, salt: string) => parseInt(createHash('sha256').update(salt + id).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;
	// Everyone overseas-qualified, and about a third of the care and facilities groups (the trust's
	// entry-level roles), so that the demo has counts large enough to publish.
	const people = (await syntheticCandidates(db, placeId, ['care-support', 'facilities'])).filter((p) => p.overseasQualification || draw(p.id, 'take:') < 0.35);
	const cases = people.map((p) => {
		const d = draw(p.id, 'stage:');
		let stage: PipelineStage = d < 0.45 ? 'identified' : d < 0.65 ? 'language_training' : d < 0.82 ? 'accreditation' : d < 0.93 ? 'ready_for_work' : 'in_work';
		if (stage === 'language_training' && p.englishTestPassed) stage = 'accreditation';
		if (stage === 'accreditation' && p.professionallyRegistered) stage = 'ready_for_work';
		return { id: randomUUID(), placeId, residentId: p.id, stage, partnerId: null, mentor: null, nextStep: null, nextStepOn: null, note: null, createdBy: null };
	});
	for (let at = 0; at < cases.length; at += 300) await insertCases(db, cases.slice(at, at + 300));
	await markMatchingStale(db, placeId);
	return cases.length;
}

/** Active partners a case can be assigned to (account names only). */
export async function pipelinePartners(db: Kysely<Database>, viewer: Viewer): Promise<{ id: string; name: string }[]> {
	assertMayUse(viewer);
	return listPartners(db);
}
