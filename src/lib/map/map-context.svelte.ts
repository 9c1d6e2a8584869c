/**
 * What BaseMap hands its layer components through Svelte context: the map once it exists, the
 * MapLibre module (for markers), a counter of loaded styles (a layer adds itself again after the
 * basemap gave way to the fallback, which wipes every layer), the click router, and the sources
 * the map must have drawn before it calls itself ready. Typed getter: getMapContext().
 */
import { createContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { ClickRouter } from './click-router';

export type MapLibreModule = typeof import('maplibre-gl');

/**
 * pending: choosing; basemap: the configured basemap; fallback: it could not be fetched or
 * applied; not_configured: none is set; degraded: its style loaded but its tiles do not.
 */
export type BasemapState = 'pending' | 'basemap' | 'fallback' | 'not_configured' | 'degraded';

export class MapState {
	/** The map, from creation until teardown. */
	map = $state.raw<MapLibreMap | null>(null);
	maplibre = $state.raw<MapLibreModule | null>(null);
	/** 0 until a style has loaded; bumped on every style load (the slot markers are in place by then). */
	styleVersion = $state(0);
	basemap = $state<BasemapState>('pending');
	/** The map has drawn the sources that count (see `essential`). */
	ready = $state(false);
	readonly clicks = new ClickRouter();
	/** Sources that must be drawn before the map is ready (the sites, on the explorer). */
	// Not state: read only by BaseMap's render handler, never by a template or an effect.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly essentials = new Set<string>();

	/** Counts a source towards readiness; the returned function stops counting it. */
	essential(sourceId: string): () => void {
		this.essentials.add(sourceId);
		return () => this.essentials.delete(sourceId);
	}
}

const [getContext, setContext] = createContext<MapState>();

/** The map of the nearest BaseMap; layer components call it while they initialise (it throws outside one). */
export const getMapContext = getContext;
export const setMapContext = setContext;
