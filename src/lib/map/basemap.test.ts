import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import {
	absolutiseStyle,
	chooseBasemap,
	fallbackStyle,
	FALLBACK_BACKGROUND,
	isUsableStyle,
	resolveStyleUrl,
	withProjectLayers
} from './basemap';

const STYLE_URL = 'https://tiles.example.org/styles/light/style.json';

const remoteStyle: StyleSpecification = {
	version: 8,
	sources: { streets: { type: 'vector', url: 'https://tiles.example.org/planet' } },
	glyphs: 'https://tiles.example.org/fonts/{fontstack}/{range}.pbf',
	layers: [{ id: 'water', type: 'fill', source: 'streets', 'source-layer': 'water' }]
};

function answering(body: unknown, ok = true) {
	return async () => ({ ok, json: async () => body });
}

describe('fallbackStyle', () => {
	it('is a background and nothing that needs the network', () => {
		const style = fallbackStyle();
		expect(style.layers).toEqual([
			{ id: 'background', type: 'background', paint: { 'background-color': FALLBACK_BACKGROUND } }
		]);
		expect(style.sources).toEqual({});
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		expect(isUsableStyle(style)).toBe(true);
	});
});

describe('isUsableStyle', () => {
	it.each([
		['null', null],
		['a string', 'style'],
		['an empty object', {}],
		['version 7', { ...remoteStyle, version: 7 }],
		['no layers', { ...remoteStyle, layers: [] }],
		['sources as an array', { ...remoteStyle, sources: [] }],
		['a layer without an id', { ...remoteStyle, layers: [{ type: 'background' }] }]
	])('refuses %s', (_what, value) => {
		expect(isUsableStyle(value)).toBe(false);
	});

	it('accepts a version 8 style with sources and layers', () => {
		expect(isUsableStyle(remoteStyle)).toBe(true);
	});
});

describe('chooseBasemap', () => {
	it('uses the fetched style when it is usable', async () => {
		const choice = await chooseBasemap(STYLE_URL, answering(remoteStyle));
		expect(choice).toEqual({ kind: 'basemap', style: remoteStyle });
	});

	it('falls back without fetching when no style is configured', async () => {
		let fetched = false;
		const choice = await chooseBasemap('', async () => {
			fetched = true;
			return { ok: true, json: async () => remoteStyle };
		});
		expect(fetched).toBe(false);
		expect(choice).toEqual({ kind: 'fallback', style: fallbackStyle(), reason: 'not_configured' });
	});

	it('falls back when the network fails', async () => {
		const choice = await chooseBasemap(STYLE_URL, async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(choice).toMatchObject({ kind: 'fallback', reason: 'unreachable' });
	});

	it('falls back on an HTTP error', async () => {
		expect(await chooseBasemap(STYLE_URL, answering({}, false))).toMatchObject({ kind: 'fallback', reason: 'unreachable' });
	});

	it('falls back when the body is not JSON', async () => {
		const choice = await chooseBasemap(STYLE_URL, async () => ({
			ok: true,
			json: async () => {
				throw new SyntaxError('Unexpected token <');
			}
		}));
		expect(choice).toMatchObject({ kind: 'fallback', reason: 'unreachable' });
	});

	it('falls back when the style is empty', async () => {
		expect(await chooseBasemap(STYLE_URL, answering({ version: 8, sources: {}, layers: [] }))).toMatchObject({
			kind: 'fallback',
			reason: 'invalid'
		});
	});

	it('gives up after the timeout when the server never answers', async () => {
		const started = Date.now();
		const choice = await chooseBasemap(
			STYLE_URL,
			(_url, init) =>
				new Promise((_resolve, reject) => {
					init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
				}),
			50
		);
		expect(choice).toMatchObject({ kind: 'fallback', reason: 'unreachable' });
		expect(Date.now() - started).toBeLessThan(2000);
	});
});

describe('absolutiseStyle', () => {
	it('resolves relative URLs against the style URL and keeps URL templates intact', () => {
		const style = absolutiseStyle(
			{
				version: 8,
				sprite: '../sprites/light',
				glyphs: '/fonts/{fontstack}/{range}.pbf',
				sources: {
					streets: { type: 'vector', url: 'planet.json' },
					hills: { type: 'raster', tiles: ['tiles/{z}/{x}/{y}.png', 'https://cdn.example.com/{z}/{x}/{y}.png'] }
				},
				layers: [{ id: 'bg', type: 'background' }]
			},
			STYLE_URL
		);
		expect(style.sprite).toBe('https://tiles.example.org/styles/sprites/light');
		expect(style.glyphs).toBe('https://tiles.example.org/fonts/{fontstack}/{range}.pbf');
		expect(style.sources.streets).toEqual({ type: 'vector', url: 'https://tiles.example.org/styles/light/planet.json' });
		expect(style.sources.hills).toEqual({
			type: 'raster',
			tiles: ['https://tiles.example.org/styles/light/tiles/{z}/{x}/{y}.png', 'https://cdn.example.com/{z}/{x}/{y}.png']
		});
	});

	it('leaves absolute and non-HTTP URLs alone', () => {
		expect(resolveStyleUrl('https://a.example/x', STYLE_URL)).toBe('https://a.example/x');
		expect(resolveStyleUrl('pmtiles://https://a.example/x.pmtiles', STYLE_URL)).toBe('pmtiles://https://a.example/x.pmtiles');
		expect(absolutiseStyle(remoteStyle, STYLE_URL)).toEqual(remoteStyle);
	});

	it('resolves sprite lists', () => {
		const style = absolutiseStyle({ ...remoteStyle, sprite: [{ id: 'default', url: 'sprite' }] }, STYLE_URL);
		expect(style.sprite).toEqual([{ id: 'default', url: 'https://tiles.example.org/styles/light/sprite' }]);
	});
});

describe('withProjectLayers', () => {
	it('adds the project sources and draws the project layers last', () => {
		const style = withProjectLayers(remoteStyle, {
			sources: { 'atlas-sites': { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } },
			layers: [{ id: 'atlas-site-fill', type: 'fill', source: 'atlas-sites' }]
		});
		expect(Object.keys(style.sources)).toEqual(['streets', 'atlas-sites']);
		expect(style.layers.map((l) => l.id)).toEqual(['water', 'atlas-site-fill']);
		expect(style.glyphs).toBe(remoteStyle.glyphs);
		expect(remoteStyle.layers).toHaveLength(1);
	});
});
