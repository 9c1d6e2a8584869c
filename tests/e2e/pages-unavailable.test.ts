/**
 * Pages while the database is away (issue 16, part 4 did the API): the built app on a throwaway
 * PostgreSQL 15 cluster of its own (never the shared server) answers a page with a plain 503 page
 * and Retry-After instead of a 500 while the server is stopped, the API with its 503 JSON, and
 * both normally again once the server is back, without a restart of the app.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrator';
import { freePort, ROOT, startServer, type RunningServer } from './server';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const available = fs.existsSync(path.join(PG_BIN, 'initdb')) && !process.env.E2E_BASE_URL?.trim();

function pgTool(tool: string, args: string[]): void {
	const command = path.join(PG_BIN, tool);
	if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore' });
	else execFileSync(command, args, { stdio: 'ignore' });
}

let folder: string;
let dataDir: string;
let options: string;
let running = false;
let server: RunningServer | undefined;
const start = () => {
	pgTool('pg_ctl', ['-D', dataDir, '-l', path.join(folder, 'server.log'), '-w', '-o', options, 'start']);
	running = true;
};
const stop = () => {
	pgTool('pg_ctl', ['-D', dataDir, '-w', '-m', 'fast', 'stop']);
	running = false;
};

beforeAll(async () => {
	if (!available) return;
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-pages-503-'));
	if (process.getuid?.() === 0) fs.chownSync(folder, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), 0);
	dataDir = path.join(folder, 'data');
	const port = await freePort();
	options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1`;
	pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
	start();
	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	const database = await openDatabase({ databaseUrl: url, maxConnections: 1 });
	try {
		await migrate(database.db, path.join(ROOT, 'migrations'));
	} finally {
		await database.close();
	}
	server = await startServer({ port: await freePort(), env: { DATABASE_URL: url, SEED_ON_EMPTY: 'false', BASEMAP_STYLE_URL: 'https://basemap.invalid/style.json' } });
}, 300_000);

afterAll(async () => {
	await server?.stop();
	if (running) stop();
	if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

describe.skipIf(!available)(`pages while the database is away (throwaway cluster from ${PG_BIN})`, () => {
	it('answers a page 503 with Retry-After (not 500) while the server is stopped, and normally within 5 s of its return', async () => {
		expect((await fetch(`${server!.baseUrl}/`)).status).toBe(200);
		stop();
		const started = performance.now();
		const page = await fetch(`${server!.baseUrl}/`, { signal: AbortSignal.timeout(15_000) });
		expect(page.status).toBe(503);
		expect(page.headers.get('retry-after')).toBe('2');
		expect(page.headers.get('content-type')).toContain('text/html');
		expect(await page.text()).toMatch(/restarting or unreachable/);
		expect(performance.now() - started).toBeLessThan(10_000);
		const api = await fetch(`${server!.baseUrl}/api/places`, { signal: AbortSignal.timeout(15_000) });
		expect(api.status).toBe(503);
		expect(((await api.json()) as { error: { code: string } }).error.code).toBe('unavailable');

		start();
		const back = performance.now();
		let status = 0;
		while (performance.now() - back < 5_000) {
			status = (await fetch(`${server!.baseUrl}/`, { signal: AbortSignal.timeout(5_000) })).status;
			if (status === 200) break;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(status).toBe(200);
	}, 120_000);
});
