/**
 * The public page of one site (/sites/<id>) as its service assembles it from the demo data: the
 * project's figures, opportunities, local talent (published counts only) and its neighbours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPublicationInfo } from '../../src/lib/server/published/layers';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { loadSitePage, NEARBY_RADIUS_M } from '../../src/lib/server/sites/page';
import { openTestDatabase, type TestDatabase } from './support';

const HOSPITAL = 'midland-metropolitan-university-hospital';
let database: TestDatabase;

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
});

afterAll(async () => {
	await database?.close();
});

describe('site page', () => {
	it('assembles the hospital’s figures, opportunities, local talent and neighbours', async () => {
		const page = await loadSitePage(database.db, HOSPITAL, undefined);
		if (!page) throw new Error('no page for the hospital');
		expect(page.site).toMatchObject({ id: HOSPITAL, kind: 'hospital', status: 'operational', investmentGbp: 350_000_000 });
		expect(page.place).toEqual({ id: 'greater-icknield', name: expect.any(String) });

		const total = page.opportunities.reduce((sum, o) => sum + o.count, 0);
		expect(page.opportunities.length).toBeGreaterThan(20);
		expect(page.opportunities.every((o) => page.skillGroups.some((g) => g.id === o.skillGroupId))).toBe(true);

		const talent = page.talent;
		if (!talent) throw new Error('no local talent for the hospital');
		expect(talent.opportunities).toBe(total);
		expect(talent.bySkillGroup.reduce((sum, s) => sum + s.opportunities, 0)).toBe(total);
		expect(talent.supplyPerOpportunity).toBeCloseTo(talent.localSupply / total, 4);
		// One walk (20 minutes by default), everyone within it counted in full (issue 17).
		expect(talent.byBand.map((b) => [b.fromMinutes, b.toMinutes, b.weight])).toEqual([[0, 20, 1]]);
		const weighted = talent.byBand.reduce((sum, b) => sum + b.weightedSupply, 0);
		expect(weighted).toBeCloseTo(talent.localSupply, 1);
		expect(talent.rank).toBeGreaterThanOrEqual(1);
		expect(talent.rank).toBeLessThanOrEqual(talent.rankedSites);
		expect(talent.publication).toEqual({ k: 10, roundingBase: 5, synthetic: true });
		expect(await getPublicationInfo(database.db, 'greater-icknield')).toEqual(talent.publication);

		// The Learning Works is on the hospital site; everything listed is within the radius, nearest first.
		expect(page.nearby.radiusM).toBe(NEARBY_RADIUS_M);
		expect(page.nearby.hubs[0]).toMatchObject({ name: 'The Learning Works', distanceM: 0 });
		for (const list of [page.nearby.hubs, page.nearby.enterprises]) {
			const distances = list.map((item) => item.distanceM);
			expect(distances).toEqual([...distances].sort((a, b) => a - b));
			expect(Math.max(...distances)).toBeLessThanOrEqual(NEARBY_RADIUS_M);
		}
		expect(page.nearby.enterprises.length).toBeGreaterThan(0);
		expect(page.nearby.enterprises.every((e) => e.synthetic)).toBe(true);
	});

	it('is undefined for an unknown site', async () => {
		expect(await loadSitePage(database.db, 'no-such-site', undefined)).toBeUndefined();
	});
});
