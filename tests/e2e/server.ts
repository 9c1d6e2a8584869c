/**
 * The built app as the e2e tier runs it: `node build/index.js` on a free port with its own empty
 * embedded database, exactly the path `npm start` takes after its build step.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { BUILD_ENTRY, buildState, ROOT, VITE_BIN } from '../../scripts/build-freshness.js';

export { ROOT };

/** Builds the app when build/ is missing or older than its sources (as `npm start` does). */
export function ensureBuilt(log: (line: string) => void): void {
	const state = buildState();
	if (state === 'fresh') return;
	log(state === 'stale' ? 'sources changed since the last build: rebuilding' : 'building the app');
	const started = Date.now();
	const result = spawnSync(process.execPath, [VITE_BIN, 'build'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe']
	});
	if (result.status !== 0) {
		throw new Error(`vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
	}
	log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export { freePort } from '../../scripts/lib/free-port';

export interface RunningServer {
	baseUrl: string;
	/** Everything the server printed, for failure messages. */
	output(): string;
	stop(): Promise<void>;
}

export interface ServerOptions {
	port: number;
	env: Record<string, string>;
	/** How long to wait for /api/health; PGlite's first start (PostGIS, migrations, demo seed) took ~45 s here. */
	readyTimeoutMs?: number;
}

/** Starts `node build/index.js` and resolves once GET /api/health answers "ok". */
export async function startServer({ port, env, readyTimeoutMs = 180_000 }: ServerOptions): Promise<RunningServer> {
	const baseUrl = `http://127.0.0.1:${port}`;
	const childEnv: Record<string, string> = {};
	for (const [k, v] of Object.entries(process.env)) {
		// Never let a developer's own database or basemap settings leak into the test server.
		if (v !== undefined && !/^(DATABASE_URL|PGLITE_DATA_DIR|BASEMAP_|SEED_ON_EMPTY|ORIGIN|PORT|HOST)/.test(k)) childEnv[k] = v;
	}
	Object.assign(childEnv, { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ORIGIN: baseUrl }, env);

	const child: ChildProcess = spawn(process.execPath, [BUILD_ENTRY], {
		cwd: ROOT,
		env: childEnv,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	let hasExited = false;
	void exited.then(() => (hasExited = true));

	const stop = async () => {
		if (hasExited) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		await exited;
		clearTimeout(timer);
	};

	const deadline = Date.now() + readyTimeoutMs;
	let lastProblem = 'no answer yet';
	while (Date.now() < deadline) {
		if (hasExited) {
			throw new Error(`the app exited before it was ready (code ${await exited}):\n${output}`);
		}
		try {
			const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
			const body = (await response.json()) as { status?: string };
			if (response.ok && body.status === 'ok') return { baseUrl, output: () => output, stop };
			lastProblem = `HTTP ${response.status} ${JSON.stringify(body)}`;
		} catch (err) {
			lastProblem = err instanceof Error ? err.message : String(err);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await stop();
	throw new Error(`the app did not become healthy within ${readyTimeoutMs / 1000} s (${lastProblem}):\n${output}`);
}
