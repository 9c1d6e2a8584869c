/**
 * Outreach routes in a real browser on a phone (issue 12): a researcher ticks six hubs, sees them
 * ordered with the minute each is reached, saves the route, downloads its GPX, records a visit,
 * and opens the printable sheet under print media (screenshots in tests/e2e/screenshots/).
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage, PHONE, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const accounts = inject('accounts');

async function signIn(page: Page, next: string) {
	await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(accounts.researcher.username);
	await page.getByLabel('Password').fill(accounts.researcher.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname === next);
}

if (!chromiumPath) {
	describe('outreach routes in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe('outreach routes in chromium', () => {
		let browser: Browser;
		beforeAll(async () => {
			browser = await launchChromium(chromiumPath);
		});
		afterAll(async () => {
			await browser?.close();
		});

		it('on a phone: six hubs in walking order with times, saved, GPX downloaded, a visit recorded, the sheet printed', async () => {
			const { context, page, errors } = await openPage(browser, { ...PHONE, acceptDownloads: true });
			try {
				await signIn(page, '/outreach');
				const hubs = page.getByTestId('hub-list').locator('input[type="checkbox"]');
				expect(await hubs.count()).toBeGreaterThanOrEqual(6);
				const picked: string[] = [];
				for (let k = 0; k < 6; k++) {
					const box = hubs.nth(k * 2);
					await box.check();
					picked.push((await box.getAttribute('value'))!);
				}
				await page.getByLabel('From a hub').selectOption(picked[0]!);
				await page.getByTestId('plan-route').click();

				const order = page.getByTestId('route-order').locator('li');
				await order.first().waitFor({ timeout: 30_000 });
				expect(await order.count()).toBe(6);
				const minutes = (await order.locator('.minute').allInnerTexts()).map((text) => Number(text.replace(' min', '')));
				expect(minutes).toHaveLength(6);
				// Arrivals only grow along the route.
				expect([...minutes].sort((a, b) => a - b)).toEqual(minutes);
				expect(minutes[5]).toBeGreaterThan(0);
				await expect(page.getByTestId('route-sketch').locator('.stop').count()).resolves.toBe(6);
				await saveScreenshot('outreach-phone-plan.png', await page.screenshot({ fullPage: true }));

				await page.getByLabel('Name (to save)').fill(`Phone round ${Date.now()}`);
				await page.getByTestId('save-route').click();
				await page.waitForURL((url) => /^\/outreach\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 30_000 });
				const id = new URL(page.url()).pathname.split('/').pop()!;
				await expect(page.getByTestId('route-stops').locator(':scope > li').count()).resolves.toBe(6);

				const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-gpx').click()]);
				expect(download.suggestedFilename()).toMatch(/^phone-round-\d+\.gpx$/);
				const gpx = await fs.readFile((await download.path())!, 'utf8');
				expect(gpx).toContain('<gpx version="1.1"');
				expect(gpx.match(/<wpt /g)).toHaveLength(6);
				expect(gpx).toContain('<trkseg>');

				const first = page.getByTestId('route-stops').locator(':scope > li').first();
				await first.getByLabel('Visited').check();
				await first.getByLabel('People reached').fill('7');
				await first.getByLabel('Questionnaires').fill('3');
				await first.getByRole('button', { name: 'Save outcome' }).click();
				await first.getByRole('status').waitFor();
				await saveScreenshot('outreach-phone-route.png', await page.screenshot({ fullPage: true }));

				await page.getByTestId('route-sheet-link').click();
				await page.waitForURL(`${baseUrl}/outreach/${id}/sheet`);
				// An A4 page at 96 dpi (210 mm = 794 px) under print media, as the printer lays it out.
				await page.setViewportSize({ width: 794, height: 1123 });
				await page.emulateMedia({ media: 'print' });
				await expect(page.locator('.screen-only').isVisible()).resolves.toBe(false);
				await expect(page.getByTestId('route-sheet').locator('tbody tr').count()).resolves.toBe(6);
				await saveScreenshot('outreach-sheet-print.png', await page.screenshot({ fullPage: true }));
				const pdf = await page.pdf({ format: 'A4' });
				expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
				await saveScreenshot('outreach-sheet.pdf', pdf);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		}, 180_000);
	});
}
