/**
 * Whether build/ is older than the sources it was built from: used by `npm start` and by the
 * browser tests, so that both serve what the sources say.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BUILD_ENTRY = path.join(ROOT, 'build', 'index.js');
export const VITE_BIN = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const BUILD_INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

/** @param {string} entry @returns {number} */
function newestMtime(entry) {
	const full = path.join(ROOT, entry);
	if (!fs.existsSync(full)) return 0;
	const stat = fs.statSync(full);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
	return newest;
}

/** @returns {'missing' | 'stale' | 'fresh'} */
export function buildState() {
	if (!fs.existsSync(BUILD_ENTRY)) return 'missing';
	return fs.statSync(BUILD_ENTRY).mtimeMs < Math.max(...BUILD_INPUTS.map(newestMtime)) ? 'stale' : 'fresh';
}
