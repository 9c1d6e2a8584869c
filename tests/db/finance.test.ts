/**
 * Issue 15 parts 5 and 6 on a migrated database with the demo seed: the Open Referral UK export
 * of hubs and their services (validated against the profile's schemas), and community finance:
 * recording, the all-or-nothing CSV import with row-level problems, the audit of reads, and a
 * published summary that never carries an award to an individual.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser, type User } from '../../src/lib/server/auth/queries';
import { DomainError } from '../../src/lib/server/errors';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { exportServices, serviceAtLocationById, serviceAtLocationPage, serviceById, servicePage, taxonomyTerms } from '../../src/lib/server/openreferral/service';
import { orukId } from '../../src/lib/server/openreferral/ids';
import { orukValidator, runOrukSchemas } from '../../src/lib/server/openreferral/test-schemas';
import { financeSummary, importAwards, listAwardRecords, recordAward, removeAward } from '../../src/lib/server/finance/service';
import { openTestDatabase, type TestDatabase } from './support';

const PLACE = 'greater-icknield';
let database: TestDatabase;
let network: User;

async function refusal(pending: Promise<unknown>): Promise<DomainError> {
	const error = await pending.then(
		() => undefined,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
	network = await insertUser(database.db, { id: crypto.randomUUID(), username: 'network.finance', displayName: 'Network', role: 'network', passwordHash: 'x', createdBy: null });
}, 300_000);

afterAll(async () => {
	await database?.close();
});

describe('Open Referral UK export', () => {
	it('publishes one service per hub plus the recorded ones, with stable ids', async () => {
		const services = await exportServices(database.db);
		const { rows } = await sql<{ hubs: number; recorded: number }>`SELECT (SELECT count(*)::int FROM community_hub) AS hubs, (SELECT count(*)::int FROM hub_service) AS recorded`.execute(database.db);
		expect(services).toHaveLength(rows[0]!.hubs + rows[0]!.recorded);
		expect(rows[0]!.recorded).toBeGreaterThanOrEqual(5);
		const employment = services.find((s) => s.name === 'The Learning Works employment shop')!;
		expect(employment.term.term).toBe('employment_support');
		expect(employment.hub.organizationId).toBe(orukId.organization('the-learning-works'));
		expect((await exportServices(database.db)).map((s) => s.id)).toEqual(services.map((s) => s.id));
	});

	it('pages, searches and filters by taxonomy term and age', async () => {
		const page = await servicePage(database.db, {}, 1, 10);
		expect(page).toMatchObject({ page_number: 1, size: 10, first_page: true, last_page: false, empty: false });
		const all = await servicePage(database.db, {}, 1, 200);
		expect(all.total_items).toBe(page.total_items);
		const last = await servicePage(database.db, {}, page.total_pages, 10);
		expect(last.last_page).toBe(true);
		expect((await servicePage(database.db, {}, page.total_pages + 1, 10)).empty).toBe(true);
		const english = await servicePage(database.db, { search: 'english classes' }, 1, 50);
		expect(english.contents.map((s) => s.name)).toEqual(expect.arrayContaining(['English for health professionals', 'English conversation classes']));
		const languageTerm = taxonomyTerms().find((t) => t.term === 'language_classes')!;
		const byTerm = await servicePage(database.db, { taxonomyTermId: languageTerm.id }, 1, 50);
		expect(byTerm.total_items).toBe(2);
		// Aged 10: the services for 16+ and 18+ do not admit them.
		const child = await servicePage(database.db, { maximumAge: 10 }, 1, 200);
		expect(child.contents.map((s) => s.name)).not.toContain('The Learning Works employment shop');
	});

	it('finds one service and one service at location by id; an unknown or malformed id is not found', async () => {
		const [first] = (await servicePage(database.db, {}, 1, 1)).contents;
		const full = await serviceById(database.db, first!.id);
		expect(full.service_at_locations).toHaveLength(1);
		const sal = await serviceAtLocationById(database.db, full.service_at_locations[0]!.id);
		expect(sal.service.id).toBe(first!.id);
		expect((await refusal(serviceById(database.db, crypto.randomUUID()))).kind).toBe('not_found');
		expect((await refusal(serviceById(database.db, 'x'.repeat(500)))).kind).toBe('not_found');
	});

	it.runIf(runOrukSchemas)('every service, page and service at location validates against the profile schemas', async () => {
		const { errors, pageErrors } = orukValidator();
		const services = await servicePage(database.db, {}, 1, 200);
		expect(pageErrors('compiled/service_list.json', services)).toEqual([]);
		expect(pageErrors('compiled/service_at_location_list.json', await serviceAtLocationPage(database.db, {}, 1, 200))).toEqual([]);
		for (const s of services.contents) expect(errors('compiled/service.json', await serviceById(database.db, s.id)), s.name).toEqual([]);
	});
});

describe('community finance', () => {
	const award = { source: 'Test fund', amount_gbp: '1200', kind: 'grant', recipient_type: 'social_enterprise', received_on: '2025-02-03', lon: '-1.9497', lat: '52.4905', site: '', note: '' };

	it('records an award, refusing a point outside the place and a site that is not there', async () => {
		const { id } = await recordAward(database.db, network, PLACE, award);
		const { awards } = await listAwardRecords(database.db, network, PLACE, 500, 0);
		expect(awards.find((a) => a.id === id)).toMatchObject({ amountGbp: 1200, kind: 'grant', receivedOn: '2025-02-03' });
		const outside = await refusal(recordAward(database.db, network, PLACE, { ...award, lon: '0.1', lat: '51.5' }));
		expect(outside.kind).toBe('invalid');
		expect(outside.fields.map((f) => f.field)).toEqual(['lon']);
		const site = await refusal(recordAward(database.db, network, PLACE, { ...award, site: 'no-such-site' }));
		expect(site.fields.map((f) => f.field)).toEqual(['site']);
		await removeAward(database.db, network, PLACE, id);
		expect((await refusal(removeAward(database.db, network, PLACE, id))).kind).toBe('not_found');
	});

	it('imports a CSV all or nothing, naming each bad row and column', async () => {
		const before = (await listAwardRecords(database.db, network, PLACE, 1, 0)).total;
		const header = 'source,amount_gbp,kind,recipient_type,received_on,lon,lat,site,note';
		const good = 'Fund A,500,grant,social_enterprise,2024-01-01,-1.95,52.49,,';
		const bad = await refusal(importAwards(database.db, network, PLACE, [header, good, 'Fund B,-5,gift,social_enterprise,2024-13-01,-1.95,52.49,,', good].join('\n'), 'awards.csv'));
		expect(bad.kind).toBe('invalid');
		expect(bad.message).toMatch(/row 2, column "amount_gbp"/);
		expect(bad.message).toMatch(/row 2, column "kind"/);
		expect(bad.message).toMatch(/row 2, column "received_on"/);
		const outside = await refusal(importAwards(database.db, network, PLACE, [header, good, 'Fund C,10,loan,business,2024-01-01,0.1,51.5,,'].join('\n')));
		expect(outside.message).toMatch(/row 2, column "lon"/);
		expect((await refusal(importAwards(database.db, network, PLACE, 'source,amount\nx,1'))).message).toMatch(/missing column/);
		expect((await listAwardRecords(database.db, network, PLACE, 1, 0)).total).toBe(before);
		expect(await importAwards(database.db, network, PLACE, [header, good, good.replace('Fund A', 'Fund D')].join('\n'))).toEqual({ imported: 2 });
		expect((await listAwardRecords(database.db, network, PLACE, 1, 0)).total).toBe(before + 2);
	});

	it('writes every read of the rows to the audit log', async () => {
		const { rows: before } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE subject = 'community_finance' AND action = 'read'`.execute(database.db);
		await listAwardRecords(database.db, network, PLACE, 10, 0);
		const { rows: after } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE subject = 'community_finance' AND action = 'read'`.execute(database.db);
		expect(after[0]!.n).toBe(before[0]!.n + 1);
	});

	it('publishes totals by cell, site and year that leave out individuals, and a single individuals line only at k', async () => {
		const before = await financeSummary(database.db, PLACE);
		await recordAward(database.db, network, PLACE, { ...award, amount_gbp: '7391.37', recipient_type: 'individual' });
		const after = await financeSummary(database.db, PLACE);
		expect(JSON.stringify(after)).not.toMatch(/7391/);
		expect({ ...after, individuals: null }).toEqual({ ...before, individuals: null });
		expect(after.cells.features.length).toBeGreaterThan(1);
		const cellSum = after.cells.features.reduce((s, f) => s + f.properties.amountGbp, 0);
		expect(Math.abs(cellSum - after.total.amountGbp)).toBeLessThanOrEqual(after.cells.features.length);
		expect(after.bySite.reduce((s, x) => s + x.awards, 0)).toBe(after.total.awards);
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM community_finance WHERE recipient_type = 'individual'`.execute(database.db);
		expect(after.individuals.published).toBe(rows[0]!.n >= after.k);
		if (after.individuals.published) expect(after.individuals.amountGbp % 1000).toBe(0);
		expect((await refusal(financeSummary(database.db, 'nowhere'))).kind).toBe('not_found');
	});
});
