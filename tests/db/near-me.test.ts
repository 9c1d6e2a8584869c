/**
 * "Near me" on the demo data: where a resident says they are (neighbourhood, postcode, cell or a
 * position snapped to its cell) and the public records within reach, nearest first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { nearMe, nearMeChoices } from '../../src/lib/server/near-me/service';
import { DomainError } from '../../src/lib/server/errors';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
});

afterAll(async () => {
	await database?.close();
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

describe('near me', () => {
	it('offers the neighbourhoods and the postcode districts and sectors it can place', async () => {
		const choices = await nearMeChoices(database.db);
		expect(choices.areas.map((a) => a.id)).toContain('cape-hill-smethwick');
		expect(choices.postcodes).toEqual(expect.arrayContaining(['B66', 'B66 3', 'B18', 'B16 8']));
	});

	it('lists opportunities nearest first from a neighbourhood, with contacts and the hub that can help', async () => {
		const result = await nearMe(database.db, { area: 'cape-hill-smethwick' });
		expect(result.origin).toMatchObject({ kind: 'area', id: 'cape-hill-smethwick', label: 'Cape Hill and central Smethwick' });
		expect(result.distanceKind).toBe('straight-line');
		// The demo's 57 opportunities and 6 hospital vacancies, less the one whose closing date has passed.
		expect(result.opportunities.length).toBe(62);
		const metres = result.opportunities.map((o) => o.metres);
		expect(metres).toEqual([...metres].sort((a, b) => a - b));
		// Smethwick's nearest big site is the hospital, whose contact is The Learning Works.
		expect(result.opportunities[0]!.site.id).toBe('midland-metropolitan-university-hospital');
		expect(result.opportunities[0]!.contact).toBe('The Learning Works');
		expect(result.opportunities.every((o) => o.minutes === Math.max(1, Math.ceil(o.metres / 80)))).toBe(true);
		const help = result.hubs.find((h) => h.id === result.helpHubId);
		expect(help).toBeDefined();
		expect(['supermarket', 'school']).not.toContain(help!.hubType);
		expect(result.hubs.map((h) => h.metres)).toEqual([...result.hubs.map((h) => h.metres)].sort((a, b) => a - b));
		expect(result.enterprises.length).toBeLessThanOrEqual(5);
	});

	it('filters by interest', async () => {
		const abroad = await nearMe(database.db, { area: 'cape-hill-smethwick', interest: 'abroad' });
		expect(abroad.opportunities.length).toBeGreaterThanOrEqual(2);
		expect(abroad.opportunities.every((o) => /overseas/i.test(o.title))).toBe(true);
		const business = await nearMe(database.db, { area: 'cape-hill-smethwick', interest: 'business' });
		expect(business.opportunities.every((o) => o.kind === 'procurement')).toBe(true);
	});

	it('places a postcode sector, and cuts a full postcode to its sector', async () => {
		const result = await nearMe(database.db, { postcode: 'b66 3pz' });
		expect(result.origin).toMatchObject({ kind: 'postcode', id: 'B66 3', label: 'B66 3' });
		expect((await refusal(nearMe(database.db, { postcode: 'not a postcode' }))).kind).toBe('invalid');
		expect((await refusal(nearMe(database.db, { postcode: 'B21 9' }))).kind).toBe('not_found');
	});

	it('snaps a position to its 250 m cell and answers with the cell only', async () => {
		const exact = { lon: -1.961234, lat: 52.491234 };
		const result = await nearMe(database.db, exact);
		expect(result.origin.kind).toBe('cell');
		expect(result.origin.id).toMatch(/^hex250:-?\d+:-?\d+$/);
		expect(JSON.stringify(result)).not.toContain('1.961234');
		// The cell's centre is within a hexagon's reach of the point (edge 250 m).
		const dLon = (result.origin.lon - exact.lon) * 111_320 * Math.cos((52.49 * Math.PI) / 180);
		const dLat = (result.origin.lat - exact.lat) * 110_574;
		expect(Math.hypot(dLon, dLat)).toBeLessThan(260);
		// Asking by the cell gives the same answer.
		const byCell = await nearMe(database.db, { cell: result.origin.id });
		expect(byCell.origin).toEqual(result.origin);
		expect(byCell.opportunities.map((o) => o.id)).toEqual(result.opportunities.map((o) => o.id));
	});

	it('refuses a place far away, an unknown neighbourhood and two origins at once', async () => {
		expect((await refusal(nearMe(database.db, { lon: 2.35, lat: 48.85 }))).kind).toBe('invalid');
		expect((await refusal(nearMe(database.db, { cell: 'hex250:999999:999999' }))).kind).toBe('invalid');
		expect((await refusal(nearMe(database.db, { area: 'nowhere' }))).kind).toBe('not_found');
		expect((await refusal(nearMe(database.db, { area: 'cape-hill-smethwick', postcode: 'B66' }))).kind).toBe('malformed');
		expect((await refusal(nearMe(database.db, {}))).kind).toBe('malformed');
	});
});
