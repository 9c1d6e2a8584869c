/**
 * `npm run bench` (weight part, also `npx tsx scripts/bench-weight.ts`): the JavaScript the map page
 * (`/`, the demo place) makes a browser load, gzipped: its first load (what its HTML asks for and
 * that imports statically) and everything with its lazy imports (issue 17 part 5). The built app
 * (`npm run build` first) is started on a scratch embedded database seeded with the demo data, and
 * its HTML is read as a browser would get it; the sizes are the built files' (scripts/lib/js-weight).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './lib/free-port';
import { kb, pageJavaScript } from './lib/js-weight';

const root = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(path.join(root, 'build', 'index.js'))) {
	console.error('bench-weight: build/ is missing; run npm run build first');
	process.exit(1);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-weight-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base, PGLITE_DATA_DIR: dataDir };
delete env.DATABASE_URL;
const app = spawn(process.execPath, [path.join(root, 'build', 'index.js')], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
try {
	let html = '';
	for (let i = 0; i < 1200 && !html; i++) {
		try {
			const response = await fetch(`${base}/`);
			if (response.ok) html = await response.text();
		} catch {
			/* starting */
		}
		if (!html) await new Promise((r) => setTimeout(r, 250));
	}
	if (!html) throw new Error('bench-weight: the app did not answer / within 5 minutes');
	const { firstLoad, withLazy } = pageJavaScript(html, path.join(root, 'build', 'client'));
	console.log('\n# JavaScript of the map page (/), from the built files, gzipped (level 6):');
	console.log(`  first load: ${kb(firstLoad.gzipBytes)} in ${firstLoad.files} files (${kb(firstLoad.bytes)} raw)`);
	console.log(`  with lazy imports: ${kb(withLazy.gzipBytes)} in ${withLazy.files} files (${kb(withLazy.bytes)} raw)`);
} finally {
	const exited = new Promise((r) => app.once('exit', r));
	app.kill('SIGTERM');
	await exited;
	fs.rmSync(dataDir, { recursive: true, force: true });
}
