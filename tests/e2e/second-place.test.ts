/**
 * A second place loaded from data alone (issue 16, part 2), in the browser. The app runs on a
 * database of its own holding no demo data: Riverbend, made up for these tests from files with
 * other field names than Birmingham's (tests/fixtures/places/riverbend), loaded as the commands
 * load it (boundary, small areas in grid metres, deprivation, venues, worship outlines as points,
 * one capital project and its roles), and Millbrook, a place with hubs but no capital project yet.
 * Chromium checks the map of Riverbend with its score layer, the place switcher, Millbrook's plain
 * "no capital projects loaded yet" on a phone, and the admin page's upload, preview and confirm.
 * Screenshots go to /tmp/shots-places/.
 */
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/log';
import { createAccount } from '../../src/lib/server/auth/service';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrator';
import { parseImportArguments } from '../../src/lib/server/imports/command-line';
import { importFile } from '../../src/lib/server/imports/index';
import { readSourceFile } from '../../src/lib/server/imports/read-file';
import { parseGeoJson } from '../../src/lib/domain/imports/source';
import { importPlaceBoundary } from '../../src/lib/server/places/service';
import { adminSql, databaseUrlFor } from '../db/admin';
import { launchChromium, openPage, waitForMap } from './browser';
import { freePort, ROOT, startServer, type RunningServer } from './server';

const chromiumPath = inject('chromiumPath');
const basemapStyleUrl = inject('basemapStyleUrl');
const externalApp = !!process.env.E2E_BASE_URL?.trim();
const SHOTS = '/tmp/shots-places';
const RIVERBEND = path.join(ROOT, 'tests', 'fixtures', 'places', 'riverbend');
const file = (name: string) => path.join(RIVERBEND, name);
const ADMIN = { username: 'places.admin', password: 'places admin passphrase' };

const box = (west: number, south: number, east: number, north: number) => [
	[west, south],
	[east, south],
	[east, north],
	[west, north],
	[west, south]
];
const polygonFile = (properties: Record<string, unknown>, ring: number[][]) =>
	JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } }] });

/** `npm run import -- <argv>` as the command runs it. */
async function runImport(db: Parameters<typeof importFile>[0], argv: string[]) {
	const parsed = parseImportArguments(argv);
	if (!('command' in parsed)) throw new Error(`bad arguments: ${JSON.stringify(parsed)}`);
	return importFile(db, parsed.command);
}

async function prepareDatabase(target: { databaseUrl: string } | { pgliteDataDir: string }): Promise<void> {
	const database = await openDatabase('databaseUrl' in target ? { databaseUrl: target.databaseUrl, maxConnections: 1 } : target);
	const db = database.db;
	try {
		await migrate(db, path.join(ROOT, 'migrations'));
		await createAccount(db, SYSTEM_ACTOR, { ...ADMIN, role: 'administrator', displayName: 'Places admin' });
		await importPlaceBoundary(db, await readSourceFile(file('boundary-wards.geojson'), 'geojson'), { id: 'riverbend', name: 'Riverbend', makeValid: false, dryRun: false });
		await runImport(db, ['reference-areas', file('small-areas-bng.geojson'), '--area-type', 'lsoa', '--map', 'code=SA_REF,name=SA_TITLE']);
		await runImport(db, ['imd', file('deprivation.csv'), '--map', 'code=area_ref,imd_rank=overall_rank,imd_decile=overall_decile']);
		await runImport(db, ['hubs', file('venues.csv'), '--map', 'name=venue_name,hub_type=venue_kind,address=street,lon=x_coord,lat=y_coord', '--place', 'riverbend']);
		await runImport(db, ['hubs', file('worship-outlines.geojson'), '--map', 'name=BLDG_NAME,hub_type=USE_CLASS', '--as-point', '--place', 'riverbend']);
		await runImport(db, [
			'macro-assets',
			file('scheme.geojson'),
			'--map',
			'id=scheme_ref,name=scheme_title,kind=category,status=stage,timeline_start=start_yr,timeline_end=end_yr,owners=promoter',
			'--place',
			'riverbend'
		]);
		await runImport(db, ['opportunities', file('roles.csv'), '--map', 'id=role_ref,macro_asset_id=scheme_ref,skill_group_id=skill,kind=role_type,title=role_title,count=how_many']);
		// Millbrook: Riverbend's west ward as a place of its own, with its venues and no capital project.
		await importPlaceBoundary(db, parseGeoJson(polygonFile({ name: 'Millbrook' }, box(-2.62, 51.44, -2.59, 51.48)), 'millbrook.geojson'), {
			id: 'millbrook',
			name: 'Millbrook',
			makeValid: false,
			dryRun: false
		});
		await runImport(db, [
			'hubs',
			file('venues.csv'),
			'--map',
			'name=venue_name,hub_type=venue_kind,address=street,lon=x_coord,lat=y_coord',
			'--place',
			'millbrook',
			'--id-prefix',
			'mb-',
			'--allow-outside'
		]);
	} finally {
		await database.close();
	}
}

