import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, SYSTEM_ACTOR } from '../../src/lib/server/audit/log';
import { createAccount } from '../../src/lib/server/auth/service';
import type { User } from '../../src/lib/server/auth/queries';
import { DomainError } from '../../src/lib/server/errors';
import { currentQuestionnaire, publishQuestionnaireVersion, questionnaireVersion } from '../../src/lib/server/questionnaires/service';
import { findResearcher } from '../../src/lib/server/questionnaires/queries';
import { listResidentRecords } from '../../src/lib/server/restricted/records';
import { importPaperResponses, listResponses, reviewResponse, submitResponse, withdrawResponse } from '../../src/lib/server/restricted/responses/service';
import { issueOwedVoucher, ownStanding, setVoucherRule, voucherLedger } from '../../src/lib/server/restricted/responses/vouchers';
import { ensurePublication } from '../../src/lib/server/restricted/publication';
import { publicationStamp } from '../../src/lib/server/restricted/queries';
import { responseCoverage } from '../../src/lib/server/restricted/responses/coverage';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
let researcher: User;
let other: User;
let coordinator: User;
let admin: User;
const PASSWORD = 'a long enough passphrase';
// Winson Green, inside Greater Icknield.
const POINT = { lon: -1.94512, lat: 52.49233 };

const answers = (extra: Record<string, unknown> = {}) => ({
	consent: true,
	age_band: '35-49',
	main_language: 'ur',
	location: POINT,
	occupation: 'nurse',
	overseas_qualification: true,
	english_test: 'passed',
	ideas: 'a community kitchen',
	...extra
});

async function refusal(pending: Promise<unknown>): Promise<DomainError> {
	try {
		await pending;
	} catch (err) {
		if (err instanceof DomainError) return err;
		throw err;
	}
	throw new Error('expected a refusal');
}

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
	const make = (username: string, role: 'researcher' | 'coordinator' | 'administrator') => createAccount(database.db, SYSTEM_ACTOR, { username, displayName: username, role, password: PASSWORD });
	researcher = await make('q.researcher', 'researcher');
	other = await make('q.other', 'researcher');
	coordinator = await make('q.coordinator', 'coordinator');
	admin = await make('q.admin', 'administrator');
}, 180_000);
afterAll(async () => {
	await database?.close();
});

describe('questionnaire versions', () => {
	it('starts at version 1, the default questionnaire, and publishes checked new versions that leave old ones readable', async () => {
		const v1 = await currentQuestionnaire(database.db);
		expect(v1.version).toBe(1);
		expect(v1.definition.sections.map((s) => s.id)).toContain('skills');
		const edited = structuredClone(v1.definition);
		edited.questions.find((q) => q.id === 'ideas')!.label = 'What would you love to start here?';
		const bad = await refusal(publishQuestionnaireVersion(database.db, admin, JSON.stringify({ ...edited, title: '' }), 1));
		expect(bad.kind).toBe('invalid');
		expect(bad.message).toMatch(/title must be a text/);
		expect((await refusal(publishQuestionnaireVersion(database.db, researcher, JSON.stringify(edited), 1))).kind).toBe('forbidden');
		const v2 = await publishQuestionnaireVersion(database.db, admin, JSON.stringify(edited), 1);
		expect(v2.version).toBe(2);
		expect((await refusal(publishQuestionnaireVersion(database.db, admin, JSON.stringify(edited), 1))).kind).toBe('conflict');
		expect((await questionnaireVersion(database.db, 1))!.definition.questions.find((q) => q.id === 'ideas')!.label).not.toBe('What would you love to start here?');
		expect((await currentQuestionnaire(database.db)).version).toBe(2);
	});
});

