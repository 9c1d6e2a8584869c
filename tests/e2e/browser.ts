/**
 * Driving Debian's chromium with playwright-core (no downloaded browsers here), and reading what
 * the map drew from screenshots.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { ROOT } from './server';

/** Software WebGL (SwiftShader) so MapLibre renders headless, and no calls home. */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--use-angle=swiftshader',
	'--enable-unsafe-swiftshader',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

export const SCREENSHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');

export function launchChromium(executablePath: string): Promise<Browser> {
	return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 };
/** An iPhone 12-14 sized screen. */
export const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
};

/** A page that records uncaught errors, so a test can assert there were none. */
export async function openPage(
	browser: Browser,
	options: BrowserContextOptions
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
	const context = await browser.newContext({ ...options, reducedMotion: 'reduce' });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (err) => errors.push(err.message));
	return { context, page, errors };
}

/** Waits until the map says it has drawn the project layers (data-map-ready on the container). */
export async function waitForMap(page: Page): Promise<void> {
	await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 45_000 });
	// Idle: MapLibre has drawn everything it loads and deck.gl has its enterprise and hub tiles.
	await page.locator('[data-testid="map"][data-map-idle="true"]').waitFor({ timeout: 45_000 });
	// Two frames more, so that the last render and label placement are on screen.
	await page.evaluate(
		() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
	);
}

export async function saveScreenshot(name: string, png: Buffer): Promise<string> {
	await fs.mkdir(SCREENSHOTS, { recursive: true });
	const file = path.join(SCREENSHOTS, name);
	await fs.writeFile(file, png);
	return file;
}

export interface PixelStats {
	width: number;
	height: number;
	/** Distinct colours, each channel quantised to 8 levels (so anti-aliasing noise does not count). */
	distinctColours: number;
	/** For each colour asked about, the pixels within `tolerance` of it on every channel. */
	counts: Record<string, number>;
}

/** Decodes a PNG in a scratch page (the browser's own decoder) and counts colours in it. */
export async function pixelStats(
	context: BrowserContext,
	png: Buffer,
	colours: readonly string[],
	tolerance = 10
): Promise<PixelStats> {
	const scratch = await context.newPage();
	try {
		return await scratch.evaluate(
			async ({ base64, colours, tolerance }) => {
				const image = new Image();
				image.src = `data:image/png;base64,${base64}`;
				await image.decode();
				const canvas = document.createElement('canvas');
				canvas.width = image.naturalWidth;
				canvas.height = image.naturalHeight;
				const ctx = canvas.getContext('2d');
				if (!ctx) throw new Error('no 2d context');
				ctx.drawImage(image, 0, 0);
				const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
				const targets = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
				const counts = colours.map(() => 0);
				const distinct = new Set<number>();
				for (let i = 0; i < data.length; i += 4) {
					const r = data[i]!;
					const g = data[i + 1]!;
					const b = data[i + 2]!;
					distinct.add(((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5));
					targets.forEach((t, k) => {
						if (Math.abs(r - t[0]!) <= tolerance && Math.abs(g - t[1]!) <= tolerance && Math.abs(b - t[2]!) <= tolerance) {
							counts[k]! += 1;
						}
					});
				}
				return {
					width: canvas.width,
					height: canvas.height,
					distinctColours: distinct.size,
					counts: Object.fromEntries(colours.map((c, k) => [c, counts[k]!]))
				};
			},
			{ base64: png.toString('base64'), colours, tolerance }
		);
	} finally {
		await scratch.close();
	}
}

/** `top` drawn with opacity `alpha` over `bottom`, as #rrggbb. */
export function blend(top: string, bottom: string, alpha: number): string {
	const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
	return `#${[0, 1, 2]
		.map((i) => Math.round(channel(top, i) * alpha + channel(bottom, i) * (1 - alpha)))
		.map((v) => v.toString(16).padStart(2, '0'))
		.join('')}`;
}

/** The screenshot scaled to a quarter, as the back of a meeting room sees a projector. */
export async function backOfTheRoom(page: Page, name: string) {
	// A presentation draws the next slide's map hidden behind this one: on a loaded machine a frame can take a while.
	const full = await page.screenshot({ timeout: 120_000 });
	await saveScreenshot(`${name}.png`, full);
	const small = await page.evaluate(async (base64) => {
		const image = new Image();
		image.src = `data:image/png;base64,${base64}`;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(image.width / 4);
		canvas.height = Math.round(image.height / 4);
		canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
		return canvas.toDataURL('image/png').split(',')[1]!;
	}, full.toString('base64'));
	await saveScreenshot(`${name}-25pc.png`, Buffer.from(small, 'base64'));
}
