import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, SYSTEM_ACTOR } from '../../src/lib/server/audit/log';
import { createAccount } from '../../src/lib/server/auth/service';
import type { User } from '../../src/lib/server/auth/queries';
import { candidateKey, STAGES } from '../../src/lib/domain/matching/candidates';
import { removeCrosswalkEntry, saveCrosswalkEntry } from '../../src/lib/server/matching/crosswalk';
import { getCandidateCells, getSiteMatching } from '../../src/lib/server/matching/matching';
import { listVacancies, readMatchingTotals } from '../../src/lib/server/matching/queries';
import { importVacancies, refusalProblems, removeVacancyList } from '../../src/lib/server/matching/vacancies';
import { changeCase, getCase, listCases, openCase } from '../../src/lib/server/restricted/pipeline/cases';
import { createResidentRecord } from '../../src/lib/server/restricted/records';
import { candidatesForPublication } from '../../src/lib/server/restricted/pipeline/queries';
import { roundForRelease } from '../../src/lib/domain/privacy/rounding';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
let partner: User;
let researcher: User;
let otherResearcher: User;
let admin: User;
const PASSWORD = 'a long enough passphrase';
const HOSPITAL = 'midland-metropolitan-university-hospital';
const encoder = new TextEncoder();

function inDays(days: number): string {
	return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** True number of cases of a group at a stage (the test reads the restricted table directly). */
async function truth(group: string, stage: string): Promise<number> {
	return (await candidatesForPublication(database.db, 'greater-icknield', 27700)).filter((c) => c.skillGroupId === group && c.stage === stage).length;
}

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
	const make = (username: string, role: User['role']) => createAccount(database.db, SYSTEM_ACTOR, { username, displayName: username, role, password: PASSWORD });
	partner = await make('partner.m', 'partner');
	researcher = await make('researcher.m', 'researcher');
	otherResearcher = await make('researcher.n', 'researcher');
	admin = await make('admin.m', 'administrator');
}, 240_000);
afterAll(async () => {
	await database?.close();
});

