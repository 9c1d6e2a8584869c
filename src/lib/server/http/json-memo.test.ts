import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, jsonResponse, memoisedJsonResponse } from './json-memo';

const HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'public, max-age=60' };
const layer = { type: 'FeatureCollection', features: Array.from({ length: 500 }, (_, i) => ({ type: 'Feature', id: `cell-${i}`, properties: { score: i / 7 } })) };

describe('acceptsGzip', () => {
	it.each([
		['gzip, deflate, br, zstd', true],
		['br;q=1.0, gzip;q=0.8', true],
		['*', true],
		['identity', false],
		['gzip;q=0', false],
		['deflate, br', false],
		[null, false]
	])('%s → %s', (header, expected) => expect(acceptsGzip(header)).toBe(expected));
});

describe('memoisedJsonResponse', () => {
	it('gzips for clients that accept it and the bytes decode to the same JSON', async () => {
		const response = await memoisedJsonResponse(layer, new Request('http://x/', { headers: { 'accept-encoding': 'gzip, br' } }), HEADERS);
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		expect(response.headers.get('cache-control')).toBe('public, max-age=60');
		const body = Buffer.from(await response.arrayBuffer());
		expect(body.length).toBeLessThan(JSON.stringify(layer).length / 4);
		expect(JSON.parse(zlib.gunzipSync(body).toString())).toEqual(layer);
	});

	it('sends plain JSON otherwise, with one ETag for the same object, and 304 when the client has it', async () => {
		const plain = await memoisedJsonResponse(layer, new Request('http://x/'), HEADERS);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.json()).toEqual(layer);
		const etag = plain.headers.get('etag');
		expect(etag).toMatch(/^"[\w-]+"$/);
		const again = await memoisedJsonResponse(layer, new Request('http://x/', { headers: { 'accept-encoding': 'gzip' } }), HEADERS);
		expect(again.headers.get('etag')).toBe(etag);
		const notModified = await memoisedJsonResponse(layer, new Request('http://x/', { headers: { 'if-none-match': `W/${etag}` } }), HEADERS);
		expect(notModified.status).toBe(304);
		expect(await notModified.text()).toBe('');
		const other = await memoisedJsonResponse({ ...layer, features: [] }, new Request('http://x/', { headers: { 'if-none-match': etag! } }), HEADERS);
		expect(other.status).toBe(200);
		expect(other.headers.get('etag')).not.toBe(etag);
	});
});

describe('jsonResponse', () => {
	it('gzips a large body for clients that accept it, and leaves small bodies and other clients plain', async () => {
		const gzipped = await jsonResponse(layer, new Request('http://x/', { headers: { 'accept-encoding': 'gzip' } }), HEADERS);
		expect(gzipped.headers.get('content-encoding')).toBe('gzip');
		expect(gzipped.headers.get('vary')).toBe('Accept-Encoding');
		expect(JSON.parse(zlib.gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString())).toEqual(layer);

		const plain = await jsonResponse(layer, new Request('http://x/'), HEADERS);
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.json()).toEqual(layer);

		const small = await jsonResponse({ ok: true }, new Request('http://x/', { headers: { 'accept-encoding': 'gzip' } }), HEADERS);
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(small.headers.get('content-type')).toBe('application/json');
		expect(await small.json()).toEqual({ ok: true });
	});
});
