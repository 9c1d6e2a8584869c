/**
 * `npm run soak`: a database restart under load (issue 16, part 4), on a throwaway cluster.
 *
 * Makes its own PostgreSQL 15 cluster (initdb on a free port in a temporary folder, as the
 * `postgres` user when run as root, because initdb refuses root), migrates it with a planner
 * account, starts the built app against it, and for SOAK_SECONDS (60) runs 50 clients on
 * GET /api/places/<id>/macro-assets beside a few writers creating scenarios, each with a unique
 * name chosen here. Half way through it runs `pg_ctl restart -m fast`. It reports errors before
 * and after, what the app answered while the server was away, the time to recover, and the write
 * ledger: every acknowledged scenario must be in the database exactly once.
 * The machine's shared server (port 5432) is never touched.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../src/lib/server/db/index';
import { migrate } from '../src/lib/server/db/migrator';
import { createAccount } from '../src/lib/server/auth/service';
import { SYSTEM_ACTOR } from '../src/lib/server/audit/log';
import { ensureBuilt, startServer, type RunningServer } from '../tests/e2e/server';
import { freePort } from './lib/free-port';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const READERS = Number(process.env.SOAK_CLIENTS ?? 50);
const WRITERS = 3;
/** A request not answered in this long counts as a timeout (the issue saw 193 of them). */
const REQUEST_TIMEOUT_MS = Number(process.env.SOAK_REQUEST_TIMEOUT_MS ?? 10_000);
const PLANNER = { username: 'soak.planner', password: 'soak planner passphrase', role: 'planner' as const };
const ROOT = path.resolve(import.meta.dirname, '..');

const log = (line: string) => console.log(`[soak] ${line}`);

