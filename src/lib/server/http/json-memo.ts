/**
 * Responses for memoised answers (a published layer, a score layer): a 5,000-cell layer is
 * megabytes of JSON, so its bytes, their gzip and their ETag are made once per memoised object and
 * served to every client that asks. Browsers all accept gzip, which makes such a layer about a
 * tenth of the size (1.75 MB → 0.18 MB for 5,120 score cells); adapter-node compresses nothing
 * itself.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);

interface Encoded {
	readonly json: Uint8Array<ArrayBuffer>;
	readonly etag: string;
	gzipped?: Promise<Uint8Array<ArrayBuffer>>;
}
const encodings = new WeakMap<object, Encoded>();

function encoded(value: object): Encoded {
	let entry = encodings.get(value);
	if (!entry) {
		const json = Buffer.from(JSON.stringify(value));
		entry = { json, etag: `"${crypto.createHash('sha1').update(json).digest('base64url')}"` };
		encodings.set(value, entry);
	}
	return entry;
}

/** Whether an Accept-Encoding header allows gzip (not refused with q=0). */
export function acceptsGzip(header: string | null): boolean {
	if (!header) return false;
	return header.split(',').some((part) => {
		const [coding, ...params] = part.trim().toLowerCase().split(';');
		if (coding !== 'gzip' && coding !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

/**
 * The JSON response for a memoised value: gzipped when the client accepts it, 304 when the client
 * already has these bytes (If-None-Match), with `headers` (content type, cache control) added.
 */
export async function memoisedJsonResponse(value: object, request: Request, headers: Record<string, string>): Promise<Response> {
	const entry = encoded(value);
	const common = { ...headers, ETag: entry.etag, Vary: 'Accept-Encoding' };
	const known = request.headers.get('if-none-match');
	if (known && known.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag)) return new Response(null, { status: 304, headers: common });
	if (acceptsGzip(request.headers.get('accept-encoding'))) {
		entry.gzipped ??= gzip(entry.json, { level: 6 });
		return new Response(await entry.gzipped, { headers: { ...common, 'Content-Encoding': 'gzip' } });
	}
	return new Response(entry.json, { headers: common });
}

/**
 * A JSON response made for this request only (a page of OGC items): gzipped when the client
 * accepts it and the body is big enough to gain, so GIS clients and the load they put on two cores
 * move a fifth of the bytes.
 */
export async function jsonResponse(value: unknown, request: Request, headers: Record<string, string>): Promise<Response> {
	const json = Buffer.from(JSON.stringify(value));
	if (json.length < 1024 || !acceptsGzip(request.headers.get('accept-encoding'))) return new Response(json, { headers: { ...headers, Vary: 'Accept-Encoding' } });
	return new Response(await gzip(json, { level: 4 }), { headers: { ...headers, Vary: 'Accept-Encoding', 'Content-Encoding': 'gzip' } });
}