describe('vacancy import', () => {
	it('imports the example CSV: sites by id or name, roles by crosswalk or SOC code, closed vacancies out of the live counts', async () => {
		const bytes = await fs.readFile('tests/fixtures/vacancies/trust-vacancies.csv');
		const report = await importVacancies(database.db, { fileName: 'trust-vacancies.csv', bytes, today: '2026-12-01' });
		expect(report).toMatchObject({ list: 'trust-vacancies', vacancies: 7, posts: 36, replaced: 0, dryRun: false });
		expect(report.rows.map((r) => [r.role, r.siteId, r.skillGroupId, r.matchedBy])).toEqual([
			['Staff nurse', HOSPITAL, 'nursing-midwifery', 'crosswalk'],
			['Midwife', HOSPITAL, 'nursing-midwifery', 'crosswalk'],
			['Healthcare assistant', HOSPITAL, 'care-support', 'crosswalk'],
			['Porter', HOSPITAL, 'facilities', 'crosswalk'],
			['Specialty doctor', HOSPITAL, 'medical-clinical', 'crosswalk'],
			['Radiographer', HOSPITAL, 'allied-health-scientific', 'crosswalk'],
			['Pharmacy technician', HOSPITAL, 'allied-health-scientific', 'soc_code']
		]);
		const stored = await listVacancies(database.db, { siteId: HOSPITAL });
		const radiographer = stored.find((v) => v.list === 'trust-vacancies' && v.role === 'Radiographer')!;
		expect(radiographer).toMatchObject({ closesOn: '2026-01-15', live: false, afcBand: '5', requiredRegistration: 'HCPC registration' });
		// Importing the same list again replaces it rather than adding to it.
		const again = await importVacancies(database.db, { fileName: 'trust-vacancies.csv', bytes });
		expect(again.replaced).toBe(7);
		expect((await listVacancies(database.db, { siteId: HOSPITAL })).filter((v) => v.list === 'trust-vacancies')).toHaveLength(7);
	});

	it('refuses a whole file with any bad row, naming row and field, and writes nothing', async () => {
		const csv = ['role,count,site,closing_date', `Staff nurse,3,${HOSPITAL},${inDays(30)}`, `Astronaut,2,${HOSPITAL},${inDays(30)}`, `Porter,two,nowhere,${inDays(30)}`].join('\n');
		const before = (await listVacancies(database.db, {})).length;
		const err = await importVacancies(database.db, { fileName: 'bad.csv', bytes: encoder.encode(csv) }).catch((e: unknown) => e);
		expect(refusalProblems(err)).toEqual([
			'row 4 (role "Porter"): count: "two" is not a whole number from 1 to 10000'
		]);
		const csv2 = ['role,count,site,closing_date', `Staff nurse,3,${HOSPITAL},${inDays(30)}`, `Astronaut,2,${HOSPITAL},${inDays(30)}`, `Porter,2,nowhere,${inDays(30)}`].join('\n');
		const err2 = await importVacancies(database.db, { fileName: 'bad.csv', bytes: encoder.encode(csv2) }).catch((e: unknown) => e);
		expect(refusalProblems(err2)).toEqual([
			'row 3 (role "Astronaut"): role: "Astronaut" is not in the role crosswalk; add it on /matching/crosswalk or give the row a soc_code',
			'row 4 (role "Porter"): site: "nowhere" is not the id or name of a site here (e.g. "chamberlain-gardens", "city-hospital-site", "icknield-port-loop")'
		]);
		expect((await listVacancies(database.db, {})).length).toBe(before);
	});

	it('reads XLSX through read-excel-file', async () => {
		const bytes = await fs.readFile('tests/fixtures/vacancies/trust-vacancies.xlsx');
		const report = await importVacancies(database.db, { fileName: 'trust-vacancies.xlsx', bytes, list: 'xlsx list', dryRun: true });
		expect(report.rows.map((r) => [r.role, r.count, r.closingDate])).toEqual([
			['Staff nurse', 12, '2027-03-31'],
			['Porter', 5, '2027-01-31']
		]);
		expect(report.dryRun).toBe(true);
		expect((await listVacancies(database.db, {})).filter((v) => v.list === 'xlsx list')).toHaveLength(0);
	});

	it('removes a whole list: its posts leave the site, other lists stay, an unknown list is refused', async () => {
		const livePosts = async () => (await listVacancies(database.db, { siteId: HOSPITAL, liveOnly: true })).reduce((n, v) => n + v.count, 0);
		const before = await livePosts();
		const others = (await listVacancies(database.db, {})).filter((v) => v.list !== 'withdrawn list').length;
		await importVacancies(database.db, { fileName: 'w.csv', list: 'withdrawn list', bytes: encoder.encode(`role,count,site,closing_date\nStaff nurse,4,${HOSPITAL},${inDays(20)}\nPorter,2,${HOSPITAL},${inDays(30)}\n`) });
		expect(await livePosts()).toBe(before + 6);
		await expect(removeVacancyList(database.db, '  withdrawn list ')).resolves.toEqual({ list: 'withdrawn list', places: 1 });
		expect(await livePosts()).toBe(before);
		expect((await listVacancies(database.db, {})).length).toBe(others);
		await expect(removeVacancyList(database.db, 'withdrawn list')).rejects.toMatchObject({ kind: 'not_found' });
		await expect(removeVacancyList(database.db, '   ')).rejects.toMatchObject({ kind: 'invalid' });
	});

	it('an edited crosswalk places a new role', async () => {
		await saveCrosswalkEntry(database.db, { role: 'Theatre  Practitioner', soc2020Code: '2259', nhsJobFamily: 'Allied health professionals', afcBand: 'Band 5' });
		const report = await importVacancies(database.db, { fileName: 'theatre.csv', bytes: encoder.encode(`role,count,site,closing_date\ntheatre practitioner,2,${HOSPITAL},${inDays(10)}\n`), dryRun: true });
		expect(report.rows[0]).toMatchObject({ skillGroupId: 'allied-health-scientific', band: '5', jobFamily: 'Allied health professionals' });
		await removeCrosswalkEntry(database.db, 'Theatre Practitioner');
		await expect(importVacancies(database.db, { fileName: 'theatre.csv', bytes: encoder.encode(`role,count,site,closing_date\ntheatre practitioner,2,${HOSPITAL},${inDays(10)}\n`) })).rejects.toThrow(/refused/);
	});
});