describe('responses', () => {
	it('stores the first delivery (created), ignores the same again (unchanged), refuses changed content (conflict)', async () => {
		const id = randomUUID();
		expect(await submitResponse(database.db, researcher, { id, questionnaireVersion: 1, answers: answers() })).toEqual({ id, outcome: 'created' });
		// Same content, keys in another order: still the same.
		const reordered = Object.fromEntries(Object.entries(answers()).reverse());
		expect(await submitResponse(database.db, researcher, { id, questionnaireVersion: 1, answers: reordered })).toEqual({ id, outcome: 'unchanged' });
		expect((await refusal(submitResponse(database.db, researcher, { id, questionnaireVersion: 1, answers: answers({ ideas: 'changed' }) }))).kind).toBe('conflict');
		// Another researcher cannot claim the id either.
		expect((await refusal(submitResponse(database.db, other, { id, questionnaireVersion: 1, answers: answers() }))).kind).toBe('conflict');
		const own = await listResponses(database.db, researcher);
		expect(own.responses.filter((r) => r.id === id)).toHaveLength(1);
		expect(own.responses[0]!.researcherId).toBe(researcher.id);
	});

	it('counts a response delivered twice at once only once', async () => {
		const id = randomUUID();
		const outcomes = await Promise.all([1, 2, 3].map(() => submitResponse(database.db, researcher, { id, questionnaireVersion: 1, answers: answers({ ideas: 'racing' }) })));
		expect(outcomes.map((o) => o.outcome).sort()).toEqual(['created', 'unchanged', 'unchanged']);
	});

	it('adds a skills record snapped to the cell (never the point given) and marks the publication stale', async () => {
		await ensurePublication(database.db, 'greater-icknield', { k: 10, roundingBase: 5 });
		expect(await publicationStamp(database.db, 'greater-icknield')).toBeDefined();
		const id = randomUUID();
		await submitResponse(database.db, researcher, { id, questionnaireVersion: 1, answers: answers({ occupation: 'doctor' }) });
		expect(await publicationStamp(database.db, 'greater-icknield')).toBeUndefined();
		const records = await listResidentRecords(database.db, researcher, { purpose: 'read', limit: 500 });
		const doctor = records.records.find((r) => r.skillGroupId === 'medical-clinical');
		expect(doctor).toBeDefined();
		expect(doctor!.overseasQualification).toBe(true);
		expect(doctor!.englishTestPassed).toBe(true);
		expect(doctor!.languages[0]).toBe('Urdu');
		expect(doctor!.cell).not.toEqual(POINT);
		const stored = (await listResponses(database.db, researcher)).responses.find((r) => r.id === id)!;
		expect(stored.answers.location).toEqual(doctor!.cell);
	});

	it('refuses unknown codes, missing consent and places outside the atlas, naming the field', async () => {
		const e1 = await refusal(submitResponse(database.db, researcher, { id: randomUUID(), questionnaireVersion: 1, answers: answers({ occupation: 'wizard', consent: false }) }));
		expect(e1.kind).toBe('invalid');
		expect(e1.fields.map((f) => f.field).sort()).toEqual(['answers.consent', 'answers.occupation']);
		const e2 = await refusal(submitResponse(database.db, researcher, { id: randomUUID(), questionnaireVersion: 1, answers: answers({ location: { lon: 0.1, lat: 51.5 } }) }));
		expect(e2.fields[0]!.field).toBe('answers.location');
		const e3 = await refusal(submitResponse(database.db, researcher, { id: randomUUID(), questionnaireVersion: 99, answers: answers() }));
		expect(e3.fields[0]!.field).toBe('questionnaireVersion');
		expect((await refusal(submitResponse(database.db, coordinator, { id: randomUUID(), questionnaireVersion: 1, answers: answers() }))).kind).toBe('forbidden');
	});

	it('withdrawn consent deletes the response and its skills record, audited', async () => {
		const id = randomUUID();
		await submitResponse(database.db, other, { id, questionnaireVersion: 1, answers: answers({ occupation: 'trades' }) });
		const before = (await listResidentRecords(database.db, other, { purpose: 'read' })).total;
		expect((await refusal(withdrawResponse(database.db, researcher, id))).kind).toBe('not_found');
		await withdrawResponse(database.db, other, id);
		expect((await listResidentRecords(database.db, other, { purpose: 'read' })).total).toBe(before - 1);
		expect((await listResponses(database.db, other)).responses.find((r) => r.id === id)).toBeUndefined();
		const audit = await listAudit(database.db, { action: 'delete' });
		expect(audit.some((e) => e.subject === 'questionnaire_response' && (e.detail as { id?: string }).id === id)).toBe(true);
	});
});

describe('validation and vouchers', () => {
	it('pays £20 per 10 validated up to the cap, issues what is owed once, and follows a changed rule', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 12; i++) {
			const id = randomUUID();
			ids.push(id);
			await submitResponse(database.db, other, { id, questionnaireVersion: 1, answers: answers({ ideas: `idea ${i}` }) });
		}
		expect((await refusal(reviewResponse(database.db, other, ids[0]!, 'validated', null))).kind).toBe('forbidden');
		expect((await refusal(reviewResponse(database.db, coordinator, ids[0]!, 'rejected', ' '))).kind).toBe('invalid');
		for (const id of ids.slice(0, 11)) await reviewResponse(database.db, coordinator, id, 'validated', null);
		await reviewResponse(database.db, coordinator, ids[11]!, 'rejected', 'answers unreadable');
		const mine = await ownStanding(database.db, other);
		expect(mine.standing).toMatchObject({ validated: 11, rejected: 1, earnedPence: 2000, issuedPence: 0, owedPence: 2000 });
		expect(await issueOwedVoucher(database.db, coordinator, other.id, null)).toEqual({ amountPence: 2000 });
		expect((await refusal(issueOwedVoucher(database.db, coordinator, other.id, null))).kind).toBe('invalid');
		await setVoucherRule(database.db, admin, { amountPence: 1000, batchSize: 2, capPence: 5000 });
		const ledger = await voucherLedger(database.db, coordinator);
		expect(ledger.researchers.find((r) => r.researcherId === other.id)).toMatchObject({ validated: 11, earnedPence: 5000, issuedPence: 2000, owedPence: 3000 });
		await setVoucherRule(database.db, admin, { amountPence: 2000, batchSize: 10, capPence: 10000 });
	});
});

