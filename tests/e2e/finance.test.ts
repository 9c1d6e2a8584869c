/**
 * Community finance in a real browser (issue 15, part 5): network staff record an award and import
 * a CSV without JavaScript (a bad row is named and nothing is imported), and the public page on a
 * phone shows the aggregates (map of 1 km areas, chart over time, tables) without sideways
 * scrolling and without the amount of an award to an individual. Screenshots in /tmp/shots-finance/.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage, PHONE } from './browser';
import { request } from './http';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const accounts = inject('accounts');
const SHOTS = '/tmp/shots-finance';
/** An award to an individual whose amount must appear in no public answer. */
const INDIVIDUAL_AMOUNT = '6173.29';

async function shot(page: Page, name: string): Promise<void> {
	await fs.mkdir(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

async function signIn(page: Page, next: string) {
	await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(accounts.network.username);
	await page.getByLabel('Password').fill(accounts.network.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname === next);
}

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The elements that reach past the screen's right edge (tag.class and right edge), to say what to fix. */
const widest = (page: Page) =>
	page.evaluate(() =>
		[...document.querySelectorAll('body *')]
			.filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
			.slice(0, 8)
			.map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`)
	);

if (!chromiumPath) {
	describe('community finance in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe('community finance in chromium', () => {
		let browser: Browser;
		beforeAll(async () => {
			browser = await launchChromium(chromiumPath);
		});
		afterAll(async () => {
			await browser?.close();
		});

		it('network staff record an award and import a CSV without JavaScript; a bad row is named and nothing imported', async () => {
			const { context, page } = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
			try {
				await signIn(page, '/finance/records');
				const totalBefore = Number(/\((\d+)\)/.exec((await page.getByRole('heading', { name: /^Awards \(/ }).textContent()) ?? '')![1]);
				await page.getByLabel('Source (who gave it)').fill('USE-IT! start-up grant');
				await page.getByLabel('Amount (£)').fill(INDIVIDUAL_AMOUNT);
				await page.getByLabel('Kind').selectOption('grant');
				await page.getByLabel('Recipient type').selectOption('individual');
				await page.getByLabel('Date received').fill('2025-06-01');
				await page.getByLabel('Longitude').fill('-1.9390');
				await page.getByLabel('Latitude').fill('52.4862');
				await page.getByRole('button', { name: 'Save award' }).click();
				await page.getByText('Award saved.').waitFor({ timeout: 60_000 });
				// A point outside the place is refused beside the field, what was typed kept.
				await page.getByLabel('Source (who gave it)').fill('Elsewhere fund');
				await page.getByLabel('Amount (£)').fill('100');
				await page.getByLabel('Date received').fill('2025-06-01');
				await page.getByLabel('Longitude').fill('0.1');
				await page.getByLabel('Latitude').fill('51.5');
				await page.getByRole('button', { name: 'Save award' }).click();
				await page.getByText(/The longitude puts the point .* outside the place/).waitFor({ timeout: 60_000 });
				expect(await page.getByLabel('Source (who gave it)').inputValue()).toBe('Elsewhere fund');

				const header = 'source,amount_gbp,kind,recipient_type,received_on,lon,lat,site,note';
				const row = (source: string, amount: string) => `${source},${amount},community_share,community_group,2024-03-01,-1.95,52.49,,`;
				await page.getByLabel('or paste the CSV').fill([header, row('Share offer A', '2500'), row('Share offer B', 'lots')].join('\n'));
				await page.getByRole('button', { name: 'Import' }).click();
				await page.getByText(/row 2, column "amount_gbp"/).waitFor({ timeout: 60_000 });
				await shot(page, 'records-import-refused-phone.png');
				await page.getByLabel('or paste the CSV').fill([header, row('Share offer A', '2500'), row('Share offer B', '4000')].join('\n'));
				await page.getByRole('button', { name: 'Import' }).click();
				await page.getByText('Imported 2 awards.').waitFor({ timeout: 60_000 });
				const totalAfter = Number(/\((\d+)\)/.exec((await page.getByRole('heading', { name: /^Awards \(/ }).textContent()) ?? '')![1]);
				expect(totalAfter).toBe(totalBefore + 3);
				// Staff see the individual award's amount here (and only here).
				expect(await page.content()).toContain('6,173.29');
				expect(await sidewaysOverflow(page), (await widest(page)).join('; ')).toBeLessThanOrEqual(0);
				await shot(page, 'records-phone.png');
			} finally {
				await context.close();
			}
		}, 240_000);

		it('the public page on a phone: the map of areas, the chart over time and the tables, no individual amount', async () => {
			const { context, page, errors } = await openPage(browser, PHONE);
			try {
				await page.goto(`${baseUrl}/finance`);
				await page.locator('[data-testid="finance-map"][data-map-ready="true"]').waitFor({ timeout: 90_000 });
				expect(Number(await page.getByTestId('finance-map').getAttribute('data-cells'))).toBeGreaterThan(1);
				expect(await page.getByTestId('finance-chart').locator('rect').count()).toBeGreaterThan(5);
				expect(await page.getByTestId('finance-by-site').locator('tbody tr').count()).toBeGreaterThan(1);
				await expect(page.getByTestId('finance-individuals').textContent()).resolves.toMatch(/Individuals/);
				const html = await page.content();
				expect(html).not.toContain('6,173');
				expect(html).not.toContain('6173');
				expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
				await shot(page, 'finance-phone.png');
				expect(errors).toEqual([]);
				// The same figures as JSON, public; the staff page is not.
				const summary = await request('public', 'GET', '/api/finance/summary?place=greater-icknield');
				expect(summary.status).toBe(200);
				expect(await summary.text()).not.toContain('6173');
				expect((await request('public', 'GET', '/finance/records')).status).toBe(401);
				expect((await request('planner', 'GET', '/finance/records')).status).toBe(403);
			} finally {
				await context.close();
			}
		}, 240_000);
	});
}
