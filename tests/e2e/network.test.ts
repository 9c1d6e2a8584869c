/**
 * The enterprise network in a real browser (issue 15 parts 1-4): network staff add a private
 * enterprise and publish it (the public sees it only then, without its contact); a resident sends
 * an idea without an account and follows it through the private link while a partner approves
 * it; staff record a grant application, award it, and count a mentor's meetings to three; and
 * the procurement lists on an enterprise's page and a site's page are nearest first. Phone width,
 * no sideways scrolling; the idea form and the enterprise form work without JavaScript.
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, launchChromium, openPage } from './browser';
import { request } from './http';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const accounts = inject('accounts');
const SHOTS = '/tmp/shots-network';
const STEP = 120_000;

let browser: Browser;
beforeAll(async () => {
	await fs.mkdir(SHOTS, { recursive: true });
	if (!chromiumPath) throw new Error('No chromium found: set CHROMIUM_PATH (these tests need a browser).');
	browser = await launchChromium(chromiumPath);
}, STEP);
afterAll(async () => {
	await browser?.close();
});

async function signIn(page: Page, role: 'network' | 'partner', next: string) {
	await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Username').fill(accounts[role].username);
	await page.getByLabel('Password').fill(accounts[role].password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => url.pathname === next);
}

async function noSidewaysScroll(page: Page) {
	// Against the configured viewport: a phone's layout viewport widens with content that overflows.
	const width = page.viewportSize()!.width;
	const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(scroll, page.url()).toBeLessThanOrEqual(width);
}

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('enterprise network', () => {
	it('keeps a new enterprise private until its consent is recorded, and its contact until it agrees to show it', async () => {
		const staff = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
		const visitor = await openPage(browser, PHONE);
		try {
			await signIn(staff.page, 'network', '/enterprises/new');
			const form = staff.page.getByTestId('enterprise-form');
			await form.getByLabel('Name').fill('Grove Lane Kitchen E2E');
			await form.getByLabel('Consortium').selectOption('food');
			await form.getByLabel('What it offers').fill('Hot lunches for hospital staff');
			await form.getByLabel(/^Contact/).fill('kitchen-contact-E2E@example.org');
			await form.getByLabel('Longitude').fill('-1.9601');
			await form.getByLabel('Latitude').fill('52.4939');
			await form.getByRole('button', { name: 'Add enterprise' }).click();
			await staff.page.waitForURL(/\/enterprises\/grove-lane-kitchen-e2e/);
			const id = new URL(staff.page.url()).pathname.split('/').pop()!;
			await expect(staff.page.getByTestId('enterprise-facts').innerText()).resolves.toContain('No (private)');

			const hidden = await request('public', 'GET', `/api/enterprises/${id}`);
			expect(hidden.status).toBe(404);
			await visitor.page.goto(`${baseUrl}/enterprises?q=Grove+Lane+Kitchen`);
			await expect(visitor.page.getByRole('heading', { name: /^0 enterprises/ }).count()).resolves.toBe(1);

			// Publish without the contact, then with it.
			await staff.page.getByLabel(/agreed to be published/).check();
			await staff.page.getByRole('button', { name: 'Save changes' }).click();
			await staff.page.getByText('Saved.').waitFor({ timeout: STEP });
			await visitor.page.goto(`${baseUrl}/enterprises?q=Grove+Lane+Kitchen`);
			await visitor.page.getByTestId('enterprise-list').getByText('Grove Lane Kitchen E2E').waitFor({ timeout: STEP });
			expect(await visitor.page.content()).not.toContain('kitchen-contact-E2E');
			await staff.page.getByLabel(/show its contact publicly/).check();
			await staff.page.getByRole('button', { name: 'Save changes' }).click();
			await staff.page.getByText('Saved.').waitFor({ timeout: STEP });
			const shown = (await (await request('public', 'GET', `/api/enterprises/${id}`)).json()) as { contact: string | null };
			expect(shown.contact).toBe('kitchen-contact-E2E@example.org');

			// The directory's map draws the consented enterprises at phone width.
			await visitor.page.goto(`${baseUrl}/enterprises`);
			await visitor.page.locator('[data-testid="enterprise-map"][data-map-ready="true"]').waitFor({ timeout: STEP });
			await noSidewaysScroll(visitor.page);
			// The first screen only: a full page of 100+ cards is too tall to look at.
			await visitor.page.screenshot({ path: `${SHOTS}/directory-phone.png` });
			await noSidewaysScroll(staff.page);
		} finally {
			await staff.context.close();
			await visitor.context.close();
		}
	}, 4 * STEP);

	it('takes an idea without an account, shows it only once approved, and tells its sender through the private link', async () => {
		const resident = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
		const partner = await openPage(browser, DESKTOP);
		try {
			await resident.page.goto(`${baseUrl}/ideas`);
			const form = resident.page.getByTestId('idea-form');
			await form.getByLabel('Your idea in a few words').fill('Canal-side bike repair E2E');
			await form.getByLabel('Tell us more').fill('Fixing bikes for commuters to the new hospital.');
			await form.getByLabel(/How can we reach you/).fill('idea-sender-E2E@example.org');
			await form.getByRole('button', { name: 'Send idea' }).click();
			const link = resident.page.getByTestId('idea-status-link');
			await link.waitFor({ timeout: STEP });
			const statusPath = (await link.getAttribute('href'))!;
			expect(statusPath).toMatch(/^\/ideas\/status\/[A-Za-z0-9_-]{32}$/);
			await noSidewaysScroll(resident.page);
			await shot(resident.page, 'idea-sent-phone');
			const board = await (await request('public', 'GET', '/api/ideas')).text();
			expect(board).not.toContain('Canal-side bike repair E2E');
			await resident.page.goto(`${baseUrl}${statusPath}`);
			await expect(resident.page.getByTestId('idea-status-value').getAttribute('data-status')).resolves.toBe('submitted');

			await signIn(partner.page, 'partner', '/ideas/review');
			const item = partner.page.getByTestId('review-item').filter({ hasText: 'Canal-side bike repair E2E' });
			await expect(item.innerText()).resolves.toContain('idea-sender-E2E@example.org');
			await item.getByLabel(/Note to the sender/).fill('Welcome! We will call you.');
			await item.getByRole('button', { name: 'Approve' }).click();
			await partner.page.getByTestId('review-item').filter({ hasText: 'Canal-side bike repair E2E' }).and(partner.page.locator('[data-status="approved"]')).waitFor({ timeout: STEP });
			await shot(partner.page, 'ideas-review-desktop');

			await resident.page.goto(`${baseUrl}/ideas`);
			const approved = resident.page.getByTestId('idea-list');
			await approved.getByText('Canal-side bike repair E2E').waitFor({ timeout: STEP });
			expect(await resident.page.content()).not.toContain('idea-sender-E2E');
			await resident.page.goto(`${baseUrl}${statusPath}`);
			await expect(resident.page.getByTestId('idea-status-value').getAttribute('data-status')).resolves.toBe('approved');
			await expect(resident.page.getByTestId('idea-status').innerText()).resolves.toContain('Welcome! We will call you.');
			await shot(resident.page, 'idea-status-phone');
		} finally {
			await resident.context.close();
			await partner.context.close();
		}
	}, 4 * STEP);

	it('records a grant application and its award, a mentor’s three meetings and an event the public sees', async () => {
		const staff = await openPage(browser, PHONE);
		try {
			await signIn(staff.page, 'network', '/enterprises/se-synthetic-002');
			const apply = staff.page.getByTestId('apply-form');
			await apply.getByLabel('Support').selectOption('startup_grant');
			await apply.getByLabel('Summary').fill('Start-up grant for kitchen equipment E2E');
			await apply.getByRole('button', { name: 'Record application' }).click();
			await staff.page.getByText('Application recorded.').waitFor({ timeout: STEP });

			await staff.page.goto(`${baseUrl}/support`);
			const application = staff.page.getByTestId('application').filter({ hasText: 'kitchen equipment E2E' });
			await application.getByRole('button', { name: 'Award' }).click();
			await staff.page.getByTestId('application').filter({ hasText: 'kitchen equipment E2E' }).and(staff.page.locator('[data-status="awarded"]')).waitFor({ timeout: STEP });

			await staff.page.getByTestId('mentor-form').getByLabel('Name').fill('E2E Mentor');
			await staff.page.getByTestId('mentor-form').getByRole('button', { name: 'Add mentor' }).click();
			await staff.page.getByText('Mentor added.').waitFor({ timeout: STEP });
			const match = staff.page.getByTestId('match-form');
			await match.getByLabel('Mentor').selectOption({ label: 'E2E Mentor' });
			await match.getByLabel('Enterprise').selectOption('se-synthetic-002');
			await match.getByRole('button', { name: 'Match' }).click();
			await staff.page.getByText('Matched.').waitFor({ timeout: STEP });
			const mentoring = staff.page.getByTestId('mentoring').filter({ hasText: 'E2E Mentor' });
			for (const [i, day] of ['2026-01-05', '2026-02-05', '2026-03-05'].entries()) {
				const meeting = staff.page.getByTestId('meeting-form');
				await meeting.getByLabel('Mentoring').selectOption({ label: (await meeting.getByLabel('Mentoring').locator('option', { hasText: 'E2E Mentor' }).innerText()).trim() });
				await meeting.getByLabel('Date').fill(day);
				await meeting.getByRole('button', { name: 'Record meeting' }).click();
				await mentoring.getByText(`${i + 1} of at least 3 meetings`).waitFor({ timeout: STEP });
			}
			await expect(mentoring.getAttribute('data-complete')).resolves.toBe('true');

			await noSidewaysScroll(staff.page);
			const event = staff.page.getByTestId('event-form');
			await event.getByLabel('Title').fill('Procurement clinic E2E');
			await event.getByLabel(/Starts/).fill(`${new Date().getFullYear() + 1}-03-04T18:30`);
			await event.getByLabel('Venue').fill('Ladywood Community Centre');
			await event.getByRole('button', { name: 'Add event' }).click();
			await staff.page.getByText('Event added.').waitFor({ timeout: STEP });
			await noSidewaysScroll(staff.page);
			await shot(staff.page, 'support-phone');

			const events = (await (await request('public', 'GET', '/api/events')).json()) as { events: { title: string }[] };
			expect(events.events.map((e) => e.title)).toContain('Procurement clinic E2E');
		} finally {
			await staff.context.close();
		}
	}, 6 * STEP);

	it('lists procurement lots for an enterprise and suppliers for a site, nearest first', async () => {
		const visitor = await openPage(browser, PHONE);
		try {
			const directory = (await (await request('public', 'GET', '/api/enterprises?consortium=construction&limit=1')).json()) as { items: { id: string }[] };
			const id = directory.items[0]!.id;
			const lots = (await (await request('public', 'GET', `/api/enterprises/${id}/procurement`)).json()) as { lots: { distanceM: number }[] };
			expect(lots.lots.length).toBeGreaterThan(0);
			expect(lots.lots.map((l) => l.distanceM)).toEqual([...lots.lots.map((l) => l.distanceM)].sort((a, b) => a - b));
			await visitor.page.goto(`${baseUrl}/enterprises/${id}`);
			await expect(visitor.page.getByTestId('procurement-list').locator('li').count()).resolves.toBe(lots.lots.length);
			await noSidewaysScroll(visitor.page);
			await shot(visitor.page, 'enterprise-procurement-phone');
			const suppliers = (await (await request('public', 'GET', '/api/sites/city-hospital-site/suppliers')).json()) as { suppliers: { distanceM: number }[] };
			expect(suppliers.suppliers.length).toBeGreaterThan(0);
			await visitor.page.goto(`${baseUrl}/sites/city-hospital-site`);
			await expect(visitor.page.getByTestId('site-suppliers').locator('li').count()).resolves.toBe(suppliers.suppliers.length);
			await visitor.page.locator('#suppliers').screenshot({ path: `${SHOTS}/site-suppliers-phone.png` });
		} finally {
			await visitor.context.close();
		}
	}, 3 * STEP);
});
