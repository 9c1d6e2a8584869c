/**
 * Social enterprises and community hubs as deck.gl layers over MapLibre (interleaved), read from
 * the vector tiles (/tiles/<layer>/{z}/{x}/{y}.mvt) so that 100,000 points stay fast. Zoomed out,
 * the tiles come counted (`bins`: a point per grid square and consortium or hub type, with its
 * count), so a z10 tile of 100,000 enterprises is kilobytes, not megabytes; the map keeps the
 * categories its filters choose, adds their squares up (binTilePoints, weighted by count) and draws
 * numbered discs. Zoomed in, every point is a dot coloured by consortium or a ringed disc coloured
 * by hub type. Filters apply in the browser, on the tiles already loaded.
 * The deck.gl modules are passed in: they are imported lazily, in the map's onMount.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { MVTLayer as MVTLayerClass } from '@deck.gl/geo-layers';
import type { ScatterplotLayer as ScatterplotLayerClass, TextLayer as TextLayerClass } from '@deck.gl/layers';
import type { Feature, Point } from 'geojson';
import { binTilePoints } from '../domain/tiles/bins';
import {
	AGGREGATE_BELOW_ZOOM,
	CLUSTER_COLOURS,
	CONSORTIUM_STYLES,
	hexToRgb,
	HUB_TYPE_STYLES,
	type Consortium,
	type HubType
} from './explorer';

export interface DeckModules {
	MVTLayer: typeof MVTLayerClass;
	ScatterplotLayer: typeof ScatterplotLayerClass;
	TextLayer: typeof TextLayerClass;
}

export type PointLayerId = 'enterprises' | 'hubs';
type PointFeature = Feature<Point, Record<string, string | number | boolean>>;
/** A numbered disc: several points in one grid square. */
type BinFeature = Feature<Point, { binnedCount: number }>;

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
				data: `/tiles/${TILE_LAYER_NAME[id]}/{z}/{x}/{y}.mvt?place=${encodeURIComponent(options.placeId)}${aggregate ? `&bins=${BIN_CELLS}` : ''}`,
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
					// The server's squares are this grid's: adding up the kept categories' counts is exact.
					// Its tiles have no buffer; a mean rounded onto the far edge (x or y = 1) still counts.
					const inside = (v: number) => Math.min(v, 1 - 1e-9);
					const bins = binTilePoints(
						features,
						(f) => [inside(f.geometry.coordinates[0]!), inside(f.geometry.coordinates[1]!)],
						BIN_CELLS,
						(f) => Number(f.properties.count ?? 1)
					);
					// Sub-layer data must be GeoJSON features: MVTLayer turns a picked object's geometry into
					// longitude/latitude, and anything without one throws on every hover and click.
					const many: BinFeature[] = bins
						.filter((b) => b.count > 1)
						.map((b) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [b.x, b.y] }, properties: { binnedCount: b.count } }));
					const singles = bins.flatMap((b) => (b.single ? [b.single] : []));
					const radius = (b: BinFeature) => (9 + Math.min(14, Math.sqrt(b.properties.binnedCount) * 2.2)) * s;
					return [
						new ScatterplotLayer<PointFeature>({
							...props,
							id: `${props.id}-singles`,
							data: singles,
							getPosition: (f) => f.geometry.coordinates as [number, number],
							getFillColor: (f) => colourOf(id, f.properties),
							getLineColor: id === 'hubs' ? hexToRgb(CLUSTER_COLOURS.ring) : [255, 255, 255, 255],
							getRadius: id === 'hubs' ? 7 * s : 5 * s,
							getLineWidth: id === 'hubs' ? 2.5 * s : 1.5 * s,
							radiusUnits: 'pixels',
							lineWidthUnits: 'pixels',
							stroked: true
						}),
						new ScatterplotLayer<BinFeature>({
							...props,
							id: `${props.id}-bins`,
							data: many,
							getPosition: (b) => b.geometry.coordinates as [number, number],
							getFillColor: hexToRgb(id === 'hubs' ? CLUSTER_COLOURS.hubs : CLUSTER_COLOURS.enterprises, 235),
							getLineColor: id === 'hubs' ? hexToRgb(CLUSTER_COLOURS.ring) : [255, 255, 255, 255],
							getRadius: radius,
							getLineWidth: (id === 'hubs' ? 3 : 2) * s,
							radiusUnits: 'pixels',
							lineWidthUnits: 'pixels',
							stroked: true
						}),
						new TextLayer<BinFeature>({
							...props,
							id: `${props.id}-counts`,
							data: many,
							pickable: false,
							getPosition: (b) => b.geometry.coordinates as [number, number],
							getText: (b) => String(b.properties.binnedCount),
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
	const object = info.object as PointFeature | BinFeature;
	if ('binnedCount' in object.properties) {
		return { kind: 'bin', layer: id, count: Number(object.properties.binnedCount), lngLat: (info.coordinate ?? [0, 0]).slice(0, 2) as [number, number] };
	}
	return { kind: 'feature', layer: id, properties: object.properties };
}
