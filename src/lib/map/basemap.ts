/**
 * Choosing the basemap. The configured style is fetched with a short timeout; when it cannot be
 * fetched (no internet, a venue's captive network), or what comes back is not a usable MapLibre
 * style, the map falls back to a plain background and still draws the project's own layers.
 * The map must never be blank because someone else's tile server is out of reach.
 */
import type { StyleSpecification } from 'maplibre-gl';

/** A warm light grey: enough contrast for the translucent site fills and dark outlines on a projector. */
export const FALLBACK_BACKGROUND = '#eceae4';

/** Long enough for a slow conference Wi-Fi, short enough that a dead network is not a blank wait. */
export const BASEMAP_TIMEOUT_MS = 4000;

/** A style with only a background layer: needs no network, no glyphs, no sprite. */
export function fallbackStyle(): StyleSpecification {
	return {
		version: 8,
		name: 'Asset Atlas plain background',
		sources: {},
		layers: [{ id: 'background', type: 'background', paint: { 'background-color': FALLBACK_BACKGROUND } }]
	};
}

export type BasemapChoice =
	| { kind: 'basemap'; style: StyleSpecification }
	| { kind: 'fallback'; style: StyleSpecification; reason: 'not_configured' | 'unreachable' | 'invalid' };

/** Enough of the style spec to be worth handing to MapLibre: version 8, sources, and some layers. */
export function isUsableStyle(value: unknown): value is StyleSpecification {
	if (!value || typeof value !== 'object') return false;
	const style = value as Record<string, unknown>;
	return (
		style.version === 8 &&
		!!style.sources &&
		typeof style.sources === 'object' &&
		!Array.isArray(style.sources) &&
		Array.isArray(style.layers) &&
		style.layers.length > 0 &&
		style.layers.every((layer) => !!layer && typeof layer === 'object' && typeof (layer as { id?: unknown }).id === 'string')
	);
}

/**
 * Resolves a URL found in a style against the style's own URL, as MapLibre does when it loads a
 * style by URL itself. Absolute URLs (any scheme) are left alone; `{z}`-style tokens survive.
 */
export function resolveStyleUrl(value: string, styleUrl: string): string {
	if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
	return new URL(value, styleUrl).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

/** A copy of a fetched style whose relative sprite, glyph, source and tile URLs are made absolute. */
export function absolutiseStyle(style: StyleSpecification, styleUrl: string): StyleSpecification {
	const resolve = (u: string) => resolveStyleUrl(u, styleUrl);
	const sources: StyleSpecification['sources'] = {};
	for (const [id, source] of Object.entries(style.sources)) {
		const copy = { ...source } as Record<string, unknown>;
		if (typeof copy.url === 'string') copy.url = resolve(copy.url);
		if (Array.isArray(copy.tiles)) copy.tiles = copy.tiles.map((t) => (typeof t === 'string' ? resolve(t) : t));
		if (typeof copy.data === 'string') copy.data = resolve(copy.data);
		sources[id] = copy as unknown as StyleSpecification['sources'][string];
	}
	let sprite = style.sprite;
	if (typeof sprite === 'string') sprite = resolve(sprite);
	else if (Array.isArray(sprite)) sprite = sprite.map((s) => ({ ...s, url: resolve(s.url) }));
	return {
		...style,
		sources,
		...(sprite === undefined ? {} : { sprite }),
		...(style.glyphs === undefined ? {} : { glyphs: resolve(style.glyphs) })
	};
}

type Fetch = (input: string, init?: { signal?: AbortSignal }) => Promise<Pick<Response, 'ok' | 'json'>>;

/**
 * Fetches the configured basemap style, or explains why the plain fallback is used instead.
 * Never throws: every failure is a fallback.
 */
export async function chooseBasemap(
	styleUrl: string,
	fetchStyle: Fetch = (input, init) => fetch(input, init),
	timeoutMs = BASEMAP_TIMEOUT_MS
): Promise<BasemapChoice> {
	if (!styleUrl.trim()) return { kind: 'fallback', style: fallbackStyle(), reason: 'not_configured' };
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	let body: unknown;
	try {
		const response = await fetchStyle(styleUrl, { signal: controller.signal });
		if (!response.ok) return { kind: 'fallback', style: fallbackStyle(), reason: 'unreachable' };
		body = await response.json();
	} catch {
		return { kind: 'fallback', style: fallbackStyle(), reason: 'unreachable' };
	} finally {
		clearTimeout(timer);
	}
	if (!isUsableStyle(body)) return { kind: 'fallback', style: fallbackStyle(), reason: 'invalid' };
	return { kind: 'basemap', style: absolutiseStyle(body, styleUrl) };
}

/**
 * The base style with the project's sources added and its layers drawn on top. Project ids are
 * namespaced (see layers.ts), so they cannot collide with a basemap's own.
 */
export function withProjectLayers(
	base: StyleSpecification,
	project: { sources: StyleSpecification['sources']; layers: StyleSpecification['layers'] }
): StyleSpecification {
	const projectLayerIds = new Set(project.layers.map((l) => l.id));
	return {
		...base,
		sources: { ...base.sources, ...project.sources },
		layers: [...base.layers.filter((l) => !projectLayerIds.has(l.id)), ...project.layers]
	};
}
