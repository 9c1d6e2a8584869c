/**
 * Stories in a real browser: a planner builds a story from pasted map links, reorders it, and
 * presents it at 1920 × 1080 with the keyboard (the URL follows, a reload stays put); a link to
 * another site is refused beside the field with the typing kept; each view renders without
 * JavaScript; and only planners and administrators reach the pages.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage, pixelStats, saveScreenshot } from './browser';
import { request } from './http';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const accounts = inject('accounts');
const PROJECTOR: BrowserContextOptions = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const HOSPITAL = 'midland-metropolitan-university-hospital';

const VIEWS = {
	hospital: {
		link: `${baseUrl}/?place=greater-icknield&site=${HOSPITAL}`,
		title: 'The new hospital',
		caption: 'Midland Metropolitan University Hospital: 7,000 staff and over 400 job roles, on Grove Lane.'
	},
	area: {
		link: `/?place=greater-icknield`,
		title: 'Greater Icknield',
		caption: '81,361 people; over 40% without formal qualifications. Five capital projects are landing here.'
	},
	scores: {
		link: `${baseUrl}/?place=greater-icknield&scores=e2sfca&skill=nursing-midwifery&distance=straight`,
		title: 'Who can reach the nursing jobs',
		caption: 'Nursing and midwifery posts per local resident with those skills, within 30 minutes’ walk.'
	}
};

async function signIn(page: Page, role: 'researcher' | 'planner', next: string) {
	await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(accounts[role].username);
	await page.getByLabel('Password').fill(accounts[role].password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname === next);
}

async function addView(page: Page, view: { link: string; title: string; caption: string }) {
	const form = page.getByTestId('add-view');
	const before = await page.getByTestId('story-view').count();
	await form.getByLabel('Map link').fill(view.link);
	await form.getByLabel('Title').fill(view.title);
	await form.getByLabel(/^Caption/).fill(view.caption);
	await form.getByRole('button', { name: 'Add view' }).click();
	await page.waitForFunction((n) => document.querySelectorAll('[data-testid="story-view"]').length === n, before + 1);
}

const viewTitles = (page: Page) => page.locator('[data-testid="story-view"] h3').allInnerTexts();

/** The px font size of the first element matching `selector`. */
const fontSize = (page: Page, selector: string) => page.locator(selector).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

async function waitForEmbeddedMap(page: Page) {
	const frame = page.frameLocator('[data-testid="present-map"]');
	await frame.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 60_000 });
	await page.waitForTimeout(300);
}