describe('paper forms', () => {
	const row = (values: Record<string, string>, n: number) => ({
		row: n,
		values: { researcher: 'q.researcher', consent: 'yes', age_band: '25-34', main_language: 'pa', 'location.lon': String(POINT.lon), 'location.lat': String(POINT.lat), occupation: 'care', ideas: `paper ${n}`, ...values }
	});
	const find = (name: string) => findResearcher(database.db, name);

	it('imports nothing when one row is bad, naming row and field for each problem', async () => {
		const before = (await listResponses(database.db, admin, { limit: 500 })).total;
		const result = await importPaperResponses(database.db, coordinator, [row({}, 2), row({ researcher: '' }, 3), row({ occupation: 'pilot' }, 4), row({ overseas_qualification: 'perhaps' }, 5), row({ researcher: 'nobody' }, 6)], { commit: true, version: 1, findResearcher: find });
		expect(result.stored).toBe(0);
		expect(result.problems).toEqual([
			{ row: 3, field: 'researcher', message: "is required: the researcher's username on every row" },
			{ row: 4, field: 'occupation', message: expect.stringMatching(/"pilot" is not an answer code/) },
			{ row: 5, field: 'overseas_qualification', message: 'must be yes or no' },
			{ row: 6, field: 'researcher', message: '"nobody" is not a researcher\'s username' }
		]);
		expect((await listResponses(database.db, admin, { limit: 500 })).total).toBe(before);
	});

	it('imports all good rows in one go, and refuses the same forms typed up again as duplicates', async () => {
		const rows = [row({}, 2), row({ ideas: 'another' }, 3)];
		const preview = await importPaperResponses(database.db, coordinator, rows, { commit: false, version: 1, findResearcher: find });
		expect(preview.problems).toEqual([]);
		expect(preview.stored).toBe(0);
		expect((await importPaperResponses(database.db, coordinator, rows, { commit: true, version: 1, findResearcher: find })).stored).toBe(2);
		const again = await importPaperResponses(database.db, coordinator, [row({ ideas: 'new one' }, 2), row({ ideas: 'paper 2' }, 3), row({ ideas: 'another' }, 4)], { commit: true, version: 1, findResearcher: find });
		expect(again.stored).toBe(0);
		expect(again.problems).toEqual([
			{ row: 3, field: 'row', message: 'duplicates a response already stored' },
			{ row: 4, field: 'row', message: 'duplicates a response already stored' }
		]);
		const stored = (await listResponses(database.db, researcher, { limit: 500 })).responses.filter((r) => r.source === 'paper');
		expect(stored).toHaveLength(2);
	});

	it("lets a researcher import only their own forms", async () => {
		const result = await importPaperResponses(database.db, other, [row({ ideas: 'x' }, 2)], { commit: true, version: 1, findResearcher: find });
		expect(result.problems[0]).toMatchObject({ row: 2, field: 'researcher' });
	});
});

describe('coverage', () => {
	it('publishes response counts only through the privacy pipeline: rounded, never under k, withheld areas with their nearest hubs', async () => {
		const coverage = await responseCoverage(database.db, 'greater-icknield', { k: 10, roundingBase: 5 });
		expect(coverage.units.length).toBeGreaterThan(0);
		for (const unit of coverage.units) {
			if (unit.count !== null) {
				expect(unit.count % 5).toBe(0);
				expect(unit.count).toBeGreaterThanOrEqual(10);
			} else {
				expect(unit.nearestHubs.length).toBeGreaterThan(0);
			}
			if (unit.centre) expect(Math.round(unit.centre.lon * 1000)).toBeCloseTo(unit.centre.lon * 1000, 6);
		}
		expect(coverage.total === null || coverage.total % 5 === 0).toBe(true);
		// Three responses in a cell far from the others: withheld, not shown as 3.
		const json = JSON.stringify(coverage);
		expect(json).not.toMatch(/"count":[1-9],/);
	});
});
