import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, SYSTEM_ACTOR } from '../../src/lib/server/audit/log';
import { createAccount } from '../../src/lib/server/auth/service';
import type { User } from '../../src/lib/server/auth/queries';
import { ApiError } from '../../src/lib/server/http/errors';
import { createResidentRecord, deleteResidentRecord, listResidentRecords } from '../../src/lib/server/restricted/records';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { asApiError, openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
let researcherA: User;
let researcherB: User;
let admin: User;
let planner: User;
const PASSWORD = 'a long enough passphrase';
// A point in Winson Green, inside Greater Icknield.
const CHOSEN = { lon: -1.94512, lat: 52.49233 };

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
	const make = (username: string, role: 'researcher' | 'planner' | 'administrator') =>
		createAccount(database.db, SYSTEM_ACTOR, { username, displayName: username, role, password: PASSWORD });
	researcherA = await make('researcher.a', 'researcher');
	researcherB = await make('researcher.b', 'researcher');
	admin = await make('admin.x', 'administrator');
	planner = await make('planner.x', 'planner');
});
afterAll(async () => {
	await database?.close();
});

const newRecord = {
	placeId: 'greater-icknield',
	skillGroupId: 'nursing-midwifery',
	qualificationLevel: 6,
	overseasQualification: true,
	englishTestPassed: true,
	professionallyRegistered: false,
	languages: ['Tigrinya', 'English'],
	location: CHOSEN
};

describe('person-level resident records', () => {
	it('snaps the chosen point to its 250 m cell centre before storing it', async () => {
		const skill = await database.db.selectFrom('skill_group').select('id').where('id', '=', newRecord.skillGroupId).executeTakeFirst();
		expect(skill, 'demo skill group nursing-midwifery').toBeDefined();
		const created = await createResidentRecord(database.db, researcherA, newRecord);
		expect(created.cell).not.toEqual(CHOSEN);
		// The stored point is the centroid of the ST_HexagonGrid(250) cell that holds the chosen point.
		const { rows } = await sql<{ d: number }>`
			SELECT ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint(${created.cell.lon}::float8, ${created.cell.lat}::float8), 4326), 27700),
			                   ST_Centroid(h.geom)) AS d
			FROM ST_HexagonGrid(250, ST_Expand(ST_Transform(ST_SetSRID(ST_MakePoint(${CHOSEN.lon}::float8, ${CHOSEN.lat}::float8), 4326), 27700), 500)) h
			WHERE ST_Intersects(h.geom, ST_Transform(ST_SetSRID(ST_MakePoint(${CHOSEN.lon}::float8, ${CHOSEN.lat}::float8), 4326), 27700))`.execute(database.db);
		expect(rows).toHaveLength(1);
		expect(Number(rows[0]!.d)).toBeLessThan(0.01);
	});

	it('shows a researcher only the records they collected, an administrator all, a planner none', async () => {
		await createResidentRecord(database.db, researcherB, { ...newRecord, skillGroupId: 'construction-trades' });
		const mine = await listResidentRecords(database.db, researcherA, { purpose: 'read' });
		expect(mine.total).toBe(1);
		expect(mine.records.every((r) => r.collectedBy === researcherA.id)).toBe(true);
		const theirs = await listResidentRecords(database.db, researcherB, { purpose: 'read' });
		expect(theirs.records.map((r) => r.skillGroupId)).toEqual(['construction-trades']);
		const all = await listResidentRecords(database.db, admin, { purpose: 'read', limit: 5 });
		expect(all.total).toBe(2002); // 2,000 synthetic + 2 collected
		await expect(asApiError(listResidentRecords(database.db, planner, { purpose: 'read' }))).rejects.toMatchObject({ status: 403 });
	});

	it('writes every read, export, creation and deletion to the audit log', async () => {
		const before = (await listAudit(database.db, { limit: 500 })).length;
		await listResidentRecords(database.db, researcherA, { purpose: 'export', limit: 1000 });
		const created = await createResidentRecord(database.db, researcherA, newRecord);
		await deleteResidentRecord(database.db, researcherA, created.id);
		const entries = await listAudit(database.db, { actor: 'researcher.a', limit: 500 });
		expect(entries.slice(0, 3).map((e) => [e.action, e.subject])).toEqual([
			['delete', 'resident_skill'],
			['create', 'resident_skill'],
			['export', 'resident_skill']
		]);
		expect((await listAudit(database.db, { limit: 500 })).length).toBe(before + 3);
	});

	it('refuses a researcher deleting someone else’s record, and points outside the place', async () => {
		const other = await createResidentRecord(database.db, researcherB, newRecord);
		await expect(asApiError(deleteResidentRecord(database.db, researcherA, other.id))).rejects.toMatchObject({ status: 404 });
		await expect(asApiError(deleteResidentRecord(database.db, researcherA, 'not-a-uuid'))).rejects.toMatchObject({ status: 404 });
		await expect(createResidentRecord(database.db, researcherA, { ...newRecord, location: { lon: -0.1276, lat: 51.5072 } })).rejects.toThrow(
			/outside the place/
		);
		await expect(asApiError(createResidentRecord(database.db, researcherA, { ...newRecord, skillGroupId: 'astronaut' }))).rejects.toBeInstanceOf(ApiError);
	});
});