describe('matching publication and pipeline', () => {
	it('publishes candidates by stage through k and rounding, and a stage move changes the published counts', async () => {
		const matching = await getSiteMatching(database.db, HOSPITAL);
		const nurse = matching.roles.find((r) => r.role === 'Staff nurse')!;
		expect(nurse.liveVacancies).toBeGreaterThan(0);
		for (const stage of STAGES) {
			const count = nurse.candidates[stage];
			if (count !== null) expect(count === 0 || (count >= matching.k && count % matching.roundingBase === 0), `${stage} ${count}`).toBe(true);
			for (const cell of nurse.cells[stage]) if (cell.count !== null) expect(cell.count).toBeGreaterThanOrEqual(matching.k);
		}
		expect(matching.roles.some((r) => r.role === 'Radiographer' && r.liveVacancies > 0 && r.closesOn < inDays(0))).toBe(false);
		const cells = await getCandidateCells(database.db, { placeId: 'greater-icknield', skill: 'all', stage: 'all' });
		expect(cells.features.length).toBeGreaterThan(0);
		expect(cells.total).not.toBeNull();
	});

	it('keeps cases to partners, administrators and the collecting researcher; audits every read; records stage history', async () => {
		// Twelve residents the researcher collected, transport workers in one cell.
		const ids: string[] = [];
		for (let n = 0; n < 12; n++) {
			const created = await createResidentRecord(database.db, researcher, {
				placeId: 'greater-icknield',
				skillGroupId: 'transport-logistics',
				qualificationLevel: 3,
				overseasQualification: false,
				englishTestPassed: true,
				professionallyRegistered: false,
				languages: ['Urdu'],
				location: { lon: -1.94512, lat: 52.49233 }
			});
			ids.push(created.id);
		}
		const caseIds: string[] = [];
		for (const id of ids) caseIds.push(await openCase(database.db, researcher, { residentId: id, partnerId: partner.id, nextStep: 'Meet the mentor', nextStepOn: inDays(7) }));
		await expect(openCase(database.db, otherResearcher, { residentId: ids[0]! })).rejects.toThrow(/no such resident/);
		await expect(getCase(database.db, otherResearcher, caseIds[0]!)).rejects.toThrow(/no case/);
		const before = await readMatchingTotals(database.db, 'greater-icknield');
		expect(before.size).toBe(0); // stale after the opening: rebuilt on the next read
		await getSiteMatching(database.db, HOSPITAL);
		const opened = await readMatchingTotals(database.db, 'greater-icknield');
		// The synthetic population has cases in this group too: compare with the true counts.
		const identifiedBefore = await truth('transport-logistics', 'identified');
		expect(identifiedBefore).toBeGreaterThanOrEqual(12);
		expect([roundForRelease(identifiedBefore, 5, 10), null]).toContain(opened.get(candidateKey('transport-logistics', 'identified')));

		for (const id of caseIds) await changeCase(database.db, partner, id, { stage: 'language_training' }, 'Enrolled at the college');
		await changeCase(database.db, partner, caseIds[0]!, { stage: 'accreditation', mentor: 'A. Mentor' });
		await getSiteMatching(database.db, HOSPITAL);
		const totals = await readMatchingTotals(database.db, 'greater-icknield');
		expect(await truth('transport-logistics', 'identified')).toBe(identifiedBefore - 12);
		for (const stage of STAGES) {
			const count = await truth('transport-logistics', stage);
			const published = totals.get(candidateKey('transport-logistics', stage));
			// Released as the rounded true count, or withheld; a true count under k is always withheld.
			if (count === 0) expect(published, stage).toBe(0);
			else if (count < 10) expect(published, stage).toBeNull();
			else expect([roundForRelease(count, 5, 10), null], stage).toContain(published);
		}

		const detail = await getCase(database.db, admin, caseIds[0]!);
		expect(detail.history.map((h) => [h.fromStage, h.toStage])).toEqual([
			[null, 'identified'],
			['identified', 'language_training'],
			['language_training', 'accreditation']
		]);
		expect(detail).toMatchObject({ stage: 'accreditation', mentor: 'A. Mentor', partnerName: 'partner.m', nextStep: 'Meet the mentor' });
		const mine = await listCases(database.db, researcher, { placeId: 'greater-icknield' });
		expect(mine.total).toBe(12);
		const all = await listCases(database.db, partner, { placeId: 'greater-icknield' });
		expect(all.total).toBeGreaterThan(12);
		const audit = await listAudit(database.db, { limit: 500 });
		expect(audit.filter((e) => e.subject === 'pipeline_case' && e.action === 'read').map((e) => e.actorName)).toEqual(expect.arrayContaining(['partner.m', 'researcher.m', 'admin.m']));
		expect(audit.filter((e) => e.subject === 'pipeline_case' && e.action === 'update').length).toBeGreaterThanOrEqual(13);
	});
});