if (!chromiumPath) {
	describe('stories in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe('stories in chromium', () => {
		let browser: Browser;
		let storyId = '';
		beforeAll(async () => {
			browser = await launchChromium(chromiumPath);
		});
		afterAll(async () => {
			await browser?.close();
		});

		it('lets a planner build a story from pasted map links and reorder it', async () => {
			const { context, page, errors } = await openPage(browser, PROJECTOR);
			try {
				await signIn(page, 'planner', '/stories');
				await page.getByLabel('Title').fill('Meeting with the hospital trust');
				await page.getByLabel('Description (optional)').fill('Where the hospital’s jobs meet local skills.');
				await page.getByRole('button', { name: 'Create story' }).click();
				await page.waitForURL((url) => /^\/stories\/[0-9a-f-]{36}$/.test(url.pathname));
				storyId = new URL(page.url()).pathname.split('/').pop()!;

				// A link to another site is refused beside the field, and what was typed stays.
				const form = page.getByTestId('add-view');
				await form.getByLabel('Map link').fill('https://maps.example.com/?place=greater-icknield');
				await form.getByLabel('Title').fill('Kept title');
				await form.getByRole('button', { name: 'Add view' }).click();
				await form.getByRole('alert').filter({ hasText: /goes to maps\.example\.com, not to Asset Atlas/ }).waitFor();
				await expect(form.getByLabel('Title').inputValue()).resolves.toBe('Kept title');
				await expect(form.getByLabel('Map link').getAttribute('aria-invalid')).resolves.toBe('true');
				await form.getByLabel('Map link').fill(`${baseUrl}/sites/${HOSPITAL}`);
				await form.getByRole('button', { name: 'Add view' }).click();
				await form.getByRole('alert').filter({ hasText: /page \/sites\/.+, not to the map/ }).waitFor();

				await addView(page, VIEWS.hospital);
				await addView(page, VIEWS.area);
				await addView(page, VIEWS.scores);
				expect(await viewTitles(page)).toEqual([VIEWS.hospital.title, VIEWS.area.title, VIEWS.scores.title]);

				await page.getByRole('button', { name: `Move “${VIEWS.area.title}” up` }).click();
				await page.waitForFunction((first) => document.querySelector('[data-testid="story-view"] h3')?.textContent === first, VIEWS.area.title);
				expect(await viewTitles(page)).toEqual([VIEWS.area.title, VIEWS.hospital.title, VIEWS.scores.title]);

				// Each view opens the map with exactly its parameters, names sorted.
				const hrefs = await page.getByRole('link', { name: 'Open on the map' }).evaluateAll((links) => links.map((a) => a.getAttribute('href')));
				expect(hrefs).toEqual([
					'/?place=greater-icknield',
					`/?place=greater-icknield&site=${HOSPITAL}`,
					// The story's colour classes, derived from this first score view's baseline, travel with it.
					expect.stringMatching(/^\/\?breaks=[\d.]+(%2C[\d.]+){3,7}&distance=straight&place=greater-icknield&scores=e2sfca&skill=nursing-midwifery$/)
				]);
				await page.reload();
				expect(await viewTitles(page)).toEqual([VIEWS.area.title, VIEWS.hospital.title, VIEWS.scores.title]);
				await saveScreenshot('stories-1920-builder.png', await page.screenshot({ fullPage: true }));

				// The map's "Add this view to a story" lands here with the view filled in.
				await page.goto(`${baseUrl}/stories/${storyId}?add=${encodeURIComponent('place=greater-icknield&scores=gravity')}`);
				await expect(page.getByTestId('add-view').getByLabel('Map link').inputValue()).resolves.toBe(`${baseUrl}/?place=greater-icknield&scores=gravity`);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('presents the story full screen, stepping with the keys, the URL following', async () => {
			expect(storyId).not.toBe('');
			const { context, page, errors } = await openPage(browser, PROJECTOR);
			try {
				await signIn(page, 'planner', '/stories');
				await page.goto(`${baseUrl}/stories/${storyId}`);
				await page.getByTestId('present-link').click();
				await page.waitForURL((url) => url.pathname === `/present/${storyId}`);

				await expect(page.getByTestId('present-title').innerText()).resolves.toBe(VIEWS.area.title);
				await expect(page.getByTestId('present-caption-text').innerText()).resolves.toBe(VIEWS.area.caption);
				await expect(page.getByTestId('present-position').innerText()).resolves.toMatch(/^1\s*\/\s*3$/);
				// Readable from the back of the room: at least 32 px on a 1080p projector.
				expect(await fontSize(page, '[data-testid="present-title"]')).toBeGreaterThanOrEqual(40);
				expect(await fontSize(page, '[data-testid="present-caption-text"]')).toBeGreaterThanOrEqual(32);
				const embed = await page.getByTestId('present-map').getAttribute('src');
				expect(embed).toBe('/?place=greater-icknield&present=1');

				await waitForEmbeddedMap(page);
				const map = await page.getByTestId('present-map').screenshot();
				const stats = await pixelStats(context, map, []);
				expect(stats.width).toBeGreaterThan(1800);
				expect(stats.distinctColours, 'the embedded map drew something').toBeGreaterThan(12);
				await saveScreenshot('present-1920-view1.png', await page.screenshot());

				await page.keyboard.press('ArrowRight');
				await expect(page.getByTestId('present-title').innerText()).resolves.toBe(VIEWS.hospital.title);
				await page.keyboard.press('ArrowRight');
				await expect(page.getByTestId('present-title').innerText()).resolves.toBe(VIEWS.scores.title);
				expect(new URL(page.url()).searchParams.get('view')).toBe('3');
				await expect(page.getByTestId('present-position').innerText()).resolves.toMatch(/^3\s*\/\s*3$/);
				await page.keyboard.press('ArrowRight'); // the last view stays
				expect(new URL(page.url()).searchParams.get('view')).toBe('3');

				await page.reload();
				await expect(page.getByTestId('present-title').innerText()).resolves.toBe(VIEWS.scores.title);
				await waitForEmbeddedMap(page);
				await saveScreenshot('present-1920-view3.png', await page.screenshot());

				await page.keyboard.press('ArrowLeft');
				await expect(page.getByTestId('present-title').innerText()).resolves.toBe(VIEWS.hospital.title);
				expect(new URL(page.url()).searchParams.get('view')).toBe('2');

				// A clicker sends PageDown/PageUp; Home and End jump.
				await page.keyboard.press('PageDown');
				await expect(page.getByTestId('present-title').innerText()).resolves.toBe(VIEWS.scores.title);
				await page.keyboard.press('Home');
				await expect(page.getByTestId('present-title').innerText()).resolves.toBe(VIEWS.area.title);
				await page.keyboard.press('End');
				await expect(page.getByTestId('present-position').innerText()).resolves.toMatch(/^3\s*\/\s*3$/);

				// Keys the embedded map forwards while it has the focus.
				await page.evaluate(() => window.postMessage({ type: 'atlas-key', key: 'PageUp' }, window.location.origin));
				// A message arrives after the call that posts it returns: wait for the step.
				await expect.poll(() => page.getByTestId('present-title').innerText()).toBe(VIEWS.hospital.title);

				await page.keyboard.press('Escape');
				await page.waitForURL((url) => url.pathname === `/stories/${storyId}`);
				// The embedded map with ?scores= calls replaceState before its router starts (a home-map
				// issue, reported to its owner); anything else thrown in the presentation fails the test.
				expect(errors.filter((e) => !/replaceState\(\.\.\.\) before router is initialized/.test(e))).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('renders each view without JavaScript, with links to the next and previous', async () => {
			const { context, page } = await openPage(browser, { ...PROJECTOR, javaScriptEnabled: false });
			try {
				await signIn(page, 'planner', '/stories');
				await page.goto(`${baseUrl}/present/${storyId}?view=2`);
				await expect(page.getByTestId('present-title').innerText()).resolves.toBe(VIEWS.hospital.title);
				await page.getByRole('link', { name: 'Next view' }).click();
				await page.waitForURL((url) => url.searchParams.get('view') === '3');
				await expect(page.getByTestId('present-title').innerText()).resolves.toBe(VIEWS.scores.title);
				await saveScreenshot('present-1920-no-js.png', await page.screenshot());
			} finally {
				await context.close();
			}
		});

		it('is for planners and administrators only', async () => {
			for (const path of ['/stories', `/stories/${storyId}`, `/present/${storyId}`]) {
				expect((await request('public', 'GET', path)).status, `public ${path}`).toBe(401);
				expect((await request('researcher', 'GET', path)).status, `researcher ${path}`).toBe(403);
				expect((await request('administrator', 'GET', path)).status, `administrator ${path}`).toBe(200);
			}
			expect((await request('planner', 'GET', '/present/00000000-0000-4000-8000-000000000000')).status).toBe(404);
		});
	});
}
