/**
 * The life of one source and its layers on a BaseMap, shared by GeoJsonLayers and TileLayers: added
 * in their slot once a style has loaded (and again after a new style wiped them), brought up to
 * date when the props change (new GeoJSON data is set in place; a changed tile URL replaces the
 * source), shown or hidden, clickable through the map's click router, and removed on destroy.
 */
import { untrack } from 'svelte';
import type { GeoJSONSource, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { RenderedFeature } from './click-router';
import { addSourceLayers, boundLayers, removeSourceLayers, updateLayers } from './layer-sync';
import { getMapContext } from './map-context.svelte';
import { slotMarkerId, type MapSlot } from './slots';

/** The props GeoJsonLayers and TileLayers share. */
export interface LayerComponentProps {
	/** Source id; starts with "atlas-" (see isBasemapSource). */
	id: string;
	/** Bound to the source `id`, whatever source they name. */
	layers: readonly LayerSpecification[];
	tier: MapSlot;
	/** Layers that sit in another tier than the rest (an LSOA fill under the streets, its outline over the mask). */
	layerSlots?: Readonly<Record<string, MapSlot>>;
	visible?: boolean;
	/** What a click on `clickLayers` opens (return false to let the layer under it have the click). */
	onclick?: (feature: RenderedFeature) => boolean | void;
	/** The layer ids a click counts on; the first layer by default. */
	clickLayers?: readonly string[];
	clickPriority?: number;
	/** The map is not ready until this source is drawn. */
	essential?: boolean;
	/** False on every change, true once the map has drawn it (idle). */
	drawn?: boolean;
}

export interface SourceLayersOptions extends Omit<LayerComponentProps, 'drawn'> {
	source: SourceSpecification;
	ondrawn?: (drawn: boolean) => void;
}

/** What decides that the source must be replaced rather than updated: all but GeoJSON data. */
function sourceKey(source: SourceSpecification): string {
	if (source.type !== 'geojson') return JSON.stringify(source);
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- data is set in place, not compared
	const { data, ...rest } = source;
	return JSON.stringify(rest);
}

export function useSourceLayers(options: () => SourceLayersOptions): void {
	const context = getMapContext();
	let added: { style: number; key: string; layers: LayerSpecification[]; data: unknown } | null = null;
	let drawnToken = 0;

	const initial = untrack(options);
	if (initial.essential) {
		const stop = context.essential(initial.id);
		$effect(() => stop);
	}
	const stopRoute = context.clicks.route({
		layers: () => {
			const o = untrack(options);
			return o.onclick && o.visible !== false ? (o.clickLayers ?? o.layers.slice(0, 1).map((l) => l.id)) : [];
		},
		priority: initial.clickPriority,
		open: (feature) => untrack(options).onclick?.(feature)
	});

	$effect(() => {
		const map = context.map;
		const style = context.styleVersion;
		const o = options();
		const key = sourceKey(o.source);
		const layers = boundLayers(o.id, o.layers, o.visible !== false);
		const data = o.source.type === 'geojson' ? o.source.data : undefined;
		if (!map || style === 0) return;
		untrack(() => {
			const before = (layerId: string) => slotMarkerId(o.layerSlots?.[layerId] ?? o.tier);
			if (!added || added.style !== style || added.key !== key || !map.getSource(o.id)) {
				if (added && added.style === style) removeSourceLayers(map, o.id, added.layers);
				addSourceLayers(map, o.id, o.source, layers, before);
			} else {
				if (data !== added.data) (map.getSource(o.id) as GeoJSONSource).setData(data as GeoJSON.GeoJSON);
				updateLayers(map, added.layers, layers, before);
			}
			added = { style, key, layers, data };
			if (o.ondrawn) {
				const token = ++drawnToken;
				o.ondrawn(false);
				map.once('idle', () => {
					if (token === drawnToken) o.ondrawn?.(true);
				});
			}
		});
	});

	$effect(() => () => {
		stopRoute();
		const map = context.map;
		if (!map || !added || added.style !== context.styleVersion) return;
		removeSourceLayers(map, untrack(options).id, added.layers);
		added = null;
	});
}
