/**
 * The home page in a real browser: the map draws, names show without a glyph server, a site can be
 * picked from the list or the map, the page survives having no basemap, and it works on a phone.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FALLBACK_BACKGROUND } from '../../src/lib/map/basemap';
import { kindStyle } from '../../src/lib/map/macro-assets';
import { blend, DESKTOP, launchChromium, openPage, PHONE, pixelStats, saveScreenshot, waitForMap } from './browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

interface Site {
	id: string;
	name: string;
	kind: string;
	status: string;
}

/** What the page should show: the first place's sites, as the API lists them. */
async function sitesFromApi(): Promise<{ placeName: string; sites: Site[] }> {
	const { places } = (await (await fetch(`${baseUrl}/api/places`)).json()) as { places: { id: string; name: string }[] };
	const place = places[0];
	if (!place) throw new Error('the app has no place');
	const collection = (await (await fetch(`${baseUrl}/api/places/${place.id}/macro-assets`)).json()) as {
		features: { properties: Site }[];
	};
	return { placeName: place.name, sites: collection.features.map((f) => f.properties) };
}

if (!chromiumPath) {
	describe('home page in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe('home page in chromium', () => {
		let browser: Browser;
		let placeName: string;
		let sites: Site[];

		beforeAll(async () => {
			browser = await launchChromium(chromiumPath);
			({ placeName, sites } = await sitesFromApi());
		});
		afterAll(async () => {
			await browser?.close();
		});

		it('lists every site the API lists and names each on the map', async () => {
			expect(sites.length).toBeGreaterThan(0);
			const { context, page, errors } = await openPage(browser, DESKTOP);
			try {
				await page.goto(baseUrl);
				await waitForMap(page);
				await expect(page.locator('h1').innerText()).resolves.toBe(placeName);
				const listed = await page.locator('[data-testid="site-item"] .site-name').allInnerTexts();
				expect(listed).toEqual(sites.map((s) => s.name));
				for (const site of sites) {
					const label = page.locator(`.atlas-site-label[data-site-id="${site.id}"]`);
					await expect(label.textContent()).resolves.toBe(site.name);
				}
				// Labels that would overlap are hidden, but at least the first always shows.
				const visibleLabels = await page.locator('.atlas-site-label:not([data-placement="hidden"])').count();
				expect(visibleLabels).toBeGreaterThan(0);
				await expect(page.locator('.atlas-site-label').first().isVisible()).resolves.toBe(true);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('draws the boundary and the sites in their kinds’ colours (the canvas is not blank)', async () => {
			const { context, page, errors } = await openPage(browser, DESKTOP);
			try {
				await page.goto(baseUrl);
				await waitForMap(page);
				// Hide the HTML overlays so only the WebGL canvas is measured.
				await page.addStyleTag({ content: '.atlas-site-label, .legend, .basemap-note { visibility: hidden !important; }' });
				const png = await page.locator('[data-testid="map"]').screenshot();
				await saveScreenshot('desktop-canvas-only.png', png);
				const kinds = [...new Set(sites.map((s) => s.kind))];
				const fills = kinds.map((k) => blend(kindStyle(k).fill, FALLBACK_BACKGROUND, 0.5));
				const outlines = kinds.map((k) => kindStyle(k).line);
				const outside = blend('#2a3346', FALLBACK_BACKGROUND, 0.16);
				const stats = await pixelStats(context, png, [FALLBACK_BACKGROUND, outside, ...fills, ...outlines], 6);
				const total = stats.width * stats.height;
				expect(stats.distinctColours).toBeGreaterThan(4);
				// The place (plain background inside) and the dimmed world outside it are both drawn.
				expect(stats.counts[FALLBACK_BACKGROUND]!).toBeGreaterThan(total * 0.05);
				expect(stats.counts[outside]!).toBeGreaterThan(total * 0.01);
				for (const [i, kind] of kinds.entries()) {
					expect(stats.counts[fills[i]!], `${kind} fill`).toBeGreaterThan(50);
					expect(stats.counts[outlines[i]!], `${kind} outline`).toBeGreaterThan(20);
				}
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('shows a site’s details when its name is clicked in the list, and flies to it', async () => {
			const site = sites[sites.length - 1]!;
			const { context, page, errors } = await openPage(browser, DESKTOP);
			try {
				await page.goto(baseUrl);
				await waitForMap(page);
				await saveScreenshot('desktop.png', await page.screenshot());
				await page.locator(`a.site[data-site-id="${site.id}"]`).click();
				const details = page.locator('[data-testid="site-details"]');
				await details.waitFor();
				await expect(details.innerText()).resolves.toContain(kindStyle(site.kind).label);
				expect(new URL(page.url()).searchParams.get('site')).toBe(site.id);
				await expect(page.locator('[data-testid="map"]').getAttribute('data-selected-site')).resolves.toBe(site.id);
				await expect(
					page.locator(`.atlas-site-label[data-site-id="${site.id}"]`).getAttribute('class')
				).resolves.toContain('is-selected');
				await page.waitForTimeout(300);
				await saveScreenshot('desktop-selected.png', await page.screenshot());
				// Clicking it again closes the details.
				await page.locator(`a.site[data-site-id="${site.id}"]`).click();
				await details.waitFor({ state: 'detached' });
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('selects a site when its polygon is clicked on the map', async () => {
			const { context, page, errors } = await openPage(browser, DESKTOP);
			try {
				await page.goto(baseUrl);
				await waitForMap(page);
				// Each label is offset from its anchor, a point inside its site (ST_PointOnSurface); click
				// there, with clicks passing through the labels, so that the polygon itself is clicked.
				const label = page.locator('.atlas-site-label:not([data-placement="hidden"])').first();
				const siteId = await label.getAttribute('data-site-id');
				const box = await label.boundingBox();
				const dx = Number(await label.getAttribute('data-dx'));
				const dy = Number(await label.getAttribute('data-dy'));
				if (!siteId || !box) throw new Error('no label to aim at');
				await page.addStyleTag({ content: '.atlas-site-label { pointer-events: none !important; }' });
				await page.mouse.click(box.x + box.width / 2 - dx, box.y + box.height / 2 - dy);
				const details = page.locator(`#site-${siteId} [data-testid="site-details"]`);
				await details.waitFor();
				expect(new URL(page.url()).searchParams.get('site')).toBe(siteId);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('says the basemap is unavailable and still draws the project layers', async () => {
			const { context, page, errors } = await openPage(browser, DESKTOP);
			try {
				await page.goto(baseUrl);
				await waitForMap(page);
				const note = page.locator('[data-testid="basemap-note"]');
				await expect(note.innerText()).resolves.toBe('Basemap unavailable — showing project layers only');
				await expect(page.locator('[data-testid="map"]').getAttribute('data-basemap')).resolves.toBe('fallback');
				// No basemap, so no basemap credit.
				await expect(page.locator('.maplibregl-ctrl-attrib').count()).resolves.toBe(0);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('uses the basemap when it answers, credits it, and keeps drawing when its tiles fail', async () => {
			const { context, page, errors } = await openPage(browser, DESKTOP);
			try {
				const basemapBackground = '#bcd6ee';
				await page.route(inject('basemapStyleUrl'), (route) =>
					route.fulfill({
						contentType: 'application/json',
						body: JSON.stringify({
							version: 8,
							sources: {
								streets: { type: 'raster', tiles: ['https://basemap.invalid/tiles/{z}/{x}/{y}.png'], tileSize: 256 }
							},
							layers: [
								{ id: 'paper', type: 'background', paint: { 'background-color': basemapBackground } },
								{ id: 'streets', type: 'raster', source: 'streets' }
							]
						})
					})
				);
				await page.route('https://basemap.invalid/tiles/**', (route) => route.fulfill({ status: 503, body: '' }));
				await page.goto(baseUrl);
				await waitForMap(page);
				const map = page.locator('[data-testid="map"]');
				await page.waitForFunction(() =>
					['degraded', 'basemap'].includes(document.querySelector('[data-testid="map"]')?.getAttribute('data-basemap') ?? '')
				);
				await expect(page.locator('.maplibregl-ctrl-attrib').innerText()).resolves.toContain(inject('basemapAttribution'));
				await page.waitForFunction(() => document.querySelector('[data-testid="map"]')?.getAttribute('data-basemap') === 'degraded');
				await expect(page.locator('[data-testid="basemap-note"]').innerText()).resolves.toBe(
					'Basemap tiles unavailable — showing project layers only'
				);
				await page.addStyleTag({ content: '.atlas-site-label, .legend, .basemap-note { visibility: hidden !important; }' });
				const png = await map.screenshot();
				await saveScreenshot('desktop-basemap-tiles-failing.png', png);
				const kind = sites[0]!.kind;
				const stats = await pixelStats(context, png, [basemapBackground, kindStyle(kind).line], 6);
				expect(stats.counts[basemapBackground]!).toBeGreaterThan(0);
				expect(stats.counts[kindStyle(kind).line]!).toBeGreaterThan(20);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('works on a phone: map above, the list as a sheet that folds away', async () => {
			const { context, page, errors } = await openPage(browser, PHONE);
			try {
				await page.goto(baseUrl);
				await waitForMap(page);
				const noSideways = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
				expect(noSideways).toBe(true);
				const map = page.locator('[data-testid="map"]');
				const mapBox = (await map.boundingBox())!;
				expect(mapBox.width).toBe(390);
				expect(mapBox.height).toBeGreaterThan(300);
				const list = page.locator('[data-testid="site-list"]');
				await expect(list.isVisible()).resolves.toBe(true);
				await saveScreenshot('phone.png', await page.screenshot());

				const site = sites[0]!;
				await page.locator(`a.site[data-site-id="${site.id}"]`).tap();
				await page.locator('[data-testid="site-details"]').waitFor();
				await page.waitForTimeout(300);
				await saveScreenshot('phone-selected.png', await page.screenshot());

				const toggle = page.getByRole('button', { name: 'Hide list' });
				await toggle.tap();
				await list.waitFor({ state: 'hidden' });
				const taller = (await map.boundingBox())!;
				expect(taller.height).toBeGreaterThan(mapBox.height + 100);
				await expect(page.getByRole('button', { name: 'Show list' }).getAttribute('aria-expanded')).resolves.toBe('false');
				await saveScreenshot('phone-list-hidden.png', await page.screenshot());
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('shows the sites and their details without JavaScript', async () => {
			const { context, page } = await openPage(browser, { ...DESKTOP, javaScriptEnabled: false });
			try {
				await page.goto(baseUrl);
				const listed = await page.locator('[data-testid="site-item"] .site-name').allInnerTexts();
				expect(listed).toEqual(sites.map((s) => s.name));
				// Playwright's text selectors skip <noscript>; the rendered text does not.
				await expect(page.evaluate(() => document.body.innerText)).resolves.toContain('The map needs JavaScript');
				const site = sites[0]!;
				await page.locator(`a.site[data-site-id="${site.id}"]`).click();
				await page.waitForURL(`**/?site=${site.id}`);
				await expect(page.locator('[data-testid="site-details"]').innerText()).resolves.toContain(kindStyle(site.kind).label);
				await saveScreenshot('desktop-no-javascript.png', await page.screenshot());
			} finally {
				await context.close();
			}
		});
	});
}
