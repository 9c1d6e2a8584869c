/**
 * The planners' point in a minute (issue 17): one gap headline for a site and skill group at one
 * walk, the same on the API, the map panel, the map itself (what a presentation shows), the PNG
 * and the site page; legends that name the skill group, readiness, walk, distance kind and
 * scenario; a camera that frames the site's catchment. Screenshots at 1920 × 1080 and scaled to
 * 25 % ("the back of the room") are saved to look at.
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SiteGap } from '../../src/lib/contracts/gap';
import type { Story } from '../../src/lib/contracts/stories';
import { rankPhrase } from '../../src/lib/domain/scoring/gap';
import { backOfTheRoom, launchChromium, openPage, saveScreenshot, waitForMap } from './browser';
import { request } from './http';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const accounts = inject('accounts');
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const HOSPITAL = 'midland-metropolitan-university-hospital';
const NURSING = 'nursing-midwifery';

async function gap(query: string, role: 'public' | 'planner' = 'public'): Promise<SiteGap> {
	const response = await request(role, 'GET', `/api/sites/${HOSPITAL}/gap?${query}`);
	expect(response.status, query).toBe(200);
	return (await response.json()) as SiteGap;
}

/** A scenario with 300 more nursing posts at the hospital, made through the API as a planner. */
async function nursingScenario(): Promise<{ id: string; name: string }> {
	const name = `Gap test ${Date.now()}`;
	const created = await request('planner', 'POST', '/api/scenarios', { body: JSON.stringify({ place: 'greater-icknield', name }), contentType: 'application/json', origin: baseUrl });
	expect(created.status).toBe(201);
	const { id } = (await created.json()) as { id: string };
	const added = await request('planner', 'POST', `/api/scenarios/${id}/opportunities`, {
		body: JSON.stringify({ site: HOSPITAL, skillGroup: NURSING, kind: 'job', title: 'More nurses', count: 300 }),
		contentType: 'application/json',
		origin: baseUrl
	});
	expect(added.status).toBe(201);
	return { id, name };
}

describe('GET /api/sites/{id}/gap', () => {
	it('answers the headline, rank and ring for a skill group and walk', async () => {
		const twenty = await gap(`walk=20&skill=${NURSING}`);
		expect(twenty.headline).toMatch(/^\d+ nursing & midwifery posts; (about \d+ local people|no local people counted) with nursing & midwifery skills within 20 minutes' walk \(straight line\); /);
		expect(twenty.groups[0]!.balance).toBeLessThanOrEqual(twenty.groups.at(-1)!.balance);
		expect(twenty.groups.every((g) => Number.isInteger(g.people) && g.people % 5 === 0)).toBe(true);
		expect(twenty.rankDirection).toBe('1st = most local talent per post');
		expect(twenty.ring).toMatchObject({ kind: 'circle', label: expect.stringContaining("20 minutes' walk, straight-line circle") });
		const thirty = await gap(`walk=30&skill=${NURSING}`);
		expect(thirty.ring!.bbox[2] - thirty.ring!.bbox[0]).toBeGreaterThan(twenty.ring!.bbox[2] - twenty.ring!.bbox[0]);
	});

	it('refuses what it cannot answer with the error JSON: a bad walk, an unknown site, a scenario for the public', async () => {
		const bad = await request('public', 'GET', `/api/sites/${HOSPITAL}/gap?walk=25`);
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/walk/);
		expect((await request('public', 'GET', '/api/sites/no-such-site/gap')).status).toBe(404);
		expect((await request('public', 'GET', `/api/sites/${HOSPITAL}/gap?scenario=00000000-0000-4000-8000-000000000000`)).status).toBe(401);
	});
});

async function signIn(page: Page, next: string) {
	await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(accounts.planner.username);
	await page.getByLabel('Password').fill(accounts.planner.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname === new URL(next, baseUrl).pathname);
}

