/**
 * Scenarios in a real browser: a planner copies the baseline, gives the hospital 300 nursing
 * posts, and reads the before/after map and table; a refused change keeps what was typed; and
 * nobody but planners and administrators reaches the pages.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GAIN_COLOURS } from '../../src/lib/map/scores';
import { launchChromium, openPage, PHONE, pixelStats, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const accounts = inject('accounts');
const PROJECTOR: BrowserContextOptions = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const HOSPITAL = 'midland-metropolitan-university-hospital';

async function signIn(page: Page, role: 'researcher' | 'planner', next: string) {
	await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(accounts[role].username);
	await page.getByLabel('Password').fill(accounts[role].password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname === next);
}

async function createScenario(page: Page, name: string): Promise<string> {
	await signIn(page, 'planner', '/scenarios');
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Description (optional)').fill('What if the hospital hires 300 more nurses?');
	await page.getByRole('button', { name: 'Create scenario' }).click();
	await page.waitForURL((url) => /^\/scenarios\/[0-9a-f-]{36}$/.test(url.pathname));
	return new URL(page.url()).pathname.split('/').pop()!;
}

if (!chromiumPath) {
	describe('scenarios in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe('scenarios in chromium', () => {
		let browser: Browser;
		beforeAll(async () => {
			browser = await launchChromium(chromiumPath);
		});
		afterAll(async () => {
			await browser?.close();
		});

		it('lets a planner add 300 nursing posts at the hospital and see who gains', async () => {
			const { context, page, errors } = await openPage(browser, PROJECTOR);
			try {
				const name = `Hospital nursing ${Date.now()}`;
				const id = await createScenario(page, name);
				await expect(page.locator('h1').innerText()).resolves.toContain(name);

				const hospital = page.locator(`[data-testid="scenario-site"][data-site-id="${HOSPITAL}"]`);
				await hospital.locator('summary').click();
				const add = hospital.getByTestId('add-opportunity');
				await add.getByLabel('Skills').selectOption('nursing-midwifery');
				await add.getByLabel('Kind').selectOption('job');
				await add.getByLabel('Title').fill('Additional registered nurses');
				await add.getByLabel('Number').fill('300');
				await add.getByRole('button', { name: 'Add opportunity' }).click();
				await expect(page.getByTestId('scenario-changes').innerText()).resolves.toMatch(/Midland Metropolitan University Hospital: \+300 opportunities/);

				await page.getByTestId('compare-skill').selectOption('nursing-midwifery');
				await page.locator('[data-testid="scenario-compare"][data-state="done"]').waitFor({ timeout: 60_000 });
				await page.locator('[data-testid="difference-map"][data-difference="drawn"]').waitFor({ timeout: 60_000 });
				const summary = await page.getByTestId('compare-summary').innerText();
				const better = Number(/(\d+) areas better/.exec(summary)?.[1]);
				expect(better).toBeGreaterThan(0);
				const table = await page.getByTestId('compare-sites').innerText();
				expect(table).toMatch(/Midland Metropolitan University Hospital\s+122 → 422/);

				const map = await page.getByTestId('difference-map').screenshot();
				const stats = await pixelStats(context, map, GAIN_COLOURS, 40);
				expect(Object.values(stats.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(5_000);
				await saveScreenshot('scenario-1920-compare.png', await page.screenshot());
				await saveScreenshot('scenario-1920-full.png', await page.screenshot({ fullPage: true }));

				// The list shows it, with its new total.
				await page.goto(`${baseUrl}/scenarios`);
				await expect(page.getByTestId('scenario-list').innerText()).resolves.toContain(name);
				await expect(page.locator(`a[href="/scenarios/${id}"]`).count()).resolves.toBe(1);
				await saveScreenshot('scenarios-1920-list.png', await page.screenshot());
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('keeps what was typed when a change is refused, and reads on a phone', async () => {
			const { context, page, errors } = await openPage(browser, PHONE);
			try {
				await createScenario(page, `Phone check ${Date.now()}`);
				const form = page.getByTestId('add-site');
				await form.getByLabel('Name').fill('Training centre far away');
				await form.getByLabel('Longitude').fill('-0.1276');
				await form.getByLabel('Latitude').fill('51.5072');
				await form.getByRole('button', { name: 'Add site' }).click();
				await expect(page.getByRole('alert').filter({ hasText: '5 km' }).innerText()).resolves.toMatch(/more than 5 km/);
				await expect(form.getByLabel('Name').inputValue()).resolves.toBe('Training centre far away');

				await page.locator('[data-testid="scenario-compare"][data-state="done"]').waitFor({ timeout: 60_000 });
				await page.locator('[data-testid="difference-map"][data-difference="drawn"]').waitFor({ timeout: 60_000 });
				await page.evaluate(() => window.scrollTo(0, 0));
				await saveScreenshot('scenario-390-top.png', await page.screenshot());
				await page.getByTestId('compare-summary').scrollIntoViewIfNeeded();
				await saveScreenshot('scenario-390-compare.png', await page.screenshot());
				await page.locator(`[data-testid="scenario-site"][data-site-id="${HOSPITAL}"]`).scrollIntoViewIfNeeded();
				await saveScreenshot('scenario-390-site.png', await page.screenshot());
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
				expect(overflow).toBeLessThanOrEqual(0);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('is not for the public or researchers', async () => {
			const { context, page } = await openPage(browser, PROJECTOR);
			try {
				expect((await page.goto(`${baseUrl}/scenarios`))?.status()).toBe(401);
				await signIn(page, 'researcher', '/');
				expect((await page.goto(`${baseUrl}/scenarios`))?.status()).toBe(403);
				await expect(page.getByRole('link', { name: 'Scenarios' }).count()).resolves.toBe(0);
			} finally {
				await context.close();
			}
		});
	});
}
