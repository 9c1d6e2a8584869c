#!/usr/bin/env node
/**
 * `npm start`: builds the production app when the build is missing or older than the sources,
 * then serves it (adapter-node reads PORT, default 3000, and HOST).
 */
import { spawnSync } from 'node:child_process';
import { BUILD_ENTRY, buildState, ROOT, VITE_BIN } from './build-freshness.js';

const state = buildState();
if (state !== 'fresh') {
	console.log(state === 'stale' ? '[atlas] sources changed since the last build: rebuilding' : '[atlas] building the app');
	const result = spawnSync(process.execPath, [VITE_BIN, 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PORT ??= '3000';
// adapter-node assumes https when ORIGIN is unset, so on plain http every form post (sign-in
// included) failed SvelteKit's origin check and links the app writes (OGC next links) said https.
// Behind a proxy, set ORIGIN to the public address (e.g. https://atlas.example.org).
const host = !process.env.HOST || process.env.HOST === '0.0.0.0' || process.env.HOST === '::' ? 'localhost' : process.env.HOST;
process.env.ORIGIN ??= `http://${host}:${process.env.PORT}`;
console.log(`[atlas] serving on ${process.env.ORIGIN}`);
await import(BUILD_ENTRY);
