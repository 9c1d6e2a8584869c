/**
 * A site's page in a real browser: on a projector-sized screen and on a phone, its figures, the
 * opportunities table, the local-talent chart, the nearby hubs and a map that draws; a clear 404 for
 * an unknown id; and the tables without JavaScript.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HUB_COLOUR } from '../../src/lib/components/site/site-map';
import { FALLBACK_BACKGROUND } from '../../src/lib/map/basemap';
import { kindStyle } from '../../src/lib/map/macro-assets';
import { blend, launchChromium, openPage, PHONE, pixelStats, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

const HOSPITAL = 'midland-metropolitan-university-hospital';
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };

async function waitForSiteMap(page: Page): Promise<void> {
	await page.locator('[data-testid="site-map"][data-map-ready="true"]').waitFor({ timeout: 45_000 });
	await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Checks what every viewport must show; returns the page's text. */
async function checkContent(page: Page): Promise<string> {
	await expect(page.locator('h1').innerText()).resolves.toBe('Midland Metropolitan University Hospital');
	const figures = await page.locator('[data-testid="site-figures"]').innerText();
	expect(figures).toContain('£350m');
	// 471 illustrative opportunities and the demo's 39 live hospital vacancies (issue 14).
	expect(figures).toMatch(/Opportunities\s*510/);
	// Only some figures are public facts: the opportunity counts are marked, the investment is not.
	expect(figures).toMatch(/510\s*illustrative/i);
	expect(figures).not.toMatch(/£350m\s*illustrative/i);
	await expect(page.locator('[data-testid="site-status"]').innerText()).resolves.toBe('Operational');

	const table = page.locator('[data-testid="opportunity-table"]');
	// Soft hyphens let the headings break on a phone; they are not part of the words.
	await expect(table.locator('thead').innerText().then((t) => t.replace(/\u00ad/g, ''))).resolves.toMatch(/Skill group\s+Jobs\s+Training places\s+Contracts \(lots\)\s+Placements\s+Total/);
	await expect(table.locator('tbody').innerText()).resolves.toMatch(/Nursing & midwifery\s+98\s+24\s+–\s+–\s+122/);
	await expect(page.locator('[data-testid="opportunity-total"]').innerText()).resolves.toBe('510');

	await expect(page.locator('[data-testid="talent-headline"]').innerText()).resolves.toMatch(
		/About \d+(\.\d+)? local residents with the skills live within a 20-minute walk \(straight line\) for every opportunity here — \d+(st|nd|rd|th) of \d+ \(1st = most local talent per post\)/
	);
	await expect(page.locator('[data-testid="talent-meaning"]').innerText()).resolves.toContain(
		'about 3 local residents with these skills live within a 20-minute walk (straight line) for every post'
	);
	const privacy = await page.locator('[data-testid="talent-privacy"]').innerText();
	expect(privacy).toMatch(/published, rounded and anonymised/);
	expect(privacy).toMatch(/No individual person is ever shown/);
	expect(privacy).toMatch(/synthetic population/);
	const bars = page.locator('[data-testid="talent-bar"]');
	expect(await bars.count()).toBe(12);
	await expect(page.locator('[data-testid="talent-bar"][data-skill-group="nursing-midwifery"]').innerText()).resolves.toMatch(
		/Nursing & midwifery\s+0\.\d\d\s+per post/
	);
	await expect(page.locator('[data-testid="band-table"] tbody').innerText()).resolves.toMatch(/0–20 minutes/);
	// The gap headline heads the page: the nursing posts, the people within the walk, the shortfall.
	await expect(page.locator('[data-testid="gap-groups"]').innerText()).resolves.toMatch(/122 nursing & midwifery posts; about \d+ local people with nursing & midwifery skills within 20 minutes' walk \(straight line\); about \d+ short/);

	const hubs = await page.locator('[data-testid="nearby-hubs"]').innerText();
	expect(hubs).toMatch(/Training and employment\s+The Learning Works\s+on site/);
	expect(hubs).toMatch(/Faith centres/);
	const enterprises = await page.locator('[data-testid="nearby-enterprises"]').innerText();
	expect(enterprises).toMatch(/\(synthetic\)\s+\d+ m/);
	expect(enterprises).not.toMatch(/\(synthetic\) \(synthetic\)/);
	return page.locator('body').innerText();
}

if (!chromiumPath) {
	describe('site page in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe('site page in chromium', () => {
		let browser: Browser;

		beforeAll(async () => {
			browser = await launchChromium(chromiumPath);
		});
		afterAll(async () => {
			await browser?.close();
		});

		it('shows the figures, opportunities, local talent, neighbours and a drawn map on a 1920 × 1080 projector', async () => {
			const { context, page, errors } = await openPage(browser, PROJECTOR);
			try {
				const response = await page.goto(`${baseUrl}/sites/${HOSPITAL}`);
				expect(response?.status()).toBe(200);
				await checkContent(page);
				await waitForSiteMap(page);
				await saveScreenshot('site-projector.png', await page.screenshot());
				// The page is about 7,700 px tall at 1920 px; a full-page capture takes 15–30 s on a busy machine.
				await saveScreenshot('site-projector-full.png', await page.screenshot({ fullPage: true, timeout: 120_000 }));
				await expect(page.locator('[data-testid="back-to-map"]').getAttribute('href')).resolves.toBe(
					`/?place=greater-icknield&site=${HOSPITAL}`
				);
				// Large type for the back of the room: body text at least 20 px, the title far larger.
				const sizes = await page.evaluate(() => ({
					body: parseFloat(getComputedStyle(document.querySelector('.lead')!).fontSize),
					title: parseFloat(getComputedStyle(document.querySelector('h1')!).fontSize)
				}));
				expect(sizes.body).toBeGreaterThanOrEqual(20);
				expect(sizes.title).toBeGreaterThanOrEqual(40);

				// The map is not blank: the site's fill and the hubs are drawn on the plain background.
				await page.addStyleTag({ content: '.basemap-note, .maplibregl-control-container { visibility: hidden !important; }' });
				const png = await page.locator('[data-testid="site-map"]').screenshot();
				await saveScreenshot('site-map-canvas.png', png);
				const fill = blend(kindStyle('hospital').fill, FALLBACK_BACKGROUND, 0.5);
				const stats = await pixelStats(context, png, [FALLBACK_BACKGROUND, fill, kindStyle('hospital').line, HUB_COLOUR], 8);
				expect(stats.distinctColours).toBeGreaterThan(4);
				expect(stats.counts[FALLBACK_BACKGROUND]!).toBeGreaterThan(stats.width * stats.height * 0.2);
				expect(stats.counts[fill]!, 'site fill').toBeGreaterThan(200);
				expect(stats.counts[kindStyle('hospital').line]!, 'site outline').toBeGreaterThan(50);
				expect(stats.counts[HUB_COLOUR]!, 'hubs').toBeGreaterThan(30);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('reads on a 390 × 844 phone without sideways scrolling', async () => {
			const { context, page, errors } = await openPage(browser, PHONE);
			try {
				await page.goto(`${baseUrl}/sites/${HOSPITAL}`);
				await checkContent(page);
				await waitForSiteMap(page);
				await saveScreenshot('site-phone.png', await page.screenshot());
				await saveScreenshot('site-phone-full.png', await page.screenshot({ fullPage: true }));
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
				expect(overflow).toBeLessThanOrEqual(0);
				const bodySize = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.lead')!).fontSize));
				expect(bodySize).toBeGreaterThanOrEqual(16);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('prints on A4 without the header navigation, keeping the map and the tables', async () => {
			const { context, page } = await openPage(browser, PROJECTOR);
			try {
				await page.goto(`${baseUrl}/sites/${HOSPITAL}`);
				await waitForSiteMap(page);
				await page.emulateMedia({ media: 'print' });
				await expect(page.locator('.topbar').isVisible()).resolves.toBe(false);
				await expect(page.locator('[data-testid="site-map"]').isVisible()).resolves.toBe(true);
				await expect(page.locator('[data-testid="opportunity-table"]').isVisible()).resolves.toBe(true);
				const pdf = await page.pdf({ format: 'A4', printBackground: true });
				expect(pdf.length).toBeGreaterThan(10_000);
				await page.setViewportSize({ width: 794, height: 1123 });
				await saveScreenshot('site-print.png', await page.screenshot({ fullPage: true }));
			} finally {
				await context.close();
			}
		});

		it('answers an unknown site id with a 404 that says so and links back to the map', async () => {
			const { context, page } = await openPage(browser, PHONE);
			try {
				const response = await page.goto(`${baseUrl}/sites/no-such-site`);
				expect(response?.status()).toBe(404);
				await expect(page.locator('h1').innerText()).resolves.toBe('We could not find that site');
				await expect(page.locator('[data-testid="site-error-message"]').innerText()).resolves.toContain('There is no site with the id “no-such-site”');
				await expect(page.locator('[data-testid="back-to-map"]').getAttribute('href')).resolves.toBe('/');
				await saveScreenshot('site-404.png', await page.screenshot());
			} finally {
				await context.close();
			}
		});

		it('shows the tables and the chart without JavaScript', async () => {
			const { context, page } = await openPage(browser, { ...PROJECTOR, javaScriptEnabled: false });
			try {
				const response = await page.goto(`${baseUrl}/sites/${HOSPITAL}`);
				expect(response?.status()).toBe(200);
				await checkContent(page);
				const text = await page.locator('body').innerText();
				expect(text).toContain('The map needs JavaScript');
				await saveScreenshot('site-no-js.png', await page.screenshot());
			} finally {
				await context.close();
			}
		});
	});
}
