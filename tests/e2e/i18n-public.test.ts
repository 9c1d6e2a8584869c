/**
 * The public pages in the residents' languages (issue 13.2 and 13.3), on a 390 × 844 phone: the
 * explorer (/), a site page, /enterprises, /finance and /dashboard in English, Urdu (right to
 * left) and Polish — `dir` and `lang` on the page, one hreflang link per language, the translated
 * words on screen, numbers written for the locale, nothing wider than the screen — with a
 * screenshot of each; and axe-core (WCAG 2.2 AA) with no violation on each page in all six
 * languages.
 */
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LANGUAGES, type LanguageCode } from '../../src/lib/domain/i18n/languages';
import { m } from '../../src/lib/paraglide/messages';
import { launchChromium, openPage, PHONE, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');
const chromiumPath = inject('chromiumPath');
const HOSPITAL = 'midland-metropolitan-university-hospital';
const PAGES = ['/', `/sites/${HOSPITAL}`, '/enterprises', '/finance', '/dashboard'] as const;
const axeSource = await fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
beforeAll(async () => {
	if (chromiumPath) browser = await launchChromium(chromiumPath);
});
afterAll(async () => {
	await browser?.close();
});

const prefixed = (code: LanguageCode, target: string) => (code === 'en' ? target : target === '/' ? `/${code}` : `/${code}${target}`);
const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

/** What reaches past either edge of the phone (an RTL page overflows to the left). */
async function outsideTheScreen(page: Page): Promise<{ overflow: number; culprits: string[] }> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const culprits = [...document.querySelectorAll('body *')]
			.filter((el) => {
				const box = el.getBoundingClientRect();
				return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5) && !el.closest('.table-scroll, [data-testid$="map"], .visually-hidden');
			})
			.slice(0, 6)
			.map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
		return { overflow: document.documentElement.scrollWidth - width, culprits };
	});
}

/**
 * Pictures to look at: the page in slices of one and a half phone screens (a whole site page is
 * too tall to read as one picture), and the site page's lower sections on their own.
 */
async function shoot(page: Page, code: LanguageCode, target: string): Promise<void> {
	const name = target === '/' ? 'home' : target.split('/')[1];
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	for (let slice = 0; slice < Math.min(3, Math.ceil(height / 1300)); slice++) {
		const clip = { x: 0, y: slice * 1300, width: 390, height: Math.min(1300, height - slice * 1300) };
		await saveScreenshot(`i18n-public-${name}-${code}-${slice + 1}.png`, await page.screenshot({ fullPage: true, clip }));
	}
	if (target.startsWith('/sites/')) {
		for (const section of ['local-talent', 'nearby']) {
			await saveScreenshot(`i18n-public-${name}-${code}-${section}.png`, await page.locator(`#${section}`).screenshot());
		}
	}
}

