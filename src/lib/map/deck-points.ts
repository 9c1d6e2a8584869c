/**
 * Social enterprises and community hubs as deck.gl layers over MapLibre (interleaved), read from
 * the vector tiles (/tiles/<layer>/{z}/{x}/{y}.mvt) so that 100,000 points stay fast. Zoomed out,
 * each tile's points are counted per grid square (binTilePoints) and drawn as numbered discs;
 * zoomed in, every point is a dot coloured by consortium or a ringed disc coloured by hub type.
 * Filters (consortia, hub types) apply in the browser, on the tiles already loaded.
 * The deck.gl modules are passed in: they are imported lazily, in the map's onMount.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { MVTLayer as MVTLayerClass } from '@deck.gl/geo-layers';
import type { ScatterplotLayer as ScatterplotLayerClass, TextLayer as TextLayerClass } from '@deck.gl/layers';
import type { Feature, Point } from 'geojson';
import {
	AGGREGATE_BELOW_ZOOM,
	binTilePoints,
	CLUSTER_COLOURS,
	CONSORTIUM_STYLES,
	hexToRgb,
	HUB_TYPE_STYLES,
	type Consortium,
	type HubType,
	type PointBin
} from './explorer';

export interface DeckModules {
	MVTLayer: typeof MVTLayerClass;
	ScatterplotLayer: typeof ScatterplotLayerClass;
	TextLayer: typeof TextLayerClass;
}

export type PointLayerId = 'enterprises' | 'hubs';
type PointFeature = Feature<Point, Record<string, string | number | boolean>>;

/** What a click on a point layer found: one feature, or a bin of several (to zoom into). */
export type PointPick =
	| { kind: 'feature'; layer: PointLayerId; properties: Record<string, unknown> }
	| { kind: 'bin'; layer: PointLayerId; count: number; lngLat: [number, number] };

export interface PointLayerOptions {
	placeId: string;
	zoom: number;
	show: { enterprises: boolean; hubs: boolean };
	consortia: readonly Consortium[];
	hubTypes: readonly HubType[];
	/** Bigger marks on a projector or in presentation mode. */
	scale: number;
	/** Where loaders.gl's MVT worker is served from (ours, so that no CDN is needed offline). */
	workerUrl?: string;
	onTileLoad?: () => void;
}

const TILE_LAYER_NAME: Record<PointLayerId, string> = { enterprises: 'social-enterprises', hubs: 'community-hubs' };
/** Grid squares per 512 px tile side: about 43 px squares, big enough for a 3-digit count. */
const BIN_CELLS = 12;
const GREY = [150, 150, 150, 255] as [number, number, number, number];

function colourOf(layer: PointLayerId, properties: Record<string, unknown>): [number, number, number, number] {
	if (layer === 'enterprises') {
		const style = CONSORTIUM_STYLES[properties.consortium as Consortium];
		return style ? hexToRgb(style.colour) : GREY;
	}
	const style = HUB_TYPE_STYLES[properties.hub_type as HubType];
	return style ? hexToRgb(style.colour) : GREY;
}

