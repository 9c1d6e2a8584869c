import { describe, expect, it } from 'vitest';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { addSourceLayers, boundLayers, removeSourceLayers, updateLayers, type StyleTarget } from './layer-sync';

/** A map's style as a plain object: sources, layers in drawing order, and every call made. */
function fakeMap() {
	const sources = new Map<string, SourceSpecification>();
	const layers: LayerSpecification[] = [];
	const calls: string[] = [];
	const at = (id: string) => layers.findIndex((l) => l.id === id);
	const target: StyleTarget = {
		getSource: (id) => sources.get(id),
		addSource: (id, s) => sources.set(id, s),
		removeSource: (id) => sources.delete(id),
		getLayer: (id) => layers.find((l) => l.id === id),
		addLayer: (layer, before) => {
			calls.push(`add ${layer.id}`);
			layers.splice(before && at(before) >= 0 ? at(before) : layers.length, 0, layer);
		},
		removeLayer: (id) => {
			calls.push(`remove ${id}`);
			layers.splice(at(id), 1);
		},
		setFilter: (id) => calls.push(`filter ${id}`),
		setPaintProperty: (id, name) => calls.push(`paint ${id} ${name}`),
		setLayoutProperty: (id, name, value) => calls.push(`layout ${id} ${name}=${String(value)}`)
	};
	return { target, sources, layers, calls };
}

const fill = (paint: Record<string, unknown> = { 'fill-color': '#000' }, filter?: unknown): LayerSpecification =>
	({ id: 'a-fill', type: 'fill', source: 'x', paint, ...(filter ? { filter } : {}) }) as LayerSpecification;
const line: LayerSpecification = { id: 'a-line', type: 'line', source: 'x', paint: { 'line-width': 1 } };

describe('layer-sync', () => {
	it('binds layers to their source and hides them by layout', () => {
		const [bound] = boundLayers('atlas-a', [fill()], false);
		expect(bound).toMatchObject({ source: 'atlas-a', layout: { visibility: 'none' } });
	});

	it('adds a source and its layers under a marker, and removes them', () => {
		const map = fakeMap();
		map.target.addLayer({ id: 'marker', type: 'background' });
		addSourceLayers(map.target, 'atlas-a', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }, boundLayers('atlas-a', [fill(), line]), () => 'marker');
		expect(map.layers.map((l) => l.id)).toEqual(['a-fill', 'a-line', 'marker']);
		removeSourceLayers(map.target, 'atlas-a', boundLayers('atlas-a', [fill(), line]));
		expect(map.layers.map((l) => l.id)).toEqual(['marker']);
		expect(map.sources.size).toBe(0);
	});

	it('sets only what changed in place, and replaces a layer whose type changed', () => {
		const map = fakeMap();
		const before = boundLayers('atlas-a', [fill(), line]);
		addSourceLayers(map.target, 'atlas-a', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } }, before);
		map.calls.length = 0;
		const after = boundLayers('atlas-a', [fill({ 'fill-color': '#fff' }, ['==', 'a', 1]), { ...line, type: 'circle', paint: {} } as LayerSpecification], false);
		updateLayers(map.target, before, after);
		expect(map.calls).toEqual(['remove a-line', 'filter a-fill', 'paint a-fill fill-color', 'layout a-fill visibility=none', 'add a-line']);
	});
});
