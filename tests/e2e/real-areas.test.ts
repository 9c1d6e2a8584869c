/**
 * Reference areas and the basemap fallback with real public data, which the demo seed does not
 * load: Birmingham's 2018 wards, its 2021 LSOAs with IMD 2019 deciles, and the Smethwick OSM
 * network as the place's walking network. The app runs on a database of its own (the shared e2e
 * server's must stay without areas), with a basemap that cannot be reached, and chromium checks
 * what a planner sees: the areas toggle, the deciles and ward outlines, an area's details, the
 * note about the basemap and the streets drawn in its place.
 *
 * The public files are read in place from ../shared/data/real; a clone without that folder skips
 * this file, unless REQUIRE_SHARED_DATA=1, which makes the missing files a failure. With
 * TEST_DATABASE_URL the database is a scratch one on that server, created and dropped here.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { booleanPointInPolygon, centroid, pointToLineDistance, polygonToLine } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { PbfReader } from 'pbf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseImportArguments } from '../../src/lib/server/imports/command-line';
import { tileAt } from '../../src/lib/domain/tiles/address';
import { FALLBACK_BACKGROUND } from '../../src/lib/map/basemap';
import { IMD_DECILE_COLOURS, WARD_LINE_COLOUR } from '../../src/lib/map/explorer';
import { LSOA_FILL_OPACITY, STREET_COLOUR } from '../../src/lib/map/layers';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrator';
import { importFile, type ImportReport } from '../../src/lib/server/imports/index';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { importOsmNetwork, type OsmImportReport } from '../../src/lib/server/walking/import';
import { adminSql, databaseUrlFor } from '../db/admin';
import { blend, launchChromium, openPage, pixelStats, saveScreenshot, waitForMap } from './browser';
import { freePort, ROOT, startServer, type RunningServer } from './server';

const chromiumPath = inject('chromiumPath');
const basemapStyleUrl = inject('basemapStyleUrl');
const PROJECTOR = { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 };
const PLACE = 'greater-icknield';

const REAL_DATA = path.resolve(ROOT, '..', 'shared', 'data', 'real');
const real = (...parts: string[]) => path.join(REAL_DATA, ...parts);
const runRealData = fs.existsSync(REAL_DATA) || process.env.REQUIRE_SHARED_DATA === '1';
/** This file serves the app itself, on its own database; an app already running cannot be given the data. */
const externalApp = !!process.env.E2E_BASE_URL?.trim();

const FILES = {
	wards: real('birmingham-wards-2018-bsol', 'birmingham_wards_2018.geojson'),
	lsoas: real('lsoa-2021-birmingham-solihull-bsol', 'lsoa21_birmingham_in_bbox.geojson'),
	imd: real('imd-2019', 'IoD2019_File1_IMD_rank_decile_birmingham_sandwell.csv'),
	osm: real('osm-smethwick-quickosm', 'smethwick_roads_reconstructed.osm.pbf')
};

/**
 * `npm run import -- <argv>` for each file, in order. IMD 2019 is published for LSOA 2011 codes;
 * the 2021 LSOAs that were not redrawn kept their 2011 code, so the `imd` kind sets deciles on
 * those and counts the rest (new and split LSOAs), which stay without a decile.
 */
const IMPORTS: readonly string[][] = [
	['reference-areas', FILES.wards, '--area-type', 'ward', '--map', 'code=WardCode,name=Ward', '--source', 'ONS, OGL v3 (BSol.mapR)'],
	['reference-areas', FILES.lsoas, '--area-type', 'lsoa', '--map', 'code=LSOA21,name=LSOA21NM', '--source', 'ONS, OGL v3 (BSol.mapR)'],
	['imd', FILES.imd]
];

interface Prepared {
	wards: ImportReport;
	lsoas: ImportReport;
	imd: ImportReport;
	osm: OsmImportReport;
}

