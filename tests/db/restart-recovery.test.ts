/**
 * A database restart (issue 16, part 4) at the level below HTTP: on a throwaway PostgreSQL 15
 * cluster of its own (never the shared server), a query while the server is stopped fails within
 * seconds as "unavailable" (which the API answers 503 + Retry-After), and once the server is back
 * the same Kysely instance answers again within 5 s, without being reopened. `npm run soak` does
 * the same under load through the built app.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isDatabaseUnavailable, openDatabase, type AtlasDatabase } from '../../src/lib/server/db/index';
import { errorResponse } from '../../src/lib/server/http/errors';
import { freePort } from '../../scripts/lib/free-port';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const available = fs.existsSync(path.join(PG_BIN, 'initdb'));

/** initdb refuses root: run the tools as the postgres user then. */
function pgTool(tool: string, args: string[]): void {
	const command = path.join(PG_BIN, tool);
	if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore' });
	else execFileSync(command, args, { stdio: 'ignore' });
}

let folder: string;
let dataDir: string;
let options: string;
let database: AtlasDatabase | undefined;
let running = false;

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
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-restart-'));
	if (process.getuid?.() === 0) fs.chownSync(folder, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), 0);
	dataDir = path.join(folder, 'data');
	const port = await freePort();
	options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1`;
	pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
	start();
	database = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, maxConnections: 4 });
});

afterAll(async () => {
	await database?.close().catch(() => {});
	if (running) stop();
	if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

const ping = async () => (await sql<{ one: number }>`SELECT 1 AS one`.execute(database!.db)).rows[0]?.one;

describe.skipIf(!available)(`a database restart (throwaway cluster from ${PG_BIN})`, () => {
	it('answers "unavailable" (503 + Retry-After) quickly while the server is away, and recovers within 5 s of its return', async () => {
		expect(await ping()).toBe(1);
		// Queries in flight when the server stops, as a busy app has.
		const inFlight = Array.from({ length: 40 }, () => sql`SELECT pg_sleep(0.5)`.execute(database!.db).catch(() => undefined));
		await new Promise((resolve) => setTimeout(resolve, 100));
		stop();
		await Promise.all(inFlight);

		const started = performance.now();
		const failure = await ping().then(
			() => undefined,
			(err: unknown) => err
		);
		const failedAfter = performance.now() - started;
		expect(isDatabaseUnavailable(failure), String(failure)).toBe(true);
		expect(failedAfter).toBeLessThan(5_000);
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const response = errorResponse(failure);
		warn.mockRestore();
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toMatch(/^\d+$/);

		// A few more failures while away, as a busy app would meet (postgres.js backs off per failure).
		for (let attempt = 0; attempt < 5; attempt++) await ping().catch(() => undefined);

		start();
		const back = performance.now();
		let answered: number | undefined;
		while (performance.now() - back < 10_000) {
			answered = await ping().catch(() => undefined);
			if (answered === 1) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(answered).toBe(1);
		expect(performance.now() - back).toBeLessThan(5_000);
	}, 60_000);
});
