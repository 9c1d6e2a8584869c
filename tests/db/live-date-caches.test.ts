/**
 * Held answers never outlive what they were made from: a near-me list and a score layer are kept
 * between requests (keyed by the tables' change counters and today's date), so the same question
 * with the same data and date gets the very same object, and a vacancy passing its closing date
 * (no statement, no counter moves: "today" is fixed here to the day after) or a change to the data
 * gives a new answer at once.
 */
import { sql } from 'kysely';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { parseScoreSpec } from '../../src/lib/domain/scoring/spec';
import { fixTodayForTests } from '../../src/lib/server/opportunities/queries';
import { nearMe } from '../../src/lib/server/near-me/service';
import { getCellScores } from '../../src/lib/server/scores/service';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
const PLACE = 'greater-icknield';
/** The demo's porters at the hospital: a vacancy closing three weeks after the seed. */
let porter: { id: string; count: number; closesOn: string };

function dayAfter(isoDate: string): string {
	const next = new Date(`${isoDate}T00:00:00Z`);
	next.setUTCDate(next.getUTCDate() + 1);
	return next.toISOString().slice(0, 10);
}

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
	const row = await database.db
		.selectFrom('opportunity')
		.select(['id', 'count', sql<string>`to_char(closes_on, 'YYYY-MM-DD')`.as('closes_on')])
		.where('role', '=', 'Porter')
		.where('closes_on', 'is not', null)
		.executeTakeFirstOrThrow();
	porter = { id: row.id, count: row.count, closesOn: row.closes_on };
});
afterEach(() => fixTodayForTests(undefined));
afterAll(async () => {
	await database?.close();
});

describe('near me', () => {
	const query = { area: 'cape-hill-smethwick' } as const;

	it('keeps an answer for its day, and drops a vacancy the day after it closes', async () => {
		const db = database.db;
		fixTodayForTests(porter.closesOn);
		const onClosingDay = await nearMe(db, query);
		expect(onClosingDay.opportunities.map((o) => o.id)).toContain(porter.id);
		// Held: the same question, data and day give the same object (its JSON is encoded once).
		expect(await nearMe(db, query)).toBe(onClosingDay);
		expect(await nearMe(db, { ...query, interest: 'jobs' })).toBe(await nearMe(db, { ...query, interest: 'jobs' }));

		fixTodayForTests(dayAfter(porter.closesOn));
		const dayAfterClosing = await nearMe(db, query);
		expect(dayAfterClosing.opportunities.map((o) => o.id)).not.toContain(porter.id);
		expect(dayAfterClosing.opportunities.length).toBe(onClosingDay.opportunities.length - 1);
		expect((await nearMe(db, { ...query, interest: 'jobs' })).opportunities.map((o) => o.id)).not.toContain(porter.id);
	});

	it('answers anew when the data changes, and not when a change is rolled back', async () => {
		const db = database.db;
		fixTodayForTests(porter.closesOn);
		const before = await nearMe(db, query);
		await db
			.transaction()
			.execute(async (trx) => {
				await trx.updateTable('opportunity').set({ title: 'Rolled back' }).where('id', '=', porter.id).execute();
				throw new Error('roll back');
			})
			.catch(() => undefined);
		expect(await nearMe(db, query)).toBe(before);

		await db.updateTable('opportunity').set({ title: 'Hospital porter (nights)' }).where('id', '=', porter.id).execute();
		const after = await nearMe(db, query);
		expect(after).not.toBe(before);
		expect(after.opportunities.find((o) => o.id === porter.id)?.title).toBe('Hospital porter (nights)');
		// A renamed hub is a change too (the nearest hubs are part of every answer).
		const hub = before.hubs[0]!;
		await db.updateTable('community_hub').set({ name: 'Renamed hub' }).where('id', '=', hub.id).execute();
		expect((await nearMe(db, query)).hubs.find((h) => h.id === hub.id)?.name).toBe('Renamed hub');
	});
});

describe('opportunity scores', () => {
	const request = { placeId: PLACE, spec: parseScoreSpec((name) => ({ method: 'cumulative' })[name] ?? null), viewer: undefined };
	const total = (layer: Awaited<ReturnType<typeof getCellScores>>) => layer.features.reduce((sum, f) => sum + f.properties.score, 0);

	it('keeps a layer for its day, and counts a vacancy no more the day after it closes', async () => {
		const db = database.db;
		fixTodayForTests(porter.closesOn);
		const onClosingDay = await getCellScores(db, request);
		expect(await getCellScores(db, request)).toBe(onClosingDay);

		fixTodayForTests(dayAfter(porter.closesOn));
		const dayAfterClosing = await getCellScores(db, request);
		expect(dayAfterClosing).not.toBe(onClosingDay);
		expect(total(dayAfterClosing)).toBeLessThan(total(onClosingDay));
		// The porters were all the difference: back on the closing day, the same scores again.
		fixTodayForTests(porter.closesOn);
		expect(total(await getCellScores(db, request))).toBeCloseTo(total(onClosingDay), 6);
	});

	it('scores anew when a vacancy changes', async () => {
		const db = database.db;
		fixTodayForTests(porter.closesOn);
		const before = await getCellScores(db, request);
		await db.updateTable('opportunity').set({ count: porter.count + 40 }).where('id', '=', porter.id).execute();
		const after = await getCellScores(db, request);
		expect(after).not.toBe(before);
		expect(total(after)).toBeGreaterThan(total(before));
	});
});
