/**
 * Outreach routes in a real browser on a phone (issue 12): a researcher ticks six hubs, sees them
 * ordered with the minute each is reached, saves the route, downloads its GPX, records a visit,
 * and opens the printable sheet under print media (screenshots in tests/e2e/screenshots/).
 */
import fs from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openPage, PHONE, pixelStats, saveScreenshot } from './browser';
import { request } from './http';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const accounts = inject('accounts');
/** The walk's colour in RouteMap.svelte. */
const WALK_BLUE = '#1f5fa8';

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

		/** How far the page reaches past the screen's right edge, in CSS pixels (0 or less: no sideways scrolling). */
		const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

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
				// The route on the map: the walk drawn in its blue, six numbered stops.
				const routeMap = page.locator('[data-testid="route-map"][data-map-ready="true"]');
				await routeMap.waitFor({ timeout: 45_000 });
				await expect(routeMap.getAttribute('data-stops')).resolves.toBe('6');
				await expect(page.locator('.outreach-stop-number').count()).resolves.toBe(6);
				await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
				const drawn = await pixelStats(context, await routeMap.screenshot(), [WALK_BLUE]);
				expect(drawn.counts[WALK_BLUE]).toBeGreaterThan(200);
				await saveScreenshot('outreach-phone-route-map.png', await routeMap.screenshot());
				await saveScreenshot('outreach-phone-plan.png', await page.screenshot({ fullPage: true }));
				expect(await sidewaysOverflow(page), 'the planner scrolls sideways on a 390 px phone').toBeLessThanOrEqual(0);

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
				expect(await sidewaysOverflow(page), 'the route page scrolls sideways on a 390 px phone').toBeLessThanOrEqual(0);

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

		it('suggests and plans without JavaScript: the form posts, the answer comes back as a page', async () => {
			const { context, page } = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
			try {
				await signIn(page, '/outreach');
				// Suggestions: the six hubs nearest the chosen start come back ticked and marked.
				await page.getByLabel('From a hub').selectOption({ index: 3 });
				await page.getByRole('button', { name: 'Suggest hubs near the start' }).click();
				await page.getByTestId('hub-list').locator('li.suggested').first().waitFor({ timeout: 30_000 });
				await expect(page.getByTestId('hub-list').locator('li.suggested input:checked').count()).resolves.toBe(6);
				const hubs = page.getByTestId('hub-list').locator('input[type="checkbox"]');
				for (let k = 0; k < (await hubs.count()); k++) await hubs.nth(k).uncheck();
				await page.getByLabel('From a hub').selectOption('');
				for (const k of [1, 4, 7]) await hubs.nth(k).check();
				await page.getByLabel('Time budget (minutes)').fill('20');
				await page.getByTestId('plan-route').click();
				await page.getByTestId('route-order').waitFor({ timeout: 30_000 });
				const shown = await page.getByTestId('route-order').locator('li').count();
				const left = (await page.getByTestId('not-fitting').count()) ? Number(await page.getByTestId('not-fitting').getAttribute('data-count')) : 0;
				// Every ticked hub is either on the route or named as not fitting the 20 minutes.
				expect(shown + left).toBe(3);
				// No map without JavaScript: the sketch shows the route.
				await expect(page.getByTestId('route-sketch').locator('.stop').count()).resolves.toBe(shown);
				await expect(hubs.nth(4).isChecked()).resolves.toBe(true);

				// Saved and a visit recorded, still without JavaScript: each form posts and the page comes back.
				await page.getByLabel('Name (to save)').fill(`No-script round ${Date.now()}`);
				await page.getByTestId('save-route').click();
				await page.waitForURL((url) => /^\/outreach\/[0-9a-f-]{36}$/.test(url.pathname), { timeout: 30_000 });
				const first = page.getByTestId('route-stops').locator(':scope > li').first();
				await first.getByLabel('Visited').check();
				await first.getByLabel('People reached').fill('4');
				await first.getByRole('button', { name: 'Save outcome' }).click();
				await page.waitForLoadState('load');
				const again = page.getByTestId('route-stops').locator(':scope > li').first();
				await expect(again.getByLabel('People reached').inputValue()).resolves.toBe('4');
				await expect(again.getByLabel('Visited').isChecked()).resolves.toBe(true);
			} finally {
				await context.close();
			}
		}, 120_000);
	});
}

