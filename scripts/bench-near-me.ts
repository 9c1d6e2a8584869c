/**
 * `npm run bench` (near-me part, also `npx tsx scripts/bench-near-me.ts`): issue 13's figures.
 * The built app (`npm run build` first) on a real PostgreSQL server (BENCH_DATABASE_URL, default
 * the local one; a scratch database with the demo data is made and dropped):
 *  - the /near-me list view's JavaScript, gzipped, as headless chromium loads it (the map is not
 *    loaded until asked): goal under 100 KB;
 *  - the page's HTML with its list (a neighbourhood chosen): goal under 50 KB;
 *  - GET /api/near-me with 50 concurrent clients (autocannon) over neighbourhoods, postcodes,
 *    cells and interests: p50/p95/p99, goal p95 under 100 ms;
 *  - the same load on GET /api/health (two one-row queries, a small JSON body) in the same run, as
 *    a reference: on a shared, noisy machine the ratio says more than the milliseconds.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { freePort } from './lib/free-port';
import { launchChromium } from '../tests/e2e/browser';
import { openDatabase } from '../src/lib/server/db/index';
import { migrate } from '../src/lib/server/db/migrator';
import { seedDemoDataIfEmpty } from '../src/lib/server/seed/index';
import { nearMeChoices } from '../src/lib/server/near-me/service';

const root = path.resolve(import.meta.dirname, '..');
const CONNECTIONS = 50;
const SECONDS = 10;
const gz = (bytes: Buffer | string) => zlib.gzipSync(bytes, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (!fs.existsSync(path.join(root, 'build', 'index.js'))) {
	console.error('bench-near-me: build/ is missing; run npm run build first');
	process.exit(1);
}
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
try {
	await admin`SELECT 1`;
} catch (err) {
	console.log(`# Near-me benchmark: skipped, no PostgreSQL server at ${serverUrl} (${(err as Error).message}); set BENCH_DATABASE_URL`);
	process.exit(0);
}
const scratch = `atlas_bench_near_me_${process.pid}`;
await admin.unsafe(`CREATE DATABASE ${scratch}`);
const url = new URL(serverUrl);
url.pathname = `/${scratch}`;
console.log(`# Near-me benchmark — ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, PostgreSQL ${(await admin`SHOW server_version`)[0]!.server_version}`);

let app: ReturnType<typeof spawn> | undefined;
try {
	const database = await openDatabase({ databaseUrl: url.toString() });
	await migrate(database.db, path.join(root, 'migrations'));
	await seedDemoDataIfEmpty(database.db);
	const choices = await nearMeChoices(database.db);
	await database.close();

	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	app = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base, DATABASE_URL: url.toString(), BASEMAP_STYLE_URL: '' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 600; i++) {
		try {
			if ((await fetch(`${base}/api/health`)).ok) break;
		} catch {
			/* starting */
		}
		await new Promise((r) => setTimeout(r, 100));
	}

	const listPath = `/near-me?area=${choices.areas[0]!.id}`;
	const html = Buffer.from(await (await fetch(`${base}${listPath}`, { headers: { accept: 'text/html' } })).arrayBuffer());
	console.log(`\nHTML of ${listPath} with its list: ${kb(html.length)} (${kb(gz(html))} gzipped) — goal < 50 KB`);

	const chromiumPath = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
	if (fs.existsSync(chromiumPath)) {
		const browser = await launchChromium(chromiumPath);
		try {
			const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
			// Every JavaScript file the page fetches (entry, modulepreloads, imports), by URL, gzipped.
			const scripts = new Map<string, number>();
			const pending: Promise<void>[] = [];
			page.on('response', (response) => {
				if (!new URL(response.url()).pathname.endsWith('.js')) return;
				pending.push(
					response
						.body()
						.then((body) => void scripts.set(response.url(), gz(body)))
						.catch(() => undefined)
				);
			});
			await page.goto(`${base}${listPath}`, { waitUntil: 'networkidle' });
			await Promise.all(pending.splice(0));
			const total = [...scripts.values()].reduce((sum, n) => sum + n, 0);
			const mapLoaded = [...scripts.keys()].some((u) => /maplibre|NearMeMap|BaseMap/i.test(u));
			console.log(`list view JavaScript: ${scripts.size} files, ${kb(total)} gzipped (map code loaded: ${mapLoaded ? 'yes' : 'no'}) — goal < 100 KB`);
			for (const [file, size] of [...scripts].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${kb(size).padStart(9)}  ${new URL(file).pathname}`);
			scripts.clear();
			await page.click('[data-testid="show-map"]');
			await page.waitForSelector('[data-testid="near-me-map"][data-map-ready="true"]', { timeout: 120_000 });
			await Promise.all(pending.splice(0));
			const mapTotal = [...scripts.values()].reduce((sum, n) => sum + n, 0);
			console.log(`the map, when asked for: ${scripts.size} more files, ${kb(mapTotal)} gzipped`);
		} finally {
			await browser.close();
		}
	} else {
		console.log(`list view JavaScript: skipped, no chromium at ${chromiumPath}`);
	}

	const paths: string[] = [];
	const interests = ['', 'jobs', 'training', 'business', 'abroad'];
	for (const interest of interests) {
		const suffix = interest ? `&interest=${interest}` : '';
		for (const area of choices.areas) paths.push(`/api/near-me?area=${area.id}${suffix}`);
		for (const postcode of choices.postcodes) paths.push(`/api/near-me?postcode=${encodeURIComponent(postcode)}${suffix}`);
		for (let i = 1068; i <= 1087; i += 3) for (let j = 659; j <= 670; j += 3) paths.push(`/api/near-me?cell=hex250:${i}:${j}${suffix}`);
	}
	let ok = 0;
	for (const p of paths) if ((await fetch(`${base}${p}`)).ok) ok += 1;
	/** `paths` in turn, CONNECTIONS at a time, for SECONDS: p50/p95/p99 in ms and requests a second. */
	const load = async (list: string[]) => {
		let next = 0;
		const times: number[] = [];
		let errors = 0;
		const result = await new Promise<autocannon.Result>((resolve, reject) => {
			const instance = autocannon(
				{
					url: base,
					connections: CONNECTIONS,
					headers: { 'accept-encoding': 'gzip, deflate, br' },
					duration: SECONDS,
					requests: [{ setupRequest: (req) => ({ ...req, path: list[next++ % list.length]! }) }]
				},
				(err, done) => (err ? reject(err) : resolve(done))
			);
			instance.on('response', (_client, status, _bytes, responseTime) => {
				if (status !== 200) errors += 1;
				times.push(responseTime);
			});
		});
		times.sort((a, b) => a - b);
		const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
		return { p50: at(0.5), p95: at(0.95), p99: at(0.99), rate: Math.round(result.requests.average), errors };
	};
	const nearMe = await load(paths);
	const health = await load(['/api/health']);
	const line = (r: Awaited<ReturnType<typeof load>>) =>
		`p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.rate} req/s${r.errors ? `, ${r.errors} not 200` : ''}`;
	console.log(
		`\nGET /api/near-me, ${CONNECTIONS} concurrent clients, ${SECONDS} s, ${paths.length} distinct queries (${ok} answer 200): ${line(nearMe)} — goal p95 < 100 ms`
	);
	console.log(`GET /api/health (reference, same run and load): ${line(health)}`);
	console.log(`near-me / health: p50 ×${(nearMe.p50 / health.p50).toFixed(2)}, p95 ×${(nearMe.p95 / health.p95).toFixed(2)}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
	app?.kill();
	await admin.unsafe(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(() => undefined);
	await admin.end();
}
