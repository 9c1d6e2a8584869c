import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { createEnterprise, getEnterprise, listDirectory, procurementFor, suppliersFor, updateEnterprise, type EnterpriseInput } from '../../src/lib/server/network/directory';
import { ideaStatus, listIdeasForReview, listPublicIdeas, reviewIdea, submitIdea } from '../../src/lib/server/network/ideas';
import { addMentor, addPlacement, applyForSupport, decideApplication, listMentorings, matchMentor, matchPlacement, recordMeeting, upcomingEvents, createEvent } from '../../src/lib/server/network/support';
import { listSocialEnterprises, nearbyPublicAssets } from '../../src/lib/server/assets/queries';
import { findCollection } from '../../src/lib/server/ogc/collections';
import { asApiError, openTestDatabase, type TestDatabase } from './support';

const PLACE = 'greater-icknield';
const ADMIN = { id: null, name: 'test', role: 'administrator' };
let database: TestDatabase;

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
}, 180_000);
afterAll(async () => {
	await database?.close();
});

const base: EnterpriseInput = {
	name: 'Ladywood Bakes',
	consortium: 'food',
	stage: 'start_up',
	offers: 'Bread and cakes',
	needs: 'A kitchen',
	employees: 3,
	contact: 'bakes@example.org',
	consentToPublish: false,
	contactPublic: false,
	lon: -1.93,
	lat: 52.487
};

describe('directory consent', () => {
	it('keeps an unconsented enterprise out of every public reader and shows it to network staff', async () => {
		const db = database.db;
		const id = await createEnterprise(db, null, PLACE, { ...base, name: 'Hidden Kitchen NETWORKTEST', contact: 'secret-contact-NETWORKTEST' });
		const publicList = await listDirectory(db, { q: 'NETWORKTEST' }, undefined);
		expect(publicList.total).toBe(0);
		const planner = await listDirectory(db, { q: 'NETWORKTEST' }, 'planner');
		expect(planner.items).toEqual([]);
		const staff = await listDirectory(db, { q: 'NETWORKTEST' }, 'network');
		expect(staff.items.map((e) => e.id)).toEqual([id]);
		expect(staff.items[0]!.contact).toBe('secret-contact-NETWORKTEST');
		await expect(asApiError(getEnterprise(db, id, undefined))).rejects.toMatchObject({ code: 'not_found' });
		// The older public readers: assets list, site neighbours, OGC collection items and item.
		expect((await listSocialEnterprises(db, PLACE)).some((e) => e.id === id)).toBe(false);
		const near = await nearbyPublicAssets(db, 'city-hospital-site', 5000);
		expect(near.enterprises.some((e) => e.id === id)).toBe(false);
		const collection = findCollection('social-enterprises');
		const query = { limit: 10000, offset: 0, extra: { place: PLACE }, viewer: undefined };
		expect(await collection.item(db, id, query)).toBeUndefined();
		const page = await collection.items(db, query);
		expect(page.features.length).toBeGreaterThan(50);
		expect(page.features.some((f) => f.id === id)).toBe(false);
	});

	it('publishes once consented, the contact only when the enterprise agreed to show it', async () => {
		const db = database.db;
		const id = await createEnterprise(db, null, PLACE, { ...base, name: 'Soho Stitchers' });
		await updateEnterprise(db, null, id, { ...base, name: 'Soho Stitchers', consentToPublish: true });
		const listed = await getEnterprise(db, id, undefined);
		expect(listed.contact).toBeNull();
		expect(listed.consentToPublish).toBeUndefined();
		await updateEnterprise(db, null, id, { ...base, name: 'Soho Stitchers', consentToPublish: true, contactPublic: true });
		expect((await getEnterprise(db, id, undefined)).contact).toBe('bakes@example.org');
		expect((await listDirectory(db, { q: 'stitchers' }, undefined)).items.map((e) => e.id)).toEqual([id]);
	});

	it('refuses a contact shown without consent, and a position far from the place', async () => {
		const db = database.db;
		await expect(asApiError(createEnterprise(db, null, PLACE, { ...base, contactPublic: true }))).rejects.toMatchObject({ code: 'unprocessable' });
		await expect(asApiError(createEnterprise(db, null, PLACE, { ...base, lon: -0.12, lat: 51.5 }))).rejects.toMatchObject({ code: 'unprocessable' });
	});
});