/** Runs a PostgreSQL tool, as the postgres user when we are root. */
function pgTool(tool: string, args: string[]): string {
	const command = path.join(PG_BIN, tool);
	const asRoot = process.getuid?.() === 0;
	const result = asRoot
		? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
		: spawnSync(command, args, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
	return result.stdout;
}

/** pgTool without blocking the event loop: the load must go on while the server restarts. */
async function pgToolAsync(tool: string, args: string[]): Promise<void> {
	const command = path.join(PG_BIN, tool);
	const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
	await promisify(execFile)(file, argv);
}

interface Sample {
	readonly start: number;
	readonly end: number;
	/** HTTP status, or 0 for a timeout and -1 for a network error. */
	readonly status: number;
	readonly retryAfter: boolean;
}

interface Write {
	readonly name: string;
	readonly start: number;
	readonly status: number;
}

async function timed(url: string, init: RequestInit): Promise<{ status: number; retryAfter: boolean; body: string }> {
	try {
		const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
		const body = await response.text();
		return { status: response.status, retryAfter: response.headers.has('retry-after'), body };
	} catch (err) {
		const name = (err as Error).name;
		return { status: name === 'TimeoutError' || name === 'AbortError' ? 0 : -1, retryAfter: false, body: '' };
	}
}

function summarise(samples: readonly Sample[]): string {
	const by = new Map<string, number>();
	for (const sample of samples) {
		const key = sample.status === 0 ? 'timeout' : sample.status === -1 ? 'network' : String(sample.status);
		by.set(key, (by.get(key) ?? 0) + 1);
	}
	const slowest = samples.reduce((max, sample) => Math.max(max, sample.end - sample.start), 0);
	return `${samples.length} requests (${[...by].map(([key, count]) => `${key}: ${count}`).join(', ') || 'none'}), slowest ${slowest} ms`;
}

async function main() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-soak-'));
	const dataDir = path.join(folder, 'data');
	if (process.getuid?.() === 0) fs.chownSync(folder, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), 0);
	fs.chmodSync(folder, 0o755);
	const port = await freePort();
	let server: RunningServer | undefined;
	let clusterStarted = false;
	try {
		pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
		const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=100`;
		pgTool('pg_ctl', ['-D', dataDir, '-l', path.join(folder, 'server.log'), '-w', '-o', options, 'start']);
		clusterStarted = true;
		log(`throwaway cluster on port ${port} in ${folder}`);

		const admin = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
		await admin.unsafe('CREATE DATABASE atlas');
		await admin.end();
		const url = `postgres://postgres@127.0.0.1:${port}/atlas`;
		const database = await openDatabase({ databaseUrl: url, maxConnections: 1 });
		try {
			await migrate(database.db, path.join(ROOT, 'migrations'));
			await createAccount(database.db, SYSTEM_ACTOR, { ...PLANNER, displayName: 'Soak planner' });
		} finally {
			await database.close();
		}

		ensureBuilt(log);
		const appPort = await freePort();
		server = await startServer({ port: appPort, env: { DATABASE_URL: url, SEED_ON_EMPTY: 'true' } });
		const base = server.baseUrl;
		const places = (await (await fetch(`${base}/api/places`)).json()) as { places: Array<{ id: string }> };
		const place = places.places[0]!.id;
		const signIn = await fetch(`${base}/signin`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'text/html' },
			body: new URLSearchParams({ username: PLANNER.username, password: PLANNER.password, next: '/' })
		});
		const cookie = /atlas_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0];
		if (!cookie) throw new Error(`sign-in failed: ${signIn.status}`);
		log(`app at ${base}; ${READERS} readers and ${WRITERS} writers for ${SECONDS} s on place ${place}`);

		const run = Date.now().toString(36);
		const started = Date.now();
		const end = started + SECONDS * 1000;
		const samples: Sample[] = [];
		const writes: Write[] = [];
		const reader = async () => {
			while (Date.now() < end) {
				const start = Date.now();
				const answer = await timed(`${base}/api/places/${place}/macro-assets`, { headers: { accept: 'application/geo+json' } });
				samples.push({ start, end: Date.now(), status: answer.status, retryAfter: answer.retryAfter });
				// A client told to retry waits a moment, as a well-behaved one would (not the full Retry-After).
				if (answer.status === 503) await new Promise((r) => setTimeout(r, 200));
			}
		};
		let counter = 0;
		const writer = async () => {
			while (Date.now() < end) {
				const name = `soak ${run} ${++counter}`;
				const start = Date.now();
				const answer = await timed(`${base}/api/scenarios`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: base, cookie, accept: 'application/json' },
					body: JSON.stringify({ place, name })
				});
				writes.push({ name, start, status: answer.status });
				await new Promise((r) => setTimeout(r, 1_500));
			}
		};
		let restartAt = 0;
		let backAt = 0;
		const restarter = async () => {
			await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 2));
			restartAt = Date.now();
			// -l keeps the new server's output off our pipes (execFile would otherwise wait for them to close).
			await pgToolAsync('pg_ctl', ['-D', dataDir, '-l', path.join(folder, 'server.log'), '-w', '-m', 'fast', '-o', options, 'restart']);
			backAt = Date.now();
			log(`pg_ctl restart -m fast took ${backAt - restartAt} ms`);
		};
		await Promise.all([...Array.from({ length: READERS }, reader), ...Array.from({ length: WRITERS }, writer), restarter()]);

		const ok = (sample: Sample) => sample.status >= 200 && sample.status < 400;
		const before = samples.filter((sample) => sample.end < restartAt);
		const outage = samples.filter((sample) => sample.end >= restartAt && sample.start <= backAt);
		const after = samples.filter((sample) => sample.start > backAt);
		const firstGood = after.filter(ok).reduce((min, sample) => Math.min(min, sample.end), Infinity);
		const afterFiveSeconds = after.filter((sample) => sample.start > backAt + 5_000);
		const unavailable = samples.filter((sample) => sample.status === 503);

		const checker = postgres(url, { max: 1, onnotice: () => {} });
		const stored = await checker<{ name: string; copies: number }[]>`
			SELECT name, count(*)::int AS copies FROM scenario WHERE name LIKE ${`soak ${run} %`} GROUP BY name`;
		const copies = new Map(stored.map((row) => [row.name, row.copies]));
		const acknowledged = writes.filter((write) => write.status === 201);
		const lost = acknowledged.filter((write) => !copies.has(write.name));
		const twice = [...copies].filter(([, count]) => count > 1);
		const refused = writes.filter((write) => write.status !== 201);
		const refusedButStored = refused.filter((write) => copies.has(write.name));
		// A refused write may still have committed (the answer, not the write, was lost). Sent again
		// with the same name it is either stored now (201) or found already stored (422, names are
		// unique per place): never stored twice.
		const retried = new Map<number, number>();
		for (const write of writes.filter((w) => w.status !== 201)) {
			const answer = await timed(`${base}/api/scenarios`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: base, cookie, accept: 'application/json' },
				body: JSON.stringify({ place, name: write.name })
			});
			const status = answer.status === 422 && /already exists/.test(answer.body) ? 409 : answer.status;
			retried.set(status, (retried.get(status) ?? 0) + 1);
		}

		const final = await checker<{ name: string; copies: number }[]>`
			SELECT name, count(*)::int AS copies FROM scenario WHERE name LIKE ${`soak ${run} %`} GROUP BY name`;
		await checker.end();
		const storedOnce = writes.filter((write) => final.find((row) => row.name === write.name)?.copies === 1).length;

		console.log('');
		log(`data: the demo place (${place}), ${SECONDS} s, ${READERS} readers, ${WRITERS} writers`);
		log(`before the restart: ${summarise(before)}; errors: ${before.filter((s) => !ok(s)).length}`);
		log(`while the server was away (${backAt - restartAt} ms): ${summarise(outage)}`);
		log(`503 answers with Retry-After: ${unavailable.filter((s) => s.retryAfter).length} of ${unavailable.length}`);
		log(`after it was back: ${summarise(after)}`);
		log(`first success ${Number.isFinite(firstGood) ? `${firstGood - backAt} ms` : 'NEVER'} after pg_ctl returned`);
		log(`from 5 s after it was back: ${summarise(afterFiveSeconds)}; errors: ${afterFiveSeconds.filter((s) => !ok(s)).length}`);
		const refusedBy = new Map<number, number>();
		for (const write of refused) refusedBy.set(write.status, (refusedBy.get(write.status) ?? 0) + 1);
		log(
			`writes: ${writes.length} sent, ${acknowledged.length} acknowledged (201), ${refused.length} refused ` +
				`(${[...refusedBy].map(([status, count]) => `${status || 'timeout'}: ${count}`).join(', ') || 'none'})`
		);
		log(
			`ledger: acknowledged but missing ${lost.length}; stored twice ${twice.length}; ` +
				`refused yet stored (committed, answer lost) ${refusedButStored.length}`
		);
		log(
			`refused writes sent again with the same name: ${[...retried].map(([status, count]) => `${status === 409 ? 'already stored (422)' : status}: ${count}`).join(', ') || 'none'}`
		);
		const failed =
			before.some((s) => !ok(s)) ||
			afterFiveSeconds.some((s) => !ok(s)) ||
			!Number.isFinite(firstGood) ||
			firstGood - backAt > 5_000 ||
			lost.length > 0 ||
			twice.length > 0 ||
			storedOnce !== writes.length;
		log(`after the retries: ${storedOnce} of ${writes.length} writes stored exactly once`);
		log(failed ? 'FAILED' : 'passed');
		if (failed || process.env.SOAK_LOG === '1') console.log(`--- app output (last 40 lines) ---\n${server.output().split('\n').slice(-40).join('\n')}`);
		process.exitCode = failed ? 1 : 0;
	} finally {
		await server?.stop();
		if (clusterStarted) {
			try {
				pgTool('pg_ctl', ['-D', dataDir, '-w', '-m', 'fast', 'stop']);
			} catch (err) {
				console.error(err);
			}
		}
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

await main();
