/**
 * How much JavaScript a page of the built app makes a browser load (issue 17 part 5): the files its
 * HTML asks for (the start script's imports and the route's nodes, `node_ids`) with everything they
 * import statically (the first load), and, besides, everything reachable through lazy `import()`s
 * (a quoted relative `.js` path anywhere in a chunk: Vite lists a lazy import's chunks that way).
 * Sizes are of the files in build/client, raw and gzipped (zlib level 6, as a typical server).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface JsWeight {
	files: number;
	bytes: number;
	gzipBytes: number;
}

const IMMUTABLE = /_app\/immutable\/[^"'\s)]+?\.js/g;
/** `import … from"./x.js"`, `import"./x.js"`, `export … from"./x.js"`: what loads with the chunk. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+?\.js)["']/g;
/** Any quoted relative chunk path: static imports, lazy `import("./x.js")` and Vite's dependency lists. */
const ANY_CHUNK = /["'](\.{1,2}\/[^"']+?\.js)["']/g;

function weigh(clientDir: string, files: Set<string>): JsWeight {
	let bytes = 0;
	let gzipBytes = 0;
	for (const file of files) {
		const content = fs.readFileSync(path.join(clientDir, file));
		bytes += content.length;
		gzipBytes += zlib.gzipSync(content, { level: 6 }).length;
	}
	return { files: files.size, bytes, gzipBytes };
}

/** Files reachable from `start` by `pattern`; other routes' nodes (app.js lists them all) are not followed. */
function closure(clientDir: string, start: Iterable<string>, pattern: RegExp): Set<string> {
	const seen = new Set<string>();
	const routeNodes = new Set([...start].filter((file) => file.includes('/nodes/')));
	const queue = [...start];
	while (queue.length) {
		const file = queue.pop()!;
		if (seen.has(file) || !fs.existsSync(path.join(clientDir, file))) continue;
		if (file.includes('/nodes/') && !routeNodes.has(file)) continue;
		seen.add(file);
		const text = fs.readFileSync(path.join(clientDir, file), 'utf8');
		for (const match of text.matchAll(pattern)) queue.push(path.posix.join(path.posix.dirname(file), match[1]!));
	}
	return seen;
}

/** The JavaScript of the page whose HTML is `html`, first load and with its lazy imports, from the built client. */
export function pageJavaScript(html: string, clientDir: string): { firstLoad: JsWeight; withLazy: JsWeight } {
	const entries = new Set([...html.matchAll(IMMUTABLE)].map((m) => m[0]));
	// The route's layout and page nodes, which the start script imports by number.
	const ids = /node_ids:\s*\[([\d,\s]*)\]/.exec(html)?.[1]?.split(',').map((id) => id.trim()) ?? [];
	const nodes = fs.readdirSync(path.join(clientDir, '_app', 'immutable', 'nodes'));
	for (const id of ids) {
		const file = nodes.find((name) => name.startsWith(`${id}.`) && name.endsWith('.js'));
		if (file) entries.add(`_app/immutable/nodes/${file}`);
	}
	const first = closure(clientDir, entries, STATIC_IMPORT);
	const all = closure(clientDir, first, ANY_CHUNK);
	return { firstLoad: weigh(clientDir, first), withLazy: weigh(clientDir, all) };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