export function pointLayers(deck: DeckModules, options: PointLayerOptions): Layer[] {
	const { MVTLayer, ScatterplotLayer, TextLayer } = deck;
	const aggregate = options.zoom < AGGREGATE_BELOW_ZOOM;
	const layers: Layer[] = [];
	// Hubs below enterprises: hubs are fewer and bigger, so enterprise dots stay visible on top.
	for (const id of ['hubs', 'enterprises'] as const) {
		if (!options.show[id]) continue;
		const keep =
			id === 'enterprises'
				? options.consortia.length
					? (f: PointFeature) => options.consortia.includes(f.properties.consortium as Consortium)
					: () => true
				: options.hubTypes.length
					? (f: PointFeature) => options.hubTypes.includes(f.properties.hub_type as HubType)
					: () => true;
		const s = options.scale;
		const filterKey = `${id}:${aggregate}:${options.consortia.join(',')}:${options.hubTypes.join(',')}:${s}`;
		layers.push(
			new MVTLayer({
				id: `atlas-${id}`,
				data: `/tiles/${TILE_LAYER_NAME[id]}/{z}/{x}/{y}.mvt?place=${encodeURIComponent(options.placeId)}`,
				binary: false,
				maxZoom: 14,
				// Without a worker URL, loaders.gl would fetch its worker from a CDN: fine online, not at a venue.
				loadOptions: options.workerUrl ? { mvt: { workerUrl: options.workerUrl } } : { worker: false },
				pickable: true,
				// A changed filter redraws the tiles already loaded; it does not fetch them again.
				updateTriggers: { renderSubLayers: filterKey },
				onTileLoad: options.onTileLoad,
				onViewportLoad: options.onTileLoad,
				renderSubLayers: (props) => {
					const features = ((props.data as PointFeature[] | null) ?? []).filter((f) => f.geometry?.type === 'Point' && keep(f));
					if (!aggregate) {
						return new ScatterplotLayer<PointFeature>({
							...props,
							id: `${props.id}-points`,
							data: features,
							getPosition: (f) => f.geometry.coordinates as [number, number],
							getFillColor: (f) => colourOf(id, f.properties),
							getLineColor: id === 'hubs' ? hexToRgb(CLUSTER_COLOURS.ring) : [255, 255, 255, 255],
							getRadius: id === 'hubs' ? 8 * s : 6 * s,
							getLineWidth: id === 'hubs' ? 2.5 * s : 1.5 * s,
							radiusUnits: 'pixels',
							lineWidthUnits: 'pixels',
							stroked: true,
							filled: true,
							updateTriggers: { getFillColor: filterKey }
						});
					}
					const bins = binTilePoints(features, (f) => f.geometry.coordinates as [number, number], BIN_CELLS);
					const many = bins.filter((b) => b.count > 1);
					const singles = bins.filter((b) => b.count === 1);
					const radius = (b: PointBin<PointFeature>) => (9 + Math.min(14, Math.sqrt(b.count) * 2.2)) * s;
					return [
						new ScatterplotLayer<PointBin<PointFeature>>({
							...props,
							id: `${props.id}-singles`,
							data: singles,
							getPosition: (b) => [b.x, b.y],
							getFillColor: (b) => colourOf(id, b.single!.properties),
							getLineColor: id === 'hubs' ? hexToRgb(CLUSTER_COLOURS.ring) : [255, 255, 255, 255],
							getRadius: id === 'hubs' ? 7 * s : 5 * s,
							getLineWidth: id === 'hubs' ? 2.5 * s : 1.5 * s,
							radiusUnits: 'pixels',
							lineWidthUnits: 'pixels',
							stroked: true
						}),
						new ScatterplotLayer<PointBin<PointFeature>>({
							...props,
							id: `${props.id}-bins`,
							data: many,
							getPosition: (b) => [b.x, b.y],
							getFillColor: hexToRgb(id === 'hubs' ? CLUSTER_COLOURS.hubs : CLUSTER_COLOURS.enterprises, 235),
							getLineColor: id === 'hubs' ? hexToRgb(CLUSTER_COLOURS.ring) : [255, 255, 255, 255],
							getRadius: radius,
							getLineWidth: (id === 'hubs' ? 3 : 2) * s,
							radiusUnits: 'pixels',
							lineWidthUnits: 'pixels',
							stroked: true
						}),
						new TextLayer<PointBin<PointFeature>>({
							...props,
							id: `${props.id}-counts`,
							data: many,
							pickable: false,
							getPosition: (b) => [b.x, b.y],
							getText: (b) => String(b.count),
							getColor: id === 'hubs' ? [17, 24, 39, 255] : [255, 255, 255, 255],
							getSize: 14 * s,
							fontWeight: 700,
							fontFamily: 'system-ui, "Liberation Sans", Arial, sans-serif',
							characterSet: '0123456789',
							getTextAnchor: 'middle',
							getAlignmentBaseline: 'center'
						})
					];
				}
			})
		);
	}
	return layers;
}

/** What a deck.gl pick means for the page, or null when nothing of ours was under the pointer. */
export function interpretPick(info: PickingInfo | null): PointPick | null {
	if (!info?.picked || !info.object || !info.layer) return null;
	const id = info.layer.id.startsWith('atlas-enterprises') ? 'enterprises' : info.layer.id.startsWith('atlas-hubs') ? 'hubs' : null;
	if (!id) return null;
	const object = info.object as PointFeature | PointBin<PointFeature>;
	if ('count' in object) {
		if (object.count === 1 && object.single) return { kind: 'feature', layer: id, properties: object.single.properties };
		return { kind: 'bin', layer: id, count: object.count, lngLat: (info.coordinate ?? [0, 0]).slice(0, 2) as [number, number] };
	}
	return { kind: 'feature', layer: id, properties: object.properties };
}
