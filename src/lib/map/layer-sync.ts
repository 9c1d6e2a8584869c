/**
 * Adding, updating and removing one source and its layers on a live map: what every layer
 * component does on mount, on a change of its props, and on destroy. A changed filter, paint or
 * layout value is set in place (no flicker, no refetch); a layer whose type or source changed is
 * replaced. Written against the few Map methods it needs, so it is unit-tested on a plain object.
 */
import type { FilterSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';

/** The part of MapLibre's Map this module uses. */
export interface StyleTarget {
	getSource(id: string): unknown;
	addSource(id: string, source: SourceSpecification): unknown;
	removeSource(id: string): unknown;
	getLayer(id: string): unknown;
	addLayer(layer: LayerSpecification, beforeId?: string): unknown;
	removeLayer(id: string): unknown;
	setFilter(id: string, filter: FilterSpecification | null | undefined): unknown;
	setPaintProperty(id: string, name: string, value: unknown): unknown;
	setLayoutProperty(id: string, name: string, value: unknown): unknown;
}

type Props = Record<string, unknown>;
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The layers with their source set to `sourceId` and, when hidden, visibility none. */
export function boundLayers(sourceId: string, layers: readonly LayerSpecification[], visible = true): LayerSpecification[] {
	return layers.map((layer) => {
		const bound = (layer.type === 'background' ? { ...layer } : { ...layer, source: sourceId }) as LayerSpecification;
		return visible ? bound : ({ ...bound, layout: { ...(bound.layout ?? {}), visibility: 'none' } } as LayerSpecification);
	});
}

/** The layer each layer is inserted under (MapLibre's beforeId), per layer id. */
export type BeforeId = (layerId: string) => string | undefined;

export function addSourceLayers(map: StyleTarget, sourceId: string, source: SourceSpecification, layers: readonly LayerSpecification[], beforeId: BeforeId = () => undefined): void {
	if (!map.getSource(sourceId)) map.addSource(sourceId, source);
	for (const layer of layers) if (!map.getLayer(layer.id)) map.addLayer(layer, beforeId(layer.id));
}

export function removeSourceLayers(map: StyleTarget, sourceId: string, layers: readonly LayerSpecification[]): void {
	for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
	if (map.getSource(sourceId)) map.removeSource(sourceId);
}

function structure(layer: LayerSpecification): string {
	const l = layer as Props;
	return JSON.stringify([l.type, l.source, l['source-layer'], l.minzoom, l.maxzoom]);
}

function setChanged(before: Props | undefined, after: Props | undefined, set: (name: string, value: unknown) => void) {
	const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
	for (const name of names) if (!same(before?.[name], after?.[name])) set(name, after?.[name]);
}

/**
 * Brings the map's layers from `previous` to `next` (both of one source): removes layers that went,
 * sets what changed on those that stayed, adds new ones under `beforeId`.
 */
export function updateLayers(map: StyleTarget, previous: readonly LayerSpecification[], next: readonly LayerSpecification[], beforeId: BeforeId = () => undefined): void {
	const nextById = new Map(next.map((l) => [l.id, l]));
	for (const old of previous) {
		const replacement = nextById.get(old.id);
		if (!replacement || structure(replacement) !== structure(old)) {
			if (map.getLayer(old.id)) map.removeLayer(old.id);
		}
	}
	const previousById = new Map(previous.map((l) => [l.id, l]));
	for (const layer of next) {
		const old = previousById.get(layer.id);
		if (!old || structure(old) !== structure(layer) || !map.getLayer(layer.id)) {
			if (!map.getLayer(layer.id)) map.addLayer(layer, beforeId(layer.id));
			continue;
		}
		const o = old as Props;
		const n = layer as Props;
		if (!same(o.filter, n.filter)) map.setFilter(layer.id, (n.filter as FilterSpecification | undefined) ?? null);
		setChanged(o.paint as Props, n.paint as Props, (name, value) => map.setPaintProperty(layer.id, name, value));
		setChanged(o.layout as Props, n.layout as Props, (name, value) => map.setLayoutProperty(layer.id, name, value ?? (name === 'visibility' ? 'visible' : undefined)));
	}
}
