/**
 * The published resident-skill layer on the map, as a planner at a meeting would use it: switch it
 * on, pick a skill group, read the legend; the hexagon cells must actually be drawn.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchChromium, openPage, pixelStats, saveScreenshot, waitForMap } from './browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');

if (!chromiumPath) {
	describe('resident layer in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe('resident layer in chromium', () => {
		let browser: Browser;
		beforeAll(async () => {
			browser = await launchChromium(chromiumPath);
		});
		afterAll(async () => {
			await browser?.close();
		});

		it('draws anonymised hexagon cells with a legend, and follows the skill filter', async () => {
			const { context, page, errors } = await openPage(browser, DESKTOP);
			try {
				await page.goto(baseUrl);
				await waitForMap(page);
				const map = page.locator('[data-testid="map"]');
				const before = await map.screenshot();

				await page.getByTestId('residents-toggle').check();
				await page.locator('[data-testid="map"][data-residents="drawn"]').waitFor({ timeout: 30_000 });
				await expect(page.getByTestId('residents-summary').innerText()).resolves.toMatch(/About 2,0\d\d residents \(synthetic demo population\)/);
				const legend = await page.getByLabel('Resident layer legend').innerText();
				expect(legend).toMatch(/\d+.*residents/);

				const withCells = await map.screenshot();
				await saveScreenshot('residents-all.png', withCells);
				// The lightest and darkest classes' colours appear only once cells are drawn.
				const palette = ['#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'];
				const stats = await pixelStats(context, withCells, palette, 40);
				const empty = await pixelStats(context, before, palette, 40);
				const drawn = Object.values(stats.counts).reduce((a, b) => a + b, 0);
				const baseline = Object.values(empty.counts).reduce((a, b) => a + b, 0);
				expect(drawn).toBeGreaterThan(baseline + 2000);

				await page.getByTestId('residents-skill').selectOption('nursing-midwifery');
				await page.locator('[data-testid="map"][data-residents="drawn"]').waitFor({ timeout: 30_000 });
				await expect(page.getByTestId('residents-summary').innerText()).resolves.toMatch(/residents|withheld/);
				await saveScreenshot('residents-nursing.png', await map.screenshot());
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});
	});
}
