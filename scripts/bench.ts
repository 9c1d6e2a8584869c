/**
 * `npm run bench`: measured speed, not timed tests. Prints figures with the machine they ran on.
 *
 *  start-up  cold: `node build` on an empty embedded database (create PostGIS, migrate, load demo
 *            data) until /api/health answers; warm: the same folder started again.
 *  api       latency of the read endpoints on the warm server (sequential, after a warm-up).
 *
 * Run `npm run build` first if the sources changed (npm start does this for you).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './lib/free-port';

const root = path.resolve(import.meta.dirname, '..');

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string; ms: number }> {
	const port = await freePort();
	const started = performance.now();
	const child = spawn(process.execPath, [path.join(root, 'build', 'index.js')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PGLITE_DATA_DIR: dataDir, DATABASE_URL: '' },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		try {
			const res = await fetch(`${url}/api/health`);
			if (res.ok) return { child, url, ms: performance.now() - started };
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

async function stop(child: ChildProcess) {
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await exited;
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function latency(url: string, runs = 50) {
	await fetch(url).then((r) => r.arrayBuffer());
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		const res = await fetch(url);
		await res.arrayBuffer();
		if (!res.ok) throw new Error(`${url} answered ${res.status}`);
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

await fs.access(path.join(root, 'build', 'index.js')).catch(() => {
	console.error('no build: run `npm run build` (or `npm start` once) first');
	process.exit(2);
});
const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-bench-'));
const dataDir = path.join(workDir, 'pglite');
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
try {
	const cold = await startServer(dataDir);
	await stop(cold.child);
	const warm = await startServer(dataDir);
	console.log(`start-up (embedded, demo data): cold ${(cold.ms / 1000).toFixed(1)} s, warm ${(warm.ms / 1000).toFixed(1)} s`);
	try {
		const places = (await (await fetch(`${warm.url}/api/places`)).json()) as { places?: { id: string }[] } | { id: string }[];
		const list = Array.isArray(places) ? places : (places.places ?? []);
		const first = list[0]?.id;
		const endpoints = [
			'/api/health',
			'/api/places',
			...(first
				? [
						`/api/places/${first}/macro-assets`,
						`/api/layers/resident-skills?place=${first}&skill=all&readiness=any`,
						`/?place=${first}`
					]
				: [])
		];
		for (const endpoint of endpoints) {
			const { p50, p95 } = await latency(`${warm.url}${endpoint}`);
			console.log(`GET ${endpoint}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (50 sequential requests)`);
		}
	} finally {
		await stop(warm.child);
	}
} finally {
	await fs.rm(workDir, { recursive: true, force: true });
}
