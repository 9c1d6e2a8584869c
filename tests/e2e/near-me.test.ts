/**
 * Residents' "near me" page and its API, in a real browser on a 390 × 844 phone: the list without
 * JavaScript, the page in English, Urdu (right to left) and Polish with screenshots, the language
 * kept in a cookie, hreflang links, axe-core (WCAG 2.2 AA) on every public page in every language,
 * touch targets, and no request to any other host (nor the resident's exact position to ours).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LANGUAGES } from '../../src/lib/domain/i18n/languages';
import { launchChromium, openPage, PHONE } from './browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const SHOTS = '/tmp/shots-residents';
const AREA = 'cape-hill-smethwick';
const HOSPITAL = 'midland-metropolitan-university-hospital';
const axeSource = await fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;

beforeAll(async () => {
	if (chromiumPath) browser = await launchChromium(chromiumPath);
	await fs.mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
	await browser?.close();
});

async function shot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

/** Nothing wider than the phone: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
	const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

async function axeViolations(page: Page): Promise<string[]> {
	await page.evaluate(axeSource);
	const result = await page.evaluate(async () => {
		const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
		return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
	});
	return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

describe('GET /api/near-me', () => {
	it('lists public opportunities nearest first, with walking minutes and the distance kind', async () => {
		const response = await fetch(`${baseUrl}/api/near-me?area=${AREA}&interest=jobs`);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.distanceKind).toMatch(/^(straight-line|walking-network)$/);
		expect(body.opportunities.length).toBeGreaterThan(5);
		expect(body.opportunities.every((o: { kind: string }) => o.kind === 'job')).toBe(true);
		const minutes = body.opportunities.map((o: { minutes: number }) => o.minutes);
		expect(minutes).toEqual([...minutes].sort((a: number, b: number) => a - b));
	});

	it('serves a held answer gzipped, with an ETag a phone can revalidate, and private to the asker', async () => {
		const url = `${baseUrl}/api/near-me?area=${AREA}`;
		const first = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
		expect(first.status).toBe(200);
		expect(first.headers.get('content-encoding')).toBe('gzip');
		expect(first.headers.get('cache-control')).toMatch(/^private\b/);
		const etag = first.headers.get('etag');
		expect(etag).toMatch(/^"[\w-]+"$/);
		expect((await first.json()).origin.id).toBe(AREA);
		const again = await fetch(url, { headers: { 'if-none-match': etag! } });
		expect(again.status).toBe(304);
		// Another question is another answer, not the held one.
		const other = await fetch(`${baseUrl}/api/near-me?area=${AREA}&interest=abroad`, { headers: { 'if-none-match': etag! } });
		expect(other.status).toBe(200);
	});

	it('answers a raw position with its cell only, and refuses bad input with 4xx', async () => {
		const response = await fetch(`${baseUrl}/api/near-me?lon=-1.961234&lat=52.491234`);
		expect(response.status).toBe(200);
		const text = await response.text();
		expect(text).not.toContain('1.961234');
		expect(JSON.parse(text).origin.id).toMatch(/^hex250:-?\d+:-?\d+$/);
		for (const query of ['postcode=B6%00', 'lon=1e20&lat=1', 'cell=hex250:1:2:3', 'area=x&postcode=B66', 'lon=2.35&lat=48.85', 'interest=pets&area=x', '']) {
			const bad = await fetch(`${baseUrl}/api/near-me?${query}`);
			expect(bad.status, query).toBeGreaterThanOrEqual(400);
			expect(bad.status, query).toBeLessThan(500);
			expect((await bad.json()).error.code, query).toBeTruthy();
		}
	});
});

describe.skipIf(!chromiumPath)('/near-me in a browser', () => {
	it('works without JavaScript: choose a neighbourhood and an interest, get the list', async () => {
		const { context, page } = await openPage(browser, { ...PHONE, javaScriptEnabled: false });
		try {
			await page.goto(`${baseUrl}/near-me`);
			await page.selectOption('#area', AREA);
			await page.check('input[name="interest"][value="abroad"]');
			await Promise.all([page.waitForURL(/area=cape-hill-smethwick/), page.click('button[type="submit"]')]);
			const items = page.locator('[data-testid="near-me-opportunities"] > li');
			expect(await items.count()).toBeGreaterThanOrEqual(2);
			await expect(items.first().innerText()).resolves.toMatch(/overseas/i);
			await expect(page.locator('[data-testid="near-me-from"]').innerText()).resolves.toContain('Cape Hill');
			// JavaScript-only controls are not offered when they cannot work.
			expect(await page.locator('[data-testid="use-my-location"]').count()).toBe(0);
			// A typed postcode sector works too, and a wrong one says what to do.
			await page.goto(`${baseUrl}/near-me?postcode=B66+3`);
			await expect(page.locator('[data-testid="near-me-from"]').innerText()).resolves.toContain('B66 3');
			await page.goto(`${baseUrl}/near-me?postcode=hello`);
			await expect(page.locator('[data-testid="near-me-problem"]').innerText()).resolves.toContain('B66');
		} finally {
			await context.close();
		}
	});

	it.each([
		['en', 'ltr'],
		['ur', 'rtl'],
		['pl', 'ltr'],
		['ar', 'rtl']
	])('reads in %s on a phone (%s), with the translation note and no sideways scrolling', async (language, dir) => {
		const { context, page, errors } = await openPage(browser, PHONE);
		try {
			const prefix = language === 'en' ? '' : `/${language}`;
			await page.goto(`${baseUrl}${prefix}/near-me?area=${AREA}`);
			await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
			await expect(page.locator('html').getAttribute('dir')).resolves.toBe(dir);
			expect(await page.locator('[data-testid="translation-note"]').count()).toBe(language === 'en' ? 0 : 1);
			expect(await page.locator('[data-testid="near-me-opportunities"] > li').count()).toBeGreaterThan(5);
			// Every public page names all its translations.
			const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) => links.map((l) => l.getAttribute('hreflang')));
			expect(alternates).toEqual([...LANGUAGES.map((l) => l.code), 'x-default']);
			await expectNoSidewaysScroll(page);
			await shot(page, `near-me-${language}.png`);
			// What a phone shows: the top of the page, then the list.
			await page.screenshot({ path: path.join(SHOTS, `near-me-${language}-top.png`) });
			await page.locator('[data-testid="near-me-opportunities"]').scrollIntoViewIfNeeded();
			await page.screenshot({ path: path.join(SHOTS, `near-me-${language}-list.png`) });
			await page.locator('[data-testid="language-switcher"] summary').click();
			await page.screenshot({ path: path.join(SHOTS, `near-me-${language}-switcher.png`) });
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('keeps the chosen language in a cookie, and /en/ switches back', async () => {
		const { context, page } = await openPage(browser, PHONE);
		try {
			await page.goto(`${baseUrl}/near-me`);
			await page.locator('[data-testid="language-switcher"] summary').click();
			await Promise.all([page.waitForURL(/\/ur\/near-me/), page.locator('[data-testid="language-switcher"] a[hreflang="ur"]').click()]);
			await page.goto(`${baseUrl}/sites/${HOSPITAL}`);
			expect(new URL(page.url()).pathname).toBe(`/ur/sites/${HOSPITAL}`);
			await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
			await page.goto(`${baseUrl}/en/signin`);
			expect(new URL(page.url()).pathname).toBe('/signin');
			await page.goto(`${baseUrl}/near-me`);
			expect(new URL(page.url()).pathname).toBe('/near-me');
		} finally {
			await context.close();
		}
	});

	it('makes no request to another host, and sends the resident’s position only as its 250 m cell', async () => {
		const { context, page, errors } = await openPage(browser, { ...PHONE, geolocation: { longitude: -1.961234, latitude: 52.491234 }, permissions: ['geolocation'] });
		const requests: string[] = [];
		page.on('request', (request) => requests.push(request.url()));
		try {
			await page.goto(`${baseUrl}/near-me`);
			await page.locator('[data-testid="use-my-location"]').click();
			await page.waitForURL(/cell=hex250/, { timeout: 60_000 });
			await page.locator('[data-testid="near-me-opportunities"] > li').first().waitFor({ timeout: 60_000 });
			// The map only when asked; it draws without any other host.
			await page.locator('[data-testid="show-map"]').click();
			await page.locator('[data-testid="near-me-map"][data-map-ready="true"]').waitFor({ timeout: 90_000 });
			await page.locator('[data-testid="near-me-map"]').scrollIntoViewIfNeeded();
			await page.screenshot({ path: path.join(SHOTS, 'near-me-en-map.png') });
			const origin = new URL(baseUrl).origin;
			const elsewhere = requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'));
			expect(elsewhere).toEqual([]);
			expect(requests.join('\n')).not.toMatch(/1\.9612|52\.4912/);
			expect(requests.some((url) => url.includes('cell=hex250'))).toBe(true);
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	});

	it('has touch targets of at least 24 px and can be used by keyboard', async () => {
		const { context, page } = await openPage(browser, PHONE);
		try {
			await page.goto(`${baseUrl}/near-me?area=${AREA}`);
			const small = await page.evaluate(() =>
				[...document.querySelectorAll<HTMLElement>('button, select, input, summary, nav a, .actions a')]
					.filter((el) => el.offsetParent !== null)
					.map((el) => ({ what: el.outerHTML.slice(0, 80), box: el.getBoundingClientRect() }))
					.filter(({ box }) => box.height < 24 || box.width < 24)
					.map(({ what }) => what)
			);
			expect(small).toEqual([]);
			// Keyboard: the first Tab reaches the skip link, which moves to the list.
			await page.keyboard.press('Tab');
			await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe('#results');
			await page.keyboard.press('Enter');
			await expect(page.evaluate(() => location.hash)).resolves.toBe('#results');
		} finally {
			await context.close();
		}
	});

	it('passes axe-core (WCAG 2.2 AA) on every public page in every language', async () => {
		const pages = ['/', `/near-me?area=${AREA}`, `/sites/${HOSPITAL}`, '/signin'];
		const problems: string[] = [];
		for (const language of LANGUAGES) {
			const { context, page } = await openPage(browser, PHONE);
			try {
				for (const target of pages) {
					const prefix = language.code === 'en' ? '' : `/${language.code}`;
					await page.goto(`${baseUrl}${prefix}${target}`, { waitUntil: 'load' });
					for (const violation of await axeViolations(page)) problems.push(`${language.code} ${target} ${violation}`);
				}
			} finally {
				await context.close();
			}
		}
		expect(problems).toEqual([]);
	}, 600_000);
});