if (!chromiumPath) {
	describe('gap headline in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe('gap headline in chromium', () => {
		let browser: Browser;
		beforeAll(async () => {
			browser = await launchChromium(chromiumPath);
		});
		afterAll(async () => {
			await browser?.close();
		});

		it('says the same sentence on the map panel, the map, the legend, the PNG and the site page, for a skill and a scenario', async () => {
			const scenario = await nursingScenario();
			const { context, page, errors } = await openPage(browser, PROJECTOR);
			try {
				await signIn(page, '/');
				const query = `place=greater-icknield&site=${HOSPITAL}&scores=2sfca&skill=${NURSING}&walk=30&scenario=${scenario.id}`;
				await page.goto(`${baseUrl}/?${query}`);
				await waitForMap(page);
				const panel = page.getByTestId('site-gap-headline');
				await panel.waitFor({ timeout: 90_000 });
				const api = await gap(`walk=30&skill=${NURSING}&scenario=${scenario.id}`, 'planner');
				expect(api.scenario?.name).toBe(scenario.name);
				expect(api.headline).toMatch(/^\d+ nursing & midwifery posts; .*within 30 minutes' walk \(straight line\)/);
				await expect(panel.innerText()).resolves.toBe(`${api.headline}.`);
				await expect(page.getByTestId('site-gap-rank').innerText()).resolves.toBe(rankPhrase(api.rank!, api.rankedSites));
				await expect(page.getByTestId('site-gap-facts').innerText()).resolves.toContain(`scenario “${scenario.name}”`);

				// The map shows the sentence itself, the ring, and frames the catchment (not z15.5).
				const map = page.locator('[data-testid="map"]');
				await expect(page.getByTestId('map-headline').innerText()).resolves.toBe(`Midland Metropolitan University Hospital: ${api.headline}.`);
				await page.locator('[data-testid="map"][data-ring="circle"]').waitFor({ timeout: 30_000 });
				await page.locator('[data-testid="map"][data-scores="drawn"]').waitFor({ timeout: 90_000 });
				await waitForMap(page);
				expect(Number(await map.getAttribute('data-zoom'))).toBeLessThan(15);

				// The legend names layer, skill group, readiness, walk, distance kind and scenario.
				const legend = await page.getByTestId('map-legend').innerText();
				expect(legend).toContain('Opportunity score: Posts per local person with the skills · Nursing & midwifery');
				expect(legend).toContain('Counting everyone with the skills');
				expect(legend).toContain("within 30 minutes' walk (straight line)");
				expect(legend).toContain(`scenario “${scenario.name}”`);
				expect(legend).toContain("30 minutes' walk, straight-line circle");
				await backOfTheRoom(page, 'gap-1920-map');

				// The PNG carries the headline and the same legend.
				const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-png').click()]);
				const png = await fs.readFile((await download.path())!);
				await saveScreenshot('gap-1920-export.png', png);
				const exported = (await map.getAttribute('data-last-export'))!;
				expect(exported).toContain(api.headline!);
				expect(exported).toContain('Nursing & midwifery');
				expect(exported).toContain("within 30 minutes' walk (straight line)");
				expect(exported).toContain(`scenario “${scenario.name}”`);

				// The site page, baseline: the same function, so the same sentence as the API's baseline answer.
				const baseline = await gap(`walk=30&skill=${NURSING}`);
				await page.goto(`${baseUrl}/sites/${HOSPITAL}?walk=30&skill=${NURSING}`);
				await expect(page.getByTestId('gap-headline').innerText()).resolves.toBe(`${baseline.headline}.`);
				await expect(page.getByTestId('gap-rank').innerText()).resolves.toContain('(1st = most local talent per post)');
				await expect(page.getByTestId('site-map-ring').innerText()).resolves.toContain("30 minutes' walk, straight-line circle");
				await backOfTheRoom(page, 'gap-1920-site');
				console.log('[gap] site page agrees');
				// And the map panel on the baseline says it too.
				await page.goto(`${baseUrl}/?place=greater-icknield&site=${HOSPITAL}&skill=${NURSING}&walk=30`);
				await page.getByTestId('site-gap-headline').waitFor({ timeout: 90_000 });
				await expect(page.getByTestId('site-gap-headline').innerText()).resolves.toBe(`${baseline.headline}.`);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		}, 480_000);

		it('colours a story’s baseline and scenario slides with the story’s five classes, and shows the difference map as a third slide that names the scenario', async () => {
			const scenario = await nursingScenario();
			const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json', origin: baseUrl });
			const created = await request('planner', 'POST', '/api/stories', json({ place: 'greater-icknield', title: `Gap story ${Date.now()}` }));
			expect(created.status).toBe(201);
			const { id } = (await created.json()) as { id: string };
			// No classes chosen on the baseline slide: the story derives them once from it. The scenario
			// slide's link carries classes of its own, which the story replaces with its own.
			const params = { place: 'greater-icknield', scores: '2sfca', skill: NURSING, walk: '30', site: HOSPITAL };
			for (const view of [
				{ title: 'Today', params },
				{ title: 'With 300 more nurses', params: { ...params, scenario: scenario.id, breaks: '1,2,3,4' } }
			]) {
				expect((await request('planner', 'POST', `/api/stories/${id}/views`, json(view))).status).toBe(201);
			}
			const story = (await (await request('planner', 'GET', `/api/stories/${id}`)).json()) as Story;
			expect(story.breaks!.length).toBeGreaterThanOrEqual(4);
			expect(story.viewsList.map((v) => v.params.breaks)).toEqual([story.breaks!.join(','), story.breaks!.join(',')]);
			const { context, page, errors } = await openPage(browser, PROJECTOR);
			try {
				await signIn(page, `/stories/${id}`);
				// The builder shows the story's classes and adds the scenario's difference map after it.
				const classes = await page.getByTestId('story-class-list').locator('li').allInnerTexts();
				expect(classes.length).toBeGreaterThanOrEqual(5);
				await page.getByTestId('add-difference').click();
				await page.waitForFunction(() => document.querySelectorAll('[data-testid="story-view"]').length === 3);
				await expect(page.getByTestId('view-kind').allInnerTexts()).resolves.toEqual(['Score map', 'Score map', 'Difference map (before/after)']);
				await saveScreenshot('gap-1920-story-builder.png', await page.screenshot({ fullPage: true }));

				await page.goto(`${baseUrl}/present/${id}`);
				const legendOf = async (view: number) => {
					const frame = page.frameLocator(`iframe[data-view="${view}"]`);
					await frame.locator('[data-testid="map"][data-scores="drawn"]').waitFor({ timeout: 120_000 });
					// The next slide loads hidden behind this one: let it finish before the screenshot.
					if (view < 3) await page.frameLocator(`iframe[data-view="${view + 1}"]`).locator('[data-testid="map"][data-scores="drawn"]').waitFor({ state: 'attached', timeout: 120_000 });
					await frame.getByTestId('map-headline').waitFor({ timeout: 90_000 });
					const section = frame.locator('[data-legend="scores"]');
					return { items: await section.locator('li').allInnerTexts(), text: await section.innerText(), headline: await frame.getByTestId('map-headline').innerText() };
				};
				const before = await legendOf(1);
				await backOfTheRoom(page, 'gap-1920-story-baseline');
				await page.keyboard.press('ArrowRight');
				await page.locator('[data-testid="present-position"]', { hasText: '2 / 3' }).waitFor({ timeout: 30_000 });
				const after = await legendOf(2);
				await backOfTheRoom(page, 'gap-1920-story-scenario');
				await page.keyboard.press('ArrowRight');
				await page.locator('[data-testid="present-position"]', { hasText: '3 / 3' }).waitFor({ timeout: 30_000 });
				const change = await legendOf(3);
				await backOfTheRoom(page, 'gap-1920-story-difference');

				// The same classes, the story's, on both score slides: at least five, as the builder listed them.
				expect(before.items.filter((t) => !/No opportunities/.test(t))).toEqual(classes);
				expect(after.items).toEqual(before.items);
				expect(before.text).toContain('baseline (today’s plans)');
				expect(after.text).toContain(`scenario “${scenario.name}”`);
				for (const slide of [before, after, change]) {
					expect(slide.text).toContain('Nursing & midwifery');
					expect(slide.text).toContain('Counting everyone with the skills');
					expect(slide.text).toContain("within 30 minutes' walk (straight line)");
					expect(slide.headline).toMatch(/nursing & midwifery posts; .* within 30 minutes' walk \(straight line\)/);
				}
				// The difference slide: the change, under which scenario, against what, in gain/loss classes.
				expect(change.text).toContain('Change in opportunity score: Posts per local person with the skills');
				expect(change.text).toContain(`scenario “${scenario.name}” against the baseline (today’s plans)`);
				expect(change.items.some((t) => /gained|Better/.test(t))).toBe(true);
				expect(change.items).toContain('No change');
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		}, 480_000);
	});
}