describe('procurement matching', () => {
	it('lists lots of the consortium nearest first, and the site lists consented suppliers', async () => {
		const db = database.db;
		const id = await createEnterprise(db, null, PLACE, { ...base, name: 'Dudley Road Builders', consortium: 'construction', consentToPublish: true, lon: -1.9366, lat: 52.4866 });
		const lots = await procurementFor(db, id, undefined);
		expect(lots.length).toBeGreaterThan(3);
		expect(lots.every((l) => ['construction-trades', 'construction-professionals', 'facilities', 'business-enterprise'].includes(l.skillGroupId))).toBe(true);
		const distances = lots.map((l) => l.distanceM);
		expect(distances).toEqual([...distances].sort((a, b) => a - b));
		expect(lots[0]!.siteId).toBe('city-hospital-site');
		const suppliers = await suppliersFor(db, 'city-hospital-site', undefined, 500);
		expect(suppliers.some((s) => s.enterprise.id === id)).toBe(true);
		const sd = suppliers.map((s) => s.distanceM);
		expect(sd).toEqual([...sd].sort((a, b) => a - b));
		const hidden = await createEnterprise(db, null, PLACE, { ...base, name: 'Private Builders', consortium: 'construction', lon: -1.9366, lat: 52.4866 });
		expect((await suppliersFor(db, 'city-hospital-site', undefined, 500)).some((s) => s.enterprise.id === hidden)).toBe(false);
		expect((await suppliersFor(db, 'city-hospital-site', 'network', 500)).some((s) => s.enterprise.id === hidden)).toBe(true);
	});
});

