/**
 * Once per `vitest --project e2e` run: builds the app if build/ is missing or stale, serves it on a
 * free port with a fresh embedded database (the demo seed loads itself if it exists; otherwise a
 * two-site stand-in is written), and tells the tests where it is and where chromium is.
 *
 * Environment:
 *  - CHROMIUM_PATH    the browser to drive (default /usr/bin/chromium). Without one, browser tests
 *                     skip with a message, unless REQUIRE_BROWSER=1, which makes that a failure.
 *  - E2E_BASE_URL     test an app that is already running instead (no build, no server, no fixture).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { insertFixture } from './fixture';
import { ensureBuilt, freePort, ROOT, startServer, type RunningServer } from './server';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Where the app under test answers, e.g. http://127.0.0.1:41234 (no trailing slash). */
		baseUrl: string;
		/** The chromium executable to launch, or null when none was found (browser tests skip). */
		chromiumPath: string | null;
		/** The basemap style URL the test server is configured with; it never resolves (RFC 6761 .invalid). */
		basemapStyleUrl: string;
		/** The basemap attribution the test server is configured with. */
		basemapAttribution: string;
	}
}

const BASEMAP_STYLE_URL = 'https://basemap.invalid/styles/e2e.json';
const BASEMAP_ATTRIBUTION = 'E2E test basemap';

const log = (line: string) => console.log(`[e2e] ${line}`);

function findChromium(): string | null {
	const candidate = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
	try {
		fs.accessSync(candidate, fs.constants.X_OK);
		return candidate;
	} catch {
		return null;
	}
}

async function placeCount(baseUrl: string): Promise<number> {
	const response = await fetch(`${baseUrl}/api/places`);
	if (!response.ok) throw new Error(`GET /api/places answered ${response.status}: ${await response.text()}`);
	return ((await response.json()) as { places: unknown[] }).places.length;
}

export default async function setup(project: TestProject) {
	const chromiumPath = findChromium();
	if (!chromiumPath) {
		const where = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
		if (process.env.REQUIRE_BROWSER === '1') {
			throw new Error(`REQUIRE_BROWSER=1 but no chromium at ${where}; set CHROMIUM_PATH to a chromium executable`);
		}
		log(`no chromium at ${where}: browser tests will be SKIPPED (set CHROMIUM_PATH; REQUIRE_BROWSER=1 makes this fail)`);
	}
	project.provide('chromiumPath', chromiumPath);
	project.provide('basemapStyleUrl', BASEMAP_STYLE_URL);
	project.provide('basemapAttribution', BASEMAP_ATTRIBUTION);

	const external = process.env.E2E_BASE_URL?.trim().replace(/\/+$/, '');
	if (external) {
		log(`testing the app already running at ${external}`);
		project.provide('baseUrl', external);
		return;
	}

	ensureBuilt(log);
	const workDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'atlas-e2e-'));
	const dataDir = path.join(workDir, 'pglite');
	const port = await freePort();
	const env = {
		PGLITE_DATA_DIR: dataDir,
		SEED_ON_EMPTY: 'true',
		BASEMAP_STYLE_URL,
		BASEMAP_ATTRIBUTION
	};

	let started = Date.now();
	let server: RunningServer = await startServer({ port, env });
	log(`app healthy at ${server.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
	try {
		if ((await placeCount(server.baseUrl)) === 0) {
			// The embedded database has one owner at a time: stop the app, write, start it again.
			log('the database has no place (no demo seed yet): writing the two-site stand-in');
			await server.stop();
			await insertFixture(dataDir, path.join(ROOT, 'migrations'));
			started = Date.now();
			server = await startServer({ port, env });
			log(`app restarted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		}
	} catch (err) {
		await server.stop();
		throw err;
	}

	project.provide('baseUrl', server.baseUrl);
	return async () => {
		await server.stop();
		if (process.env.E2E_SERVER_LOG === '1') console.log(server.output());
		await fsp.rm(workDir, { recursive: true, force: true });
	};
}