describe.skipIf(externalApp)('a second place from data alone', () => {
	let server: RunningServer;
	let workDir: string;
	let dropDatabase = async () => {};
	let browser: Browser | undefined;

	beforeAll(async () => {
		await fsp.mkdir(SHOTS, { recursive: true });
		workDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'atlas-second-place-'));
		const serverUrl = process.env.TEST_DATABASE_URL?.trim();
		const name = `atlas_places_${process.pid}_${Date.now().toString(36)}`;
		let env: Record<string, string>;
		if (serverUrl) {
			const admin = adminSql(serverUrl);
			await admin.unsafe(`CREATE DATABASE "${name}"`);
			await admin.end();
			dropDatabase = async () => {
				const dropper = adminSql(serverUrl);
				await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
				await dropper.end();
			};
			env = { DATABASE_URL: databaseUrlFor(serverUrl, name) };
			await prepareDatabase({ databaseUrl: env.DATABASE_URL! });
		} else {
			env = { PGLITE_DATA_DIR: path.join(workDir, 'pglite') };
			await prepareDatabase({ pgliteDataDir: env.PGLITE_DATA_DIR! });
		}
		server = await startServer({ port: await freePort(), env: { ...env, SEED_ON_EMPTY: 'false', BASEMAP_STYLE_URL: basemapStyleUrl, BASEMAP_ATTRIBUTION: 'E2E test basemap' } });
		if (chromiumPath) browser = await launchChromium(chromiumPath);
	}, 400_000);

	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await dropDatabase();
		if (workDir) await fsp.rm(workDir, { recursive: true, force: true });
	});

	it('answers the API for the new place, scores included, with no demo data in the database', async () => {
		const places = (await (await fetch(`${server.baseUrl}/api/places`)).json()) as { places: { id: string }[] };
		expect(places.places.map((p) => p.id).sort()).toEqual(['millbrook', 'riverbend']);
		const sites = (await (await fetch(`${server.baseUrl}/api/places/riverbend/macro-assets`)).json()) as { features: { properties: { name: string } }[] };
		expect(sites.features.map((f) => f.properties.name)).toEqual(['Riverbend Quayside']);
		const response = await fetch(`${server.baseUrl}/api/scores?place=riverbend&method=cumulative&skill=all`);
		expect(response.status).toBe(200);
		const layer = (await response.json()) as { features: unknown[]; summary: { max: number } };
		expect(layer.features.length).toBeGreaterThan(100);
		expect(layer.summary.max).toBe(21);
	}, 120_000);

	describe.skipIf(!chromiumPath)('in chromium', () => {
		async function noSidewaysScroll(page: Page) {
			return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
		}

		it('draws Riverbend with its site, hubs, areas and score layer, and switches place with the form', async () => {
			const { context, page, errors } = await openPage(browser!, { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
			try {
				await page.goto(`${server.baseUrl}/?place=riverbend&layers=sites,hubs,areas,scores&scores=cumulative`);
				await waitForMap(page);
				await page.getByTestId('scores-legend').waitFor({ timeout: 90_000 });
				await waitForMap(page);
				await expect(page.locator('h1.place-name').textContent()).resolves.toBe('Riverbend');
				await expect(page.getByTestId('site-item').count()).resolves.toBe(1);
				await expect(page.getByTestId('site-list').textContent()).resolves.toContain('Riverbend Quayside');
				await page.screenshot({ path: path.join(SHOTS, 'riverbend-map-scores.png') });

				const switcher = page.getByTestId('place-switch');
				await switcher.locator('select').selectOption('millbrook');
				await switcher.getByRole('button', { name: 'Show' }).click();
				await page.waitForURL((url) => url.searchParams.get('place') === 'millbrook', { timeout: 60_000 });
				await expect(page.locator('h1.place-name').textContent()).resolves.toBe('Millbrook');
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		}, 240_000);

		it('shows a place with no capital projects as its areas and hubs and a plain note, on a phone', async () => {
			const { context, page, errors } = await openPage(browser!, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
			try {
				await page.goto(`${server.baseUrl}/?place=millbrook`);
				await waitForMap(page);
				await expect(page.getByTestId('no-sites').textContent()).resolves.toContain('No capital projects loaded yet');
				await expect(page.getByTestId('score-layer-panel').count()).resolves.toBe(0);
				// Opened on what the place has: the areas layer is on without being asked for.
				await expect(page.getByTestId('layer-toggle-areas').isChecked()).resolves.toBe(true);
				expect(await noSidewaysScroll(page)).toBe(true);
				await page.screenshot({ path: path.join(SHOTS, 'millbrook-phone.png'), fullPage: true });
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		}, 240_000);

		it('lets an administrator upload a boundary, preview it on a map and confirm it', async () => {
			const upload = path.join(workDir, 'oakfield.geojson');
			await fsp.writeFile(upload, polygonFile({ PARISH: 'Oakfield' }, box(-2.55, 51.44, -2.53, 51.46)));
			const { context, page, errors } = await openPage(browser!, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
			try {
				await page.goto(`${server.baseUrl}/signin?next=${encodeURIComponent('/admin/places')}`);
				await page.getByLabel('Username').fill(ADMIN.username);
				await page.getByLabel('Password').fill(ADMIN.password);
				await page.getByRole('button', { name: 'Sign in' }).click();
				await page.waitForURL((url) => url.pathname === '/admin/places', { timeout: 60_000 });
				await expect(page.getByTestId('places-table').textContent()).resolves.toContain('Riverbend');

				const form = page.getByTestId('place-upload');
				await form.locator('input[name="file"]').setInputFiles(upload);
				await form.locator('input[name="id"]').fill('oakfield');
				await form.locator('input[name="name"]').fill('Oakfield');
				await form.getByRole('button', { name: 'Preview' }).click();
				const preview = page.getByTestId('place-preview');
				await preview.waitFor({ timeout: 60_000 });
				await expect(preview.textContent()).resolves.toContain('EPSG:27700 (British National Grid)');
				await page.locator('[data-testid="place-preview-map"][data-map-ready="true"]').waitFor({ timeout: 60_000 });
				expect(await noSidewaysScroll(page)).toBe(true);
				await page.screenshot({ path: path.join(SHOTS, 'admin-places-preview.png'), fullPage: true });

				await page.getByRole('button', { name: 'Create oakfield' }).click();
				await page.getByText('Place oakfield (Oakfield) created').waitFor({ timeout: 60_000 });
				await expect(page.getByTestId('places-table').textContent()).resolves.toContain('Oakfield');
				const places = (await (await fetch(`${server.baseUrl}/api/places`)).json()) as { places: { id: string }[] };
				expect(places.places.map((p) => p.id)).toContain('oakfield');
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		}, 240_000);
	});
});