describe('ideas board', () => {
	it('shows an idea only once approved, never its contact, and follows it through the private link', async () => {
		const db = database.db;
		const { token } = await submitIdea(db, PLACE, { title: 'Bike repair hub', description: 'Fix bikes for hospital staff', consortium: null, contact: 'idea-contact-NETWORKTEST' }, '10.0.0.1');
		expect((await listPublicIdeas(db, PLACE)).some((i) => i.title === 'Bike repair hub')).toBe(false);
		expect((await ideaStatus(db, token)).status).toBe('submitted');
		const review = await listIdeasForReview(db, ADMIN, PLACE);
		const idea = review.find((i) => i.title === 'Bike repair hub')!;
		expect(idea.contact).toBe('idea-contact-NETWORKTEST');
		await reviewIdea(db, ADMIN, idea.id, { decision: 'approve', supportPartner: null, note: 'Lovely idea' });
		const shown = (await listPublicIdeas(db, PLACE)).find((i) => i.title === 'Bike repair hub')!;
		expect(JSON.stringify(shown)).not.toContain('idea-contact-NETWORKTEST');
		await expect(asApiError(reviewIdea(db, ADMIN, idea.id, { decision: 'refer', supportPartner: null, note: null }))).rejects.toMatchObject({ code: 'unprocessable' });
		await reviewIdea(db, ADMIN, idea.id, { decision: 'refer', supportPartner: 'Start-up partner Ltd', note: null });
		const status = await ideaStatus(db, token);
		expect(status).toMatchObject({ status: 'referred', supportPartner: 'Start-up partner Ltd', reviewNote: 'Lovely idea' });
		await expect(asApiError(ideaStatus(db, 'A'.repeat(32)))).rejects.toMatchObject({ code: 'not_found' });
		await expect(asApiError(ideaStatus(db, 'short'))).rejects.toMatchObject({ code: 'not_found' });
	});

	it('limits ideas per client and quietly drops a bot that filled the honeypot', async () => {
		const db = database.db;
		const idea = { title: 'Rate test', description: 'x', consortium: null, contact: null };
		for (let i = 0; i < 3; i++) await submitIdea(db, PLACE, idea, '10.0.0.2');
		await expect(asApiError(submitIdea(db, PLACE, idea, '10.0.0.2'))).rejects.toMatchObject({ code: 'conflict' });
		await submitIdea(db, PLACE, idea, '10.0.0.3');
		const before = (await listIdeasForReview(db, ADMIN, PLACE)).length;
		const bot = await submitIdea(db, PLACE, { ...idea, website: 'http://spam.example' }, '10.0.0.4');
		expect(bot.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect((await listIdeasForReview(db, ADMIN, PLACE)).length).toBe(before);
		await expect(asApiError(ideaStatus(db, bot.token))).rejects.toMatchObject({ code: 'not_found' });
	});
});

describe('support', () => {
	it('awards one challenge prize a year and one start-up grant per enterprise', async () => {
		const db = database.db;
		const a = await createEnterprise(db, null, PLACE, { ...base, name: 'Prize A' });
		const b = await createEnterprise(db, null, PLACE, { ...base, name: 'Prize B' });
		const pa = await applyForSupport(db, PLACE, { enterprise: a, kind: 'challenge_prize', year: 2027, summary: 'A' });
		const pb = await applyForSupport(db, PLACE, { enterprise: b, kind: 'challenge_prize', year: 2027, summary: 'B' });
		await expect(asApiError(applyForSupport(db, PLACE, { enterprise: a, kind: 'challenge_prize', year: 2027, summary: 'again' }))).rejects.toMatchObject({ code: 'conflict' });
		await decideApplication(db, ADMIN, pa, { decision: 'award', note: null });
		await expect(asApiError(decideApplication(db, ADMIN, pb, { decision: 'award', note: null }))).rejects.toMatchObject({ code: 'conflict' });
		await decideApplication(db, ADMIN, pb, { decision: 'decline', note: 'Prize awarded already' });
		await expect(asApiError(decideApplication(db, ADMIN, pb, { decision: 'award', note: null }))).rejects.toMatchObject({ code: 'conflict' });
		const g1 = await applyForSupport(db, PLACE, { enterprise: a, kind: 'startup_grant', year: 2027, summary: 'grant' });
		const g2 = await applyForSupport(db, PLACE, { enterprise: a, kind: 'startup_grant', year: 2028, summary: 'grant again' });
		await decideApplication(db, ADMIN, g1, { decision: 'award', note: null });
		await expect(asApiError(decideApplication(db, ADMIN, g2, { decision: 'award', note: null }))).rejects.toMatchObject({ code: 'conflict' });
	});

	it('counts mentoring meetings to three, matches placements within a consortium, lists upcoming events only', async () => {
		const db = database.db;
		const e = await createEnterprise(db, null, PLACE, { ...base, name: 'Mentored Meals' });
		const mentor = await addMentor(db, PLACE, { name: 'M. Entor', expertise: null });
		const mentoring = await matchMentor(db, PLACE, { mentor, enterprise: e });
		await expect(asApiError(matchMentor(db, PLACE, { mentor, enterprise: e }))).rejects.toMatchObject({ code: 'conflict' });
		for (const day of ['2027-01-10', '2027-02-10']) await recordMeeting(db, { mentoring, metOn: day, note: null });
		let row = (await listMentorings(db, PLACE, e))[0]!;
		expect(row.progress).toEqual({ meetings: 2, target: 3, complete: false });
		await recordMeeting(db, { mentoring, metOn: '2027-03-10', note: 'Done' });
		row = (await listMentorings(db, PLACE, e))[0]!;
		expect(row.progress.complete).toBe(true);
		expect(row.lastMet).toBe('2027-03-10');
		const placement = await addPlacement(db, PLACE, { host: 'Builder', title: 'Site labourer', consortium: 'construction', places: 1 });
		await expect(asApiError(matchPlacement(db, { placement, enterprise: e }))).rejects.toMatchObject({ code: 'unprocessable' });
		const now = new Date('2027-06-01T12:00:00Z');
		await createEvent(db, ADMIN, PLACE, { title: 'Past', description: null, venue: null, startsAt: '2027-05-01T18:00' });
		await createEvent(db, ADMIN, PLACE, { title: 'Later', description: null, venue: null, startsAt: '2027-07-01T18:00' });
		await createEvent(db, ADMIN, PLACE, { title: 'Sooner', description: null, venue: null, startsAt: '2027-06-02T18:00' });
		const titles = (await upcomingEvents(db, PLACE, now)).map((x) => x.title).filter((t) => ['Past', 'Later', 'Sooner'].includes(t));
		expect(titles).toEqual(['Sooner', 'Later']);
		// 18:00 in June is British Summer Time: 17:00 UTC.
		expect((await upcomingEvents(db, PLACE, now)).find((x) => x.title === 'Sooner')!.startsAt).toBe('2027-06-02T17:00:00.000Z');
	});
});