/** Migrates, seeds the demo place and imports the real files, as `npm run migrate/seed/import` would. */
async function prepareDatabase(target: { databaseUrl: string } | { pgliteDataDir: string }): Promise<Prepared> {
	const database = await openDatabase('databaseUrl' in target ? { databaseUrl: target.databaseUrl, maxConnections: 1 } : target);
	try {
		await migrate(database.db, path.join(ROOT, 'migrations'));
		await seedDemoDataIfEmpty(database.db, { dataDir: path.join(ROOT, 'data') });
		const reports: ImportReport[] = [];
		for (const argv of IMPORTS) {
			const parsed = parseImportArguments(argv);
			if (!('command' in parsed)) throw new Error(`bad import arguments ${argv.join(' ')}: ${JSON.stringify(parsed)}`);
			reports.push(await importFile(database.db, parsed.command));
		}
		const osm = await importOsmNetwork(database.db, { file: FILES.osm, placeId: PLACE });
		return { wards: reports[0]!, lsoas: reports[1]!, imd: reports[2]!, osm };
	} finally {
		await database.close();
	}
}

/**
 * The LSOA (of those `wanted`) that a click in the middle of the map cannot miss: inside the place,
 * the one whose centroid lies farthest from its own edge.
 */
function roomiestLsoa(wanted: (code: string) => boolean) {
	const lsoas = JSON.parse(fs.readFileSync(FILES.lsoas, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { LSOA21: string; LSOA21NM: string }>;
	let best: { code: string; name: string; lon: number; lat: number; roomKm: number } | undefined;
	for (const feature of lsoas.features) {
		if (!wanted(feature.properties.LSOA21) || feature.geometry.type !== 'Polygon') continue;
		const [lon, lat] = centroid(feature).geometry.coordinates as [number, number];
		// Inside the place's box, clear of its edge (outside it, the mask dims the colours).
		if (lon < -1.975 || lon > -1.9 || lat < 52.472 || lat > 52.502 || !booleanPointInPolygon([lon, lat], feature)) continue;
		const edge = polygonToLine(feature as Feature<Polygon>) as Feature<LineString>;
		const roomKm = pointToLineDistance([lon, lat], edge, { units: 'kilometers' });
		if (!best || roomKm > best.roomKm) best = { code: feature.properties.LSOA21, name: feature.properties.LSOA21NM, lon, lat, roomKm };
	}
	if (!best) throw new Error(`no LSOA in ${FILES.lsoas} is inside the place and as wanted`);
	return best;
}

function decodeTile(bytes: Uint8Array, layer: string) {
	const found = new VectorTile(new PbfReader(bytes)).layers[layer];
	return found ? Array.from({ length: found.length }, (_, i) => found.feature(i)) : [];
}

/** Only the canvas: labels, legend and the note are HTML over it. */
async function mapShot(page: Page): Promise<Buffer> {
	const style = await page.addStyleTag({ content: '.atlas-site-label, [data-testid="map-legend"], .basemap-note { visibility: hidden !important; }' });
	const png = await page.locator('[data-testid="map"]').screenshot();
	await style.evaluate((el) => (el as Element).remove());
	return png;
}

/** The largest difference between two #rrggbb colours on any channel. */
function channelGap(a: string, b: string): number {
	return Math.max(...[1, 3, 5].map((i) => Math.abs(parseInt(a.slice(i, i + 2), 16) - parseInt(b.slice(i, i + 2), 16))));
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

if (!runRealData) {
	describe('real reference areas and streets in chromium', () => {
		it.skip(`SKIPPED: the public files are not at ${REAL_DATA} (REQUIRE_SHARED_DATA=1 turns this into a failure)`, () => {});
	});
} else if (externalApp) {
	describe('real reference areas and streets in chromium', () => {
		it.skip('SKIPPED: E2E_BASE_URL is set, and this file needs an app of its own on a database it loads the real data into', () => {});
	});
} else if (!chromiumPath) {
	describe('real reference areas and streets in chromium', () => {
		it.skip('SKIPPED: no chromium found (set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure)', () => {});
	});
} else {
	describe(`real reference areas and streets in chromium (${REAL_DATA})`, () => {
		let workDir: string;
		let dropDatabase = async () => {};
		let server: RunningServer | undefined;
		let baseUrl: string;
		let browser: Browser;
		let prepared: Prepared;
		/** IMD 2019 deciles as published, by LSOA code. */
		let deciles: Map<string, number>;

		beforeAll(async () => {
			workDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'atlas-e2e-areas-'));
			const serverUrl = process.env.TEST_DATABASE_URL?.trim();
			let databaseEnv: Record<string, string>;
			if (serverUrl) {
				const name = `atlas_e2e_areas_${process.pid}_${Date.now().toString(36)}`;
				const admin = adminSql(serverUrl);
				await admin.unsafe(`CREATE DATABASE "${name}"`);
				await admin.end();
				dropDatabase = async () => {
					const drop = adminSql(serverUrl);
					await drop.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
					await drop.end();
				};
				databaseEnv = { DATABASE_URL: databaseUrlFor(serverUrl, name) };
			} else databaseEnv = { PGLITE_DATA_DIR: path.join(workDir, 'pglite') };

			let started = Date.now();
			prepared = await prepareDatabase('DATABASE_URL' in databaseEnv ? { databaseUrl: databaseEnv.DATABASE_URL! } : { pgliteDataDir: databaseEnv.PGLITE_DATA_DIR! });
			console.info(
				`[real-areas] database prepared in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
					`${prepared.wards.inserted} wards, ${prepared.lsoas.inserted} LSOAs, IMD matched ${prepared.imd.imd?.matched}, ` +
					`walking network ${prepared.osm.nodes} nodes / ${prepared.osm.edges} edges`
			);
			started = Date.now();
			server = await startServer({ port: await freePort(), env: { ...databaseEnv, SEED_ON_EMPTY: 'false', BASEMAP_STYLE_URL: basemapStyleUrl, BASEMAP_ATTRIBUTION: 'unreachable' } });
			baseUrl = server.baseUrl;
			console.info(`[real-areas] app healthy in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			browser = await launchChromium(chromiumPath);
			const rows = parse(fs.readFileSync(FILES.imd, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
			deciles = new Map(rows.map((row) => [row['LSOA code (2011)']!, Number(row['Index of Multiple Deprivation (IMD) Decile'])]));
		});
		afterAll(async () => {
			await browser?.close();
			await server?.stop();
			await dropDatabase();
			if (workDir) await fsp.rm(workDir, { recursive: true, force: true });
		});

		it('imports the wards, the LSOAs with their deciles and the Smethwick network', () => {
			expect(prepared.wards).toMatchObject({ records: 69, inserted: 69 });
			expect(prepared.lsoas).toMatchObject({ records: 117, inserted: 117 });
			// 98 of the 117 LSOA 2021 codes are unchanged 2011 codes, so IMD 2019 has them.
			expect(prepared.imd.imd).toMatchObject({ matched: 98, unmatched: 825 - 98 });
			expect(prepared.osm.edges).toBeGreaterThan(5_000);
		});

		it('serves non-empty vector tiles of the areas and of the streets', async () => {
			const tile = async (layer: string, at: { z: number; x: number; y: number }, query: string) => {
				const response = await fetch(`${baseUrl}/tiles/${layer}/${at.z}/${at.x}/${at.y}.mvt?${query}`);
				expect(response.status, `${layer} ${query}`).toBe(200);
				return decodeTile(new Uint8Array(await response.arrayBuffer()), layer);
			};
			// Ladywood, in the Birmingham part of the place.
			const ladywood = tileAt(-1.92, 52.482, 14);
			const lsoas = await tile('reference-areas', ladywood, 'type=lsoa');
			expect(lsoas.length).toBeGreaterThan(3);
			expect(lsoas.every((f) => f.type === 3 && f.properties.area_type === 'lsoa' && /^E01/.test(String(f.properties.code)))).toBe(true);
			expect(lsoas.some((f) => typeof f.properties.imd_decile === 'number')).toBe(true);
			const wards = await tile('reference-areas', ladywood, 'type=ward');
			expect(wards.map((f) => f.properties.name)).toContain('Ladywood');

			// Smethwick has streets; east of -1.938 the extract has none.
			const streets = await tile('streets', tileAt(-1.965, 52.49, 15), `place=${PLACE}`);
			expect(streets.length).toBeGreaterThan(50);
			expect(streets.every((f) => f.type === 2)).toBe(true);
			await expect(tile('streets', tileAt(-1.905, 52.485, 15), `place=${PLACE}`)).resolves.toEqual([]);
		});

		it('offers the areas toggle; turning it on fills LSOAs by decile, outlines wards and adds the legend', async () => {
			const { context, page, errors } = await openPage(browser, PROJECTOR);
			try {
				await page.goto(`${baseUrl}/?layers=sites&lon=-1.935&lat=52.486&z=13.4`);
				await waitForMap(page);
				const toggle = page.getByTestId('layer-toggle-areas');
				await expect(toggle.isChecked()).resolves.toBe(false);
				// Decile fills as drawn on the plain background; the palest (decile 6's) is left out, as
				// it is within the tolerance of the background itself.
				const decileColours = IMD_DECILE_COLOURS.map((c) => blend(c, FALLBACK_BACKGROUND, LSOA_FILL_OPACITY)).filter((c) => channelGap(c, FALLBACK_BACKGROUND) > 24);
				const colours = [...decileColours, WARD_LINE_COLOUR];
				const before = await pixelStats(context, await mapShot(page), colours, 12);

				await toggle.check();
				await waitForMap(page);
				const legend = page.locator('[data-legend="areas"]');
				await legend.waitFor();
				await expect(legend.innerText()).resolves.toMatch(/IMD decile/);
				await expect(legend.locator('li').allInnerTexts()).resolves.toEqual(
					expect.arrayContaining(['1 = most deprived', '10 = least deprived', 'No decile loaded', 'Ward boundary'])
				);
				expect(new URL(page.url()).searchParams.get('layers')).toContain('areas');
				await saveScreenshot('real-areas-1920.png', await page.screenshot());
				const after = await pixelStats(context, await mapShot(page), colours, 12);
				const decilePixels = (stats: typeof after) => sum(stats.counts) - stats.counts[WARD_LINE_COLOUR]!;
				console.info(`[real-areas] decile pixels ${decilePixels(before)} -> ${decilePixels(after)}, ward pixels ${before.counts[WARD_LINE_COLOUR]} -> ${after.counts[WARD_LINE_COLOUR]}`);
				expect(decilePixels(after)).toBeGreaterThan(decilePixels(before) + 100_000);
				expect(after.counts[WARD_LINE_COLOUR]!).toBeGreaterThan(before.counts[WARD_LINE_COLOUR]! + 2_000);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('shows a clicked LSOA’s name, code and IMD decile in the side panel, or that it has none', async () => {
			const withDecile = roomiestLsoa((code) => deciles.has(code));
			const withoutDecile = roomiestLsoa((code) => !deciles.has(code));
			const { context, page, errors } = await openPage(browser, PROJECTOR);
			try {
				for (const target of [withoutDecile, withDecile]) {
					await page.goto(`${baseUrl}/?layers=areas&lon=${target.lon}&lat=${target.lat}&z=15`);
					await waitForMap(page);
					const box = (await page.getByTestId('map').boundingBox())!;
					await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
					const details = page.getByTestId('feature-details');
					await details.waitFor();
					await expect(details.getAttribute('data-layer')).resolves.toBe('areas');
					await expect(details.locator('h2').innerText()).resolves.toBe(target.name);
					const text = await details.innerText();
					expect(text).toContain(`LSOA ${target.code}`);
					const decile = deciles.get(target.code);
					if (decile === undefined) expect(text).toContain('No deprivation decile loaded for this area.');
					else expect(text).toMatch(new RegExp(`IMD decile\\s+${decile}\\b`));
				}
				await saveScreenshot('real-areas-lsoa-details.png', await page.screenshot());
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});

		it('without the basemap, says so and draws the imported streets where the network is', async () => {
			const { context, page, errors } = await openPage(browser, PROJECTOR);
			try {
				const streetPixels = async (lon: number, lat: number) => {
					await page.goto(`${baseUrl}/?layers=&lon=${lon}&lat=${lat}&z=15`);
					await waitForMap(page);
					return (await pixelStats(context, await mapShot(page), [STREET_COLOUR], 16)).counts[STREET_COLOUR]!;
				};
				const east = await streetPixels(-1.905, 52.485);
				const west = await streetPixels(-1.962, 52.49);
				await expect(page.getByTestId('map').getAttribute('data-basemap')).resolves.toBe('fallback');
				await expect(page.getByTestId('basemap-note').innerText()).resolves.toBe('Basemap unavailable — showing project layers only');
				console.info(`[real-areas] street pixels: Smethwick ${west}, east of the extract ${east}`);
				expect(west).toBeGreaterThan(20_000);
				expect(west).toBeGreaterThan(east * 10);
				await saveScreenshot('real-areas-streets-z15.png', await page.screenshot());

				// Where the network meets Birmingham's LSOAs, with the areas on.
				await page.goto(`${baseUrl}/?layers=areas&lon=-1.945&lat=52.49&z=15`);
				await waitForMap(page);
				await saveScreenshot('real-areas-streets-areas-z15.png', await page.screenshot());
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});
	});
}
