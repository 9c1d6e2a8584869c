/**
 * The gap headline (issue 17): one computation behind the site page, the map panel and
 * GET /api/sites/{id}/gap — people within the walk are published counts, whole, rounded to 5;
 * the rank says which way it runs; the ring is drawn at the walk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { getSiteGap, gapScoreRequest } from '../../src/lib/server/scores/gap';
import { explainSite, getSiteScores } from '../../src/lib/server/scores/service';
import { loadSitePage } from '../../src/lib/server/sites/page';
import { openTestDatabase, type TestDatabase } from './support';

const HOSPITAL = 'midland-metropolitan-university-hospital';
const NURSING = 'nursing-midwifery';
let database: TestDatabase;

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
});

afterAll(async () => {
	await database?.close();
});

const base = { skill: NURSING, readiness: 'any' as const, distance: 'straight' as const, scenario: null, viewer: undefined };

describe('gap headline', () => {
	it('counts the published people within the walk, whole, and says the shortfall', async () => {
		const gap = await getSiteGap(database.db, { ...base, siteId: HOSPITAL, walkMinutes: 20 });
		const nursing = gap.groups.find((g) => g.skill === NURSING);
		if (!nursing) throw new Error('the hospital offers no nursing posts');
		expect(gap.headline).toBe(nursing.sentence);
		if (process.env.SHOW_GAP) console.log(JSON.stringify({ ...gap, ring: gap.ring?.label }, null, 1));
		expect(nursing.sentence).toMatch(new RegExp(`^${nursing.opportunities} nursing & midwifery posts; about ${nursing.people} local people with nursing & midwifery skills within 20 minutes' walk \\(straight line\\); `));
		expect(nursing.people % 5).toBe(0);
		expect(Number.isInteger(nursing.people)).toBe(true);

		// The people are the published supply whose cells lie within the walk, counted in full.
		const request = gapScoreRequest('greater-icknield', { ...base, walkMinutes: 20 });
		const explained = await explainSite(database.db, request, HOSPITAL);
		const within = explained.byBand.reduce((sum, b) => sum + b.supply, 0);
		expect(explained.byBand.every((b) => b.toMinutes <= 20 && b.weight === 1)).toBe(true);
		expect(nursing.people).toBe(Math.round(within / 5) * 5);

		// Shortfalls first.
		const balances = gap.groups.map((g) => g.balance);
		expect(balances).toEqual([...balances].sort((a, b) => a - b));
	});

	it('ranks by the same figures as the site list, and says which way', async () => {
		const gap = await getSiteGap(database.db, { ...base, siteId: HOSPITAL, walkMinutes: 20 });
		const list = await getSiteScores(database.db, gapScoreRequest('greater-icknield', { ...base, walkMinutes: 20 }));
		const ranked = list.sites.filter((s) => s.rank !== null);
		expect(gap.rank).toBe(list.sites.find((s) => s.id === HOSPITAL)!.rank);
		expect(gap.rankedSites).toBe(ranked.length);
		expect(gap.rankDirection).toBe('1st = most local talent per post');
		const best = ranked.find((s) => s.rank === 1)!;
		expect(ranked.every((s) => (s.supplyPerOpportunity ?? 0) <= (best.supplyPerOpportunity ?? 0))).toBe(true);
	});

	it('draws a larger straight-line circle for a longer walk', async () => {
		const short = await getSiteGap(database.db, { ...base, siteId: HOSPITAL, walkMinutes: 10 });
		const long = await getSiteGap(database.db, { ...base, siteId: HOSPITAL, walkMinutes: 30 });
		expect(short.ring?.kind).toBe('circle');
		expect(short.ring?.label).toMatch(/10 minutes' walk, straight-line circle \(0\.8 km\)/);
		const width = (b: number[]) => b[2]! - b[0]!;
		expect(width(long.ring!.bbox)).toBeGreaterThan(width(short.ring!.bbox) + 0.015);
		const people = (g: typeof short) => g.groups.find((x) => x.skill === NURSING)!.people;
		expect(people(long)).toBeGreaterThanOrEqual(people(short));
	});

	it('is what the site page shows for the same choice', async () => {
		const page = await loadSitePage(database.db, HOSPITAL, undefined, { skill: NURSING, readiness: 'any', walkMinutes: 30, distance: 'straight' });
		const gap = await getSiteGap(database.db, { ...base, siteId: HOSPITAL, walkMinutes: 30 });
		expect(page?.gap).toEqual(gap);
		expect(page?.talent?.rank).toBe(gap.rank);
	});

	it('refuses an unknown site', async () => {
		await expect(getSiteGap(database.db, { ...base, siteId: 'no-such-site', walkMinutes: 20 })).rejects.toMatchObject({ code: 'not_found' });
	});
});