describe('the outreach routes API over HTTP', () => {
	const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });
	/** Two of the demo hubs (data/greater-icknield/community-hubs.geojson), read from the app itself. */
	async function twoHubs() {
		const response = await request('researcher', 'GET', '/api/routes/suggestions?place=greater-icknield&lon=-1.95&lat=52.49&limit=2');
		expect(response.status).toBe(200);
		const { hubs } = (await response.json()) as { hubs: { id: string; lon: number; lat: number }[] };
		expect(hubs).toHaveLength(2);
		return hubs.map((hub) => ({ id: hub.id, lon: hub.lon, lat: hub.lat }));
	}

	it('plans for researchers and administrators only, and names each bad input with its status', async () => {
		const stops = await twoHubs();
		const body = { place: 'greater-icknield', stops, return: true, distance: 'straight' };
		const ok = await request('researcher', 'POST', '/api/routes/outreach', json(body));
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ order: expect.arrayContaining(stops.map((s) => s.id)), engine: 'straight', notFitting: [] });
		expect((await request('public', 'POST', '/api/routes/outreach', json(body))).status).toBe(401);
		expect((await request('planner', 'POST', '/api/routes/outreach', json(body))).status).toBe(403);
		expect((await request('administrator', 'POST', '/api/routes/outreach', json(body))).status).toBe(200);

		const refusals: [unknown, number, RegExp][] = [
			[{ ...body, stops: [stops[0], stops[0]] }, 422, /unique; repeated/],
			[{ ...body, budgetMinutes: 0 }, 422, /"budgetMinutes" must be more than 0/],
			[{ ...body, stops: Array.from({ length: 501 }, (_, k) => ({ ...stops[0], id: `s${k}` })) }, 422, /at most 500 stops/],
			[{ ...body, stops: [{ id: 'sea', lon: -4.5, lat: 50 }] }, 422, /outside the place "greater-icknield": sea/],
			// The demo place has no walking network loaded.
			[{ ...body, distance: 'walk' }, 422, /no walking network loaded/],
			[{ ...body, speed: 5 }, 400, /Unknown field: speed/],
			[{ ...body, place: 'atlantis' }, 404, /no place "atlantis"/]
		];
		for (const [bad, status, message] of refusals) {
			const response = await request('researcher', 'POST', '/api/routes/outreach', json(bad));
			expect(response.status, JSON.stringify(bad).slice(0, 80)).toBe(status);
			expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
		}
	});

	it('keeps saved routes and visit notes to their owner (and administrators), and serves GPX as an attachment', async () => {
		const stops = await twoHubs();
		const created = await request('researcher', 'POST', '/api/routes', json({ name: 'API round', place: 'greater-icknield', stops, return: false, distance: 'straight' }));
		expect(created.status).toBe(201);
		const route = (await created.json()) as { id: string; stops: { id: string }[] };
		const visit = await request('researcher', 'PUT', `/api/routes/${route.id}/visits/${stops[0]!.id}`, json({ visited: true, peopleReached: 3, notes: 'private note 7f3a' }));
		expect(visit.status).toBe(200);
		const own = await request('researcher', 'GET', `/api/routes/${route.id}`);
		expect(await own.text()).toContain('private note 7f3a');
		expect((await request('administrator', 'GET', `/api/routes/${route.id}`)).status).toBe(200);
		expect((await request('planner', 'GET', `/api/routes/${route.id}`)).status).toBe(403);
		expect((await request('public', 'GET', `/api/routes/${route.id}`)).status).toBe(401);
		expect((await request('researcher', 'PUT', `/api/routes/${route.id}/visits/${stops[0]!.id}`, json({ visited: 'yes' }))).status).toBe(422);

		const gpx = await request('researcher', 'GET', `/api/routes/${route.id}/gpx`);
		expect(gpx.status).toBe(200);
		expect(gpx.headers.get('content-type')).toMatch(/^application\/gpx\+xml/);
		expect(gpx.headers.get('content-disposition')).toBe('attachment; filename="api-round.gpx"');
		const text = await gpx.text();
		expect(text.match(/<wpt /g)).toHaveLength(2);
		expect(text).not.toContain('private note');

		expect((await request('researcher', 'DELETE', `/api/routes/${route.id}`)).status).toBe(204);
		expect((await request('researcher', 'GET', `/api/routes/${route.id}`)).status).toBe(404);
	});
});
