/**
 * The small map on a site's page, as plain MapLibre style JSON: the site's polygon in its kind's
 * colours, and the community hubs and social enterprises near it as circles. Pure (unit-tested);
 * ids start with "atlas-", so a basemap's errors are told apart from ours (isBasemapSource).
 */
import type { BBox as GeoJsonBBox, FeatureCollection, MultiPolygon, Point } from 'geojson';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { kindStyle, type BBox } from '../../map/macro-assets';

export const SITE_MAP_SOURCES = { site: 'atlas-site', hubs: 'atlas-nearby-hubs', enterprises: 'atlas-nearby-enterprises' } as const;

export const SITE_MAP_LAYERS = {
	siteFill: 'atlas-site-fill',
	siteOutline: 'atlas-site-outline',
	enterprises: 'atlas-nearby-enterprises',
	hubs: 'atlas-nearby-hubs'
} as const;

/**
 * Hubs are larger blue circles and enterprises smaller purple ones (hues from Okabe & Ito's
 * colour-blind-safe palette, as the site kinds use), each with a white ring so that they stand out
 * on the site's fill and on any basemap.
 */
export const HUB_COLOUR = '#0072B2';
export const ENTERPRISE_COLOUR = '#8E3E6B';

interface Located {
	id: string;
	geometry: Point;
}

function points(items: readonly Located[]): FeatureCollection<Point, { id: string }> {
	return {
		type: 'FeatureCollection',
		features: items.map((item) => ({ type: 'Feature', geometry: item.geometry, properties: { id: item.id } }))
	};
}

export function siteMapLayers(
	site: { id: string; kind: string; geometry: MultiPolygon },
	hubs: readonly Located[],
	enterprises: readonly Located[]
): { sources: StyleSpecification['sources']; layers: LayerSpecification[] } {
	const style = kindStyle(site.kind);
	return {
		sources: {
			[SITE_MAP_SOURCES.site]: { type: 'geojson', data: { type: 'Feature', geometry: site.geometry, properties: { id: site.id } } },
			[SITE_MAP_SOURCES.hubs]: { type: 'geojson', data: points(hubs) },
			[SITE_MAP_SOURCES.enterprises]: { type: 'geojson', data: points(enterprises) }
		},
		layers: [
			{ id: SITE_MAP_LAYERS.siteFill, type: 'fill', source: SITE_MAP_SOURCES.site, paint: { 'fill-color': style.fill, 'fill-opacity': 0.5 } },
			{
				id: SITE_MAP_LAYERS.siteOutline,
				type: 'line',
				source: SITE_MAP_SOURCES.site,
				layout: { 'line-join': 'round' },
				paint: { 'line-color': style.line, 'line-width': 3 }
			},
			{
				id: SITE_MAP_LAYERS.enterprises,
				type: 'circle',
				source: SITE_MAP_SOURCES.enterprises,
				paint: { 'circle-color': ENTERPRISE_COLOUR, 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 }
			},
			{
				id: SITE_MAP_LAYERS.hubs,
				type: 'circle',
				source: SITE_MAP_SOURCES.hubs,
				paint: { 'circle-color': HUB_COLOUR, 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 }
			}
		]
	};
}

/** The box the map opens on: the site and everything listed near it. */
export function siteMapBounds(siteBbox: BBox | GeoJsonBBox, located: readonly Located[]): BBox {
	const [west, south, east, north] = siteBbox as BBox;
	return located.reduce<BBox>(
		(box, { geometry: { coordinates: [x, y] } }) => [Math.min(box[0], x!), Math.min(box[1], y!), Math.max(box[2], x!), Math.max(box[3], y!)],
		[west, south, east, north]
	);
}