async function axeViolations(page: Page): Promise<string[]> {
	await page.evaluate(axeSource);
	const result = await page.evaluate(async () => {
		const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
		return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
	});
	return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** The page's own words, in the language, that must be on screen. */
async function expectTranslated(page: Page, code: LanguageCode, target: (typeof PAGES)[number]): Promise<void> {
	const locale = { locale: code };
	if (target === '/') {
		await expect(text(page, '#sites-heading')).resolves.toContain(m.home_sites_heading({}, locale));
		await expect(text(page, '[data-testid="site-list"]')).resolves.toContain(m.site_kind_hospital({}, locale));
	} else if (target.startsWith('/sites/')) {
		await expect(text(page, '#opportunities-heading')).resolves.toBe(m.site_opps_heading({}, locale));
		await expect(text(page, '#about-heading')).resolves.toBe(m.site_about({}, locale));
		await expect(text(page, '[data-testid="site-figures"]')).resolves.toContain(m.site_fig_opportunities({}, locale));
		const thead = (await text(page, '[data-testid="opportunity-table"] thead')).replace(/\u00ad/g, '');
		expect(thead).toContain(m.site_col_skill({}, locale));
		expect(thead).toContain(m.site_col_job({}, locale).replace(/\u00ad/g, ''));
		// The gap headline is written from the server's numbers with the language's template.
		const headline = await text(page, '[data-testid="gap-headline"]');
		const walk = m.site_gap_walk({ count: 20, n: '20', distance: m.site_distance_straight({}, locale) }, locale);
		expect(headline).toContain(walk);
		if (code !== 'en') expect(headline).not.toMatch(/\bposts?\b/);
		await expect(text(page, '[data-testid="gap-rank"]')).resolves.toContain(code === 'pl' ? '. z ' : code === 'ur' ? 'میں سے' : '(1st = most local talent per post)');
	} else if (target === '/enterprises') {
		await expect(text(page, 'h1')).resolves.toBe(m.ent_title({}, locale));
		await expect(text(page, '[data-testid="directory-search"]')).resolves.toContain(m.ent_consortium({}, locale));
		const heading = await text(page, '#list-heading');
		const total = Number(/\d+/.exec(heading.replace(/[\s\u00a0,]/g, ''))![0]);
		expect(heading).toContain(m.ent_count({ count: total, n: String(total) }, locale));
	} else if (target === '/finance') {
		await expect(text(page, 'h1')).resolves.toBe(m.fin_title({}, locale));
		await expect(text(page, '#time-heading')).resolves.toBe(m.fin_over_time({}, locale));
		await expect(text(page, '.legend .key')).resolves.toBe(m.fin_kind_grant({}, locale));
		await expect(text(page, '[data-testid="finance-individuals"] th')).resolves.toBe(m.fin_individuals({}, locale));
	} else {
		await expect(text(page, 'h1')).resolves.toBe(m.dash_title({}, locale));
		await expect(text(page, '[data-metric="in_work"] h2')).resolves.toBe(m.dash_metric_in_work({}, locale));
		await expect(page.locator('[data-metric="in_work"] svg').getAttribute('aria-label')).resolves.toContain(m.dash_metric_in_work({}, locale));
	}
}

describe.skipIf(!chromiumPath)('public pages in the residents’ languages', () => {
	it.each(['en', 'ur', 'pl'] as const)('in %s: dir, lang, hreflang, translated text, no sideways scroll (screenshots)', async (code) => {
		const { context, page, errors } = await openPage(browser, PHONE);
		const rtl = code === 'ur';
		try {
			for (const target of PAGES) {
				const response = await page.goto(`${baseUrl}${prefixed(code, target)}`, { waitUntil: 'load' });
				expect(response?.status(), target).toBe(200);
				const html = page.locator('html');
				await expect(html.getAttribute('lang')).resolves.toBe(code);
				await expect(html.getAttribute('dir')).resolves.toBe(rtl ? 'rtl' : 'ltr');
				// One alternate per language, each pointing at this page in that language, and x-default.
				const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) =>
					links.map((l) => [l.getAttribute('hreflang'), new URL(l.getAttribute('href')!).pathname] as const)
				);
				const pathOnly = target.split('?')[0]!;
				expect(Object.fromEntries(alternates)).toEqual({
					...Object.fromEntries(LANGUAGES.map((l) => [l.code, prefixed(l.code, pathOnly)])),
					'x-default': pathOnly
				});
				await expectTranslated(page, code, target);
				// Unreviewed translations say so on the page; English does not.
				await expect(page.getByTestId('translation-note').count()).resolves.toBe(code === 'en' ? 0 : 1);
				// Let the maps draw before the picture (they are decoration here: the tables carry the figures).
				await page.waitForTimeout(target === '/' || target === '/finance' ? 2_500 : 300);
				const outside = await outsideTheScreen(page);
				expect(outside.overflow, `${code} ${target}: ${outside.culprits.join('; ')}`).toBeLessThanOrEqual(0);
				await shoot(page, code, target);
			}
			expect(errors).toEqual([]);
		} finally {
			await context.close();
		}
	}, 300_000);

	it('writes numbers for the locale where the page localises them', async () => {
		const { context, page } = await openPage(browser, PHONE);
		try {
			await page.goto(`${baseUrl}/finance`);
			const pounds = await text(page, '[data-testid="finance-total"]');
			expect(pounds).toMatch(/^£\d{1,3}(,\d{3})*$/);
			const amount = Number(pounds.replace(/[£,]/g, ''));
			await page.goto(`${baseUrl}/pl/finance`);
			// Polish groups thousands with a (no-break) space and puts the pound sign after the number.
			await expect(text(page, '[data-testid="finance-total"]')).resolves.toBe(new Intl.NumberFormat('pl', { style: 'currency', currency: 'GBP', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 }).format(amount));
			expect(amount).toBeGreaterThanOrEqual(10_000);
			await expect(text(page, '[data-testid="finance-total"]')).resolves.toMatch(/^\d{1,3}([\s\u00a0\u202f]\d{3})+[\s\u00a0]£$/);

			// /en/ chooses English again (the visit to /pl/ is remembered in the language cookie).
			await page.goto(`${baseUrl}/en/sites/${HOSPITAL}`);
			const total = Number(await text(page, '[data-testid="opportunity-total"]'));
			const ratio = await text(page, '[data-testid="site-figures"] .figure:last-child dd');
			expect(ratio).toMatch(/^\d+(\.\d+)?$/);
			// Bengali writes its own digits; Polish a decimal comma.
			await page.goto(`${baseUrl}/bn/sites/${HOSPITAL}`);
			await expect(text(page, '[data-testid="opportunity-total"]')).resolves.toBe(new Intl.NumberFormat('bn').format(total));
			await expect(text(page, '[data-testid="opportunity-total"]')).resolves.toMatch(/^[০-৯,]+$/);
			await page.goto(`${baseUrl}/pl/sites/${HOSPITAL}`);
			await expect(text(page, '[data-testid="site-figures"] .figure:last-child dd')).resolves.toBe(ratio.replace('.', ','));
		} finally {
			await context.close();
		}
	}, 120_000);

	it('passes axe-core (WCAG 2.2 AA) on each of these pages in every language', async () => {
		const problems: string[] = [];
		for (const language of LANGUAGES) {
			const { context, page } = await openPage(browser, PHONE);
			try {
				for (const target of PAGES) {
					await page.goto(`${baseUrl}${prefixed(language.code, target)}`, { waitUntil: 'load' });
					for (const violation of await axeViolations(page)) problems.push(`${language.code} ${target} ${violation}`);
				}
			} finally {
				await context.close();
			}
		}
		expect(problems).toEqual([]);
	}, 600_000);
});
