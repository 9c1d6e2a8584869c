/**
 * Once per `vitest --project e2e` run: builds the app if build/ is missing or stale, makes a fresh
 * database with one account per role, serves the app on a free port (it loads the Greater
 * Icknield demo data and its synthetic population itself), and tells the tests where it is, where
 * chromium is, and how to sign in.
 *
 * Environment:
 *  - TEST_DATABASE_URL a real PostgreSQL + PostGIS server: the app runs on a database created for
 *                     this run and dropped after it. Unset: a fresh embedded PGlite folder.
 *  - CHROMIUM_PATH    the browser to drive (default /usr/bin/chromium). Without one, browser tests
 *                     skip with a message, unless REQUIRE_BROWSER=1, which makes that a failure.
 *  - E2E_BASE_URL     test an app that is already running instead (no build, no server, no fixture).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrator';
import { createAccount } from '../../src/lib/server/auth/service';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/log';
import { adminSql, databaseUrlFor } from '../db/admin';
import { ensureBuilt, freePort, ROOT, startServer, type RunningServer } from './server';

/** One account per role, made before the app starts; passwords exist only for this run. */
export const E2E_ACCOUNTS = {
	researcher: { username: 'e2e.researcher', password: 'e2e researcher passphrase' },
	planner: { username: 'e2e.planner', password: 'e2e planner passphrase' },
	administrator: { username: 'e2e.admin', password: 'e2e administrator passphrase' },
	coordinator: { username: 'e2e.coordinator', password: 'e2e coordinator passphrase' },
	partner: { username: 'e2e.partner', password: 'e2e partner passphrase' },
	network: { username: 'e2e.network', password: 'e2e network passphrase' }
} as const;

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
		/** Sign-in details of the test accounts, by role. */
		accounts: typeof E2E_ACCOUNTS;
		/** Which database the app under test runs on. */
		backend: 'pglite' | 'postgres';
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

/** Migrates the database the app will use and creates the test accounts in it. */
async function prepareDatabase(target: { databaseUrl: string } | { pgliteDataDir: string }) {
	const database = await openDatabase('databaseUrl' in target ? { databaseUrl: target.databaseUrl, maxConnections: 1 } : target);
	try {
		await migrate(database.db, path.join(ROOT, 'migrations'));
		for (const [role, account] of Object.entries(E2E_ACCOUNTS)) {
			await createAccount(database.db, SYSTEM_ACTOR, { ...account, role, displayName: `E2E ${role}` });
		}
	} finally {
		await database.close();
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
	project.provide('accounts', E2E_ACCOUNTS);

	const external = process.env.E2E_BASE_URL?.trim().replace(/\/+$/, '');
	if (external) {
		log(`testing the app already running at ${external}`);
		project.provide('baseUrl', external);
		return;
	}

	ensureBuilt(log);
	const workDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'atlas-e2e-'));
	const serverUrl = process.env.TEST_DATABASE_URL?.trim();
	const databaseName = `atlas_e2e_${process.pid}_${Date.now().toString(36)}`;
	const databaseEnv: Record<string, string> = serverUrl
		? { DATABASE_URL: databaseUrlFor(serverUrl, databaseName) }
		: { PGLITE_DATA_DIR: path.join(workDir, 'pglite') };
	if (serverUrl) {
		const admin = adminSql(serverUrl);
		await admin.unsafe(`CREATE DATABASE "${databaseName}"`);
		await admin.end();
	}
	const dropDatabase = async () => {
		if (!serverUrl) return;
		const admin = adminSql(serverUrl);
		await admin.unsafe(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
		await admin.end();
	};
	project.provide('backend', serverUrl ? 'postgres' : 'pglite');

	let server: RunningServer;
	try {
		let started = Date.now();
		await prepareDatabase(serverUrl ? { databaseUrl: databaseEnv.DATABASE_URL! } : { pgliteDataDir: databaseEnv.PGLITE_DATA_DIR! });
		log(`${serverUrl ? 'PostgreSQL' : 'PGlite'} database migrated with test accounts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		const port = await freePort();
		started = Date.now();
		server = await startServer({ port, env: { ...databaseEnv, SEED_ON_EMPTY: 'true', BASEMAP_STYLE_URL, BASEMAP_ATTRIBUTION } });
		log(`app healthy at ${server.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
		if ((await placeCount(server.baseUrl)) === 0) {
			await server.stop();
			throw new Error('the app started without the demo place: the seed did not load');
		}
	} catch (err) {
		await dropDatabase();
		await fsp.rm(workDir, { recursive: true, force: true });
		throw err;
	}

	project.provide('baseUrl', server.baseUrl);
	return async () => {
		await server.stop();
		if (process.env.E2E_SERVER_LOG === '1') console.log(server.output());
		await dropDatabase();
		await fsp.rm(workDir, { recursive: true, force: true });
	};
}
