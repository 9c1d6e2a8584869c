/**
 * The staff side in a real browser: signing in through the form, what a researcher and an
 * administrator see, and signing out. Screenshots of each page are saved to be looked at.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchChromium, openPage, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const accounts = inject('accounts');

async function signIn(page: Page, role: 'researcher' | 'administrator', next = '/') {
	await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(accounts[role].username);
	await page.getByLabel('Password').fill(accounts[role].password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname === next);
}

if (!chromiumPath) {
	describe('staff pages in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe('staff pages in chromium', () => {
		let browser: Browser;
		beforeAll(async () => {
			browser = await launchChromium(chromiumPath);
		});
		afterAll(async () => {
			await browser?.close();
		});

		it('sends the signed-out to sign in, and a wrong password gets the generic message', async () => {
			const { context, page } = await openPage(browser, DESKTOP);
			try {
				const response = await page.goto(`${baseUrl}/records`);
				expect(response?.status()).toBe(401);
				await page.getByRole('link', { name: 'Sign in' }).click();
				await page.getByLabel('Username').fill(accounts.researcher.username);
				await page.getByLabel('Password').fill('not the password at all');
				await page.getByRole('button', { name: 'Sign in' }).click();
				await expect(page.getByRole('alert').innerText()).resolves.toMatch(/did not match, or too many attempts/);
			} finally {
				await context.close();
			}
		});

		it('keeps a username typed while the page was still loading its scripts (a slow phone)', async () => {
			const { context, page } = await openPage(browser, DESKTOP);
			try {
				// Hold the app's scripts back, type into the server-rendered form, then let it hydrate.
				let release!: () => void;
				const released = new Promise<void>((resolve) => (release = resolve));
				await page.route('**/_app/immutable/**', async (route) => {
					await released;
					await route.continue();
				});
				await page.goto(`${baseUrl}/signin`, { waitUntil: 'commit' });
				// An account that does not exist: the answer is the same generic message, and no real
				// account collects failed attempts.
				await page.getByLabel('Username').fill('someone.typing.early');
				await page.getByLabel('Password').fill('typed before the scripts ran');
				release();
				await page.waitForLoadState('networkidle');
				await expect(page.getByLabel('Username').inputValue()).resolves.toBe('someone.typing.early');
				await page.getByRole('button', { name: 'Sign in' }).click();
				await expect(page.getByRole('alert').innerText()).resolves.toMatch(/did not match, or too many attempts/);
				await expect(page.getByLabel('Username').inputValue()).resolves.toBe('someone.typing.early');
			} finally {
				await context.close();
			}
		});

		it('lets a researcher add a record and see only their own', async () => {
			const { context, page, errors } = await openPage(browser, DESKTOP);
			try {
				await signIn(page, 'researcher', '/records');
				await expect(page.locator('.notice').innerText()).resolves.toMatch(/only the records you collected/);
				await page.getByLabel('Highest qualification').fill('6');
				await page.getByLabel('Holds an overseas qualification').check();
				await page.getByLabel('Languages').fill('Tigrinya, English');
				await page.getByLabel('Longitude').fill('-1.94512');
				await page.getByLabel('Latitude').fill('52.49233');
				await page.getByRole('button', { name: 'Save record' }).click();
				await expect(page.getByRole('status').first().innerText()).resolves.toMatch(/Record saved/);
				await page.reload();
				const rows = page.locator('table.data-table tbody tr');
				expect(await rows.count()).toBeGreaterThan(0);
				expect(await page.locator('table.data-table').innerText()).not.toContain('(synthetic)');
				await saveScreenshot('staff-records.png', await page.screenshot({ fullPage: true }));
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('shows an administrator the accounts, the audit log and the suppression record, then signs out', async () => {
			const { context, page, errors } = await openPage(browser, DESKTOP);
			try {
				await signIn(page, 'administrator', '/admin/users');
				await expect(page.locator('table.data-table').innerText()).resolves.toContain(accounts.researcher.username);
				await saveScreenshot('staff-accounts.png', await page.screenshot({ fullPage: true }));

				await page.getByRole('link', { name: 'Audit log' }).click();
				await page.waitForURL('**/admin/audit');
				await expect(page.locator('table.data-table').innerText()).resolves.toMatch(/resident_skill/);
				await saveScreenshot('staff-audit.png', await page.screenshot());

				await page.getByRole('link', { name: 'Suppression record' }).click();
				await page.waitForURL('**/admin/suppression');
				await expect(page.locator('.facts').innerText()).resolves.toMatch(/Threshold k\s*10/i);
				await saveScreenshot('staff-suppression.png', await page.screenshot());

				await page.getByRole('button', { name: 'Sign out' }).click();
				await page.waitForURL(`${baseUrl}/`);
				const after = await page.goto(`${baseUrl}/admin/users`);
				expect(after?.status()).toBe(401);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});
	});
}
