/**
 * The questionnaire offline on a phone (issue 11), against a server of this test's own on a fixed
 * port with its own embedded database: fill one form online, STOP THE SERVER (Playwright's
 * offline switch does not stop service-worker traffic), reload the form from the service worker's
 * cache, fill two more (they wait in IndexedDB and the page says so), start the server again on
 * the same port, and see exactly three responses stored.
 */
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrator';
import { createAccount } from '../../src/lib/server/auth/service';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/log';
import { launchChromium, openPage, PHONE } from './browser';
import { freePort, ROOT, startServer, type RunningServer } from './server';

const chromiumPath = inject('chromiumPath');
const SHOTS = '/tmp/shots-researchers';
const ACCOUNT = { username: 'offline.researcher', password: 'offline researcher passphrase' };
// Winson Green, inside Greater Icknield.
const POINT = { lon: '-1.94512', lat: '52.49233' };

async function fillAndSave(page: Page, ideas: string) {
	await page.locator('input[name="consent"]').check();
	await page.locator('input[name="age_band"][value="25-34"]').check();
	await page.locator('input[name="main_language"][value="pa"]').check();
	await page.locator('input[name="location.lon"]').fill(POINT.lon);
	await page.locator('input[name="location.lat"]').fill(POINT.lat);
	await page.locator('input[name="occupation"][value="nurse"]').check();
	await page.locator('#q-ideas').fill(ideas);
	await page.getByRole('button', { name: 'Save answers' }).click();
	await page.getByTestId('notice').waitFor({ timeout: 60_000 });
}

const waitingCount = async (page: Page) => Number(await page.getByTestId('waiting').getAttribute('data-count'));

if (!chromiumPath) {
	describe('questionnaire offline', () => {
		it.skip('SKIPPED: no chromium found', () => {});
	});
} else {
	describe('questionnaire offline in chromium on a phone', () => {
		let browser: Browser;
		let server: RunningServer | undefined;
		let workDir: string;
		let port: number;
		let env: Record<string, string>;

		beforeAll(async () => {
			workDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'atlas-offline-'));
			const dataDir = path.join(workDir, 'pglite');
			const database = await openDatabase({ pgliteDataDir: dataDir });
			try {
				await migrate(database.db, path.join(ROOT, 'migrations'));
				await createAccount(database.db, SYSTEM_ACTOR, { ...ACCOUNT, role: 'researcher', displayName: 'Offline researcher' });
			} finally {
				await database.close();
			}
			port = await freePort();
			env = { PGLITE_DATA_DIR: dataDir, SEED_ON_EMPTY: 'true', BASEMAP_STYLE_URL: '' };
			server = await startServer({ port, env, readyTimeoutMs: 600_000 });
			browser = await launchChromium(chromiumPath);
			await fsp.mkdir(SHOTS, { recursive: true });
		}, 900_000);
		afterAll(async () => {
			await browser?.close();
			await server?.stop();
			await fsp.rm(workDir, { recursive: true, force: true });
		}, 60_000);

		it('one online, two while the server is down, all three stored exactly once when it is back', async () => {
			const baseUrl = `http://127.0.0.1:${port}`;
			const { page, errors } = await openPage(browser, PHONE);
			await page.goto(`${baseUrl}/signin?next=${encodeURIComponent('/questionnaire')}`);
			await page.getByLabel('Username').fill(ACCOUNT.username);
			await page.getByLabel('Password').fill(ACCOUNT.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL((url) => url.pathname === '/questionnaire', { timeout: 60_000 });
			// The service worker installs on the first visit; the next load goes through it and is kept.
			await page.evaluate(async () => {
				await navigator.serviceWorker.ready;
			});
			await page.reload();
			await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 60_000 });
			await page.getByTestId('waiting').waitFor({ timeout: 60_000 });

			await fillAndSave(page, 'online one');
			await expect.poll(() => waitingCount(page), { timeout: 60_000 }).toBe(0);
			expect(await page.getByTestId('notice').innerText()).toBe('Answers saved.');

			await server!.stop();
			server = undefined;
			// The form comes from the service worker's cache while the server is down.
			await page.reload();
			await page.getByTestId('waiting').waitFor({ timeout: 60_000 });
			await fillAndSave(page, 'offline two');
			await expect.poll(() => waitingCount(page), { timeout: 30_000 }).toBe(1);
			expect(await page.getByTestId('notice').innerText()).toMatch(/kept on this phone/);
			await fillAndSave(page, 'offline three');
			await expect.poll(() => waitingCount(page), { timeout: 30_000 }).toBe(2);
			expect(await page.getByTestId('waiting').innerText()).toMatch(/2 answers wait to be sent/);
			await page.screenshot({ path: `${SHOTS}/questionnaire-offline-waiting.png`, fullPage: false });
			expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

			server = await startServer({ port, env, readyTimeoutMs: 600_000 });
			// The page retries by itself; nothing is clicked.
			await expect.poll(() => waitingCount(page), { timeout: 90_000, interval: 1000 }).toBe(0);
			const stored = await page.evaluate(async () => {
				const response = await fetch('/api/responses?limit=500', { cache: 'no-store' });
				return (await response.json()) as { total: number; responses: { answers: { ideas?: string } }[] };
			});
			expect(stored.total).toBe(3);
			expect(stored.responses.map((r) => r.answers.ideas).sort()).toEqual(['offline three', 'offline two', 'online one']);
			await page.screenshot({ path: `${SHOTS}/questionnaire-back-online.png`, fullPage: false });
			expect(errors).toEqual([]);
		}, 900_000);
	});
}
