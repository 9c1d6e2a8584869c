/**
 * The project's own map layers, as plain MapLibre style JSON: the place boundary (with the world
 * outside it dimmed) and the macro-asset polygons coloured by kind. Pure, so it is unit-tested and
 * works on any base style. Site names are not drawn here: there is no glyph server offline, so
 * names are HTML markers (see AtlasMap.svelte and labels.ts).
 */
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type {
	ExpressionSpecification,
	FilterSpecification,
	LayerSpecification,
	StyleSpecification
} from 'maplibre-gl';
import { KIND_STYLES, type BBox, type MacroAssetFeatureCollection, type MacroAssetKind, type MacroAssetStatus } from './macro-assets';
import { DASHED_STATUSES, IMD_DECILE_COLOURS, IMD_NO_DECILE_COLOUR, WARD_LINE_COLOUR } from './explorer';

export const SOURCE_IDS = {
	mask: 'atlas-place-mask',
	boundary: 'atlas-place-boundary',
	sites: 'atlas-sites',
	streets: 'atlas-streets',
	lsoas: 'atlas-areas-lsoa',
	wards: 'atlas-areas-ward'
} as const;

export const LAYER_IDS = {
	mask: 'atlas-place-mask',
	boundary: 'atlas-place-boundary',
	siteFill: 'atlas-site-fill',
	siteOutline: 'atlas-site-outline',
	siteOutlineDashed: 'atlas-site-outline-dashed',
	selectedCasing: 'atlas-site-selected-casing',
	selectedOutline: 'atlas-site-selected-outline',
	streets: 'atlas-streets',
	lsoaFill: 'atlas-areas-lsoa-fill',
	lsoaOutline: 'atlas-areas-lsoa-outline',
	wardFill: 'atlas-areas-ward-fill',
	wardLine: 'atlas-areas-ward-line'
} as const;

/** The site layers that a status filter or the "sites" toggle applies to. */
export const SITE_LAYER_IDS = [LAYER_IDS.siteFill, LAYER_IDS.siteOutline, LAYER_IDS.siteOutlineDashed, LAYER_IDS.selectedCasing, LAYER_IDS.selectedOutline] as const;

/** Sources and layers this project owns start with this, so they are told apart from a basemap's. */
export const PROJECT_ID_PREFIX = 'atlas-';

const BOUNDARY_COLOUR = '#1f2937';
/** The walking network's streets, drawn on the plain background when there is no basemap. */
export const STREET_COLOUR = '#b8b2a4';
const SELECTED_COLOUR = '#111111';

/** A MapLibre `match` on the feature's kind, one colour per kind, "other"'s colour otherwise. */
export function kindColourExpression(part: 'fill' | 'line'): ExpressionSpecification {
	const pairs = (Object.keys(KIND_STYLES) as MacroAssetKind[]).flatMap((kind) => [kind, KIND_STYLES[kind][part]]);
	// The style spec's tuple type cannot express "pairs, any number of them"; the shape is tested.
	return ['match', ['get', 'kind'], ...pairs, KIND_STYLES.other[part]] as unknown as ExpressionSpecification;
}

/** Shows only the selected site, or none. */
export function selectedSiteFilter(siteId: string | null): FilterSpecification {
	return ['==', ['get', 'id'], siteId ?? ''];
}

/** Twice the signed area of a ring (shoelace formula): positive when counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
	}
	return sum;
}

/**
 * The world with the place cut out: a polygon covering the Web Mercator world whose holes are the
 * place's outer rings, so everything outside the place can be dimmed. Rings are wound as RFC 7946
 * §3.1.6 asks (outer counter-clockwise, holes clockwise): MapLibre tells holes from outer rings by
 * their winding, so a hole wound the wrong way would be filled instead of cut out.
 */
export function outsideMask(boundary: MultiPolygon): Polygon {
	const world: Position[] = [
		[-180, -85],
		[180, -85],
		[180, 85],
		[-180, 85],
		[-180, -85]
	];
	const holes = boundary.coordinates.flatMap((polygon) => {
		const outer = polygon[0];
		if (!outer || outer.length < 4) return [];
		return [signedArea(outer) > 0 ? [...outer].reverse() : outer];
	});
	return { type: 'Polygon', coordinates: [world, ...holes] };
}

/** The sites as the map needs them: geometry, id and kind only (the rest stays in the page). */
export function siteShapes(sites: MacroAssetFeatureCollection): FeatureCollection<MultiPolygon, { id: string; kind: string; status: string }> {
	return {
		type: 'FeatureCollection',
		features: sites.features.map((f) => ({
			type: 'Feature',
			geometry: f.geometry,
			properties: { id: f.properties.id, kind: f.properties.kind, status: f.properties.status }
		}))
	};
}

/** Sites whose status is among those asked for (all when none are), as a MapLibre filter. */
export function siteStatusFilter(statuses: readonly MacroAssetStatus[]): FilterSpecification {
	return statuses.length ? ['in', ['get', 'status'], ['literal', [...statuses]]] : ['boolean', true];
}

/** A site filter joined with "dashed" (not yet being built) or "solid" (being built or in use). */
export function siteOutlineFilter(statuses: readonly MacroAssetStatus[], dashed: boolean): FilterSpecification {
	const isDashed: FilterSpecification = ['in', ['get', 'status'], ['literal', [...DASHED_STATUSES]]];
	return ['all', siteStatusFilter(statuses), dashed ? isDashed : ['!', isDashed]] as FilterSpecification;
}

export interface ProjectLayers {
	sources: StyleSpecification['sources'];
	layers: LayerSpecification[];
}

/** Roads that carry through traffic (OSM highway=*): the skeleton people find their way by. */
export const MAJOR_HIGHWAYS = ['trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link'] as const;
/** Service roads (car parks, yards, driveways) and paths: most of an OSM network's ways, drawn thin. */
export const MINOR_HIGHWAYS = ['service', 'cycleway', 'footway', 'path', 'steps', 'track', 'bridleway', 'corridor'] as const;

/** Line width at `zoom`: wide for major roads, thin for service roads and paths, streets between. */
function streetWidth(zoom: number, major: number, street: number, minor: number): (number | ExpressionSpecification)[] {
	return [zoom, ['match', ['get', 'highway'], [...MAJOR_HIGHWAYS], major, [...MINOR_HIGHWAYS], minor, street]];
}

/**
 * The imported walking network (`/tiles/streets/...`), drawn only when there is no basemap so that
 * the map still shows where the streets are. Without a glyph server there are no street names, so
 * the road hierarchy is drawn by width instead. `tilesUrl` is absolute (MapLibre's workers need it).
 */
export function streetLayers(tilesUrl: string): ProjectLayers {
	return {
		sources: { [SOURCE_IDS.streets]: { type: 'vector', tiles: [tilesUrl], minzoom: 10, maxzoom: 16 } },
		layers: [
			{
				id: LAYER_IDS.streets,
				type: 'line',
				source: SOURCE_IDS.streets,
				'source-layer': 'streets',
				layout: { 'line-join': 'round', 'line-cap': 'round' },
				paint: {
					'line-color': STREET_COLOUR,
					'line-width': ['interpolate', ['linear'], ['zoom'], ...streetWidth(12, 1.6, 0.8, 0.4), ...streetWidth(16, 8, 4, 1.8)] as ExpressionSpecification
				}
			}
		]
	};
}

/** Translucent, so that a basemap under an LSOA still shows through its decile colour. */
export const LSOA_FILL_OPACITY = 0.55;

/** LSOAs filled by IMD decile (1 = most deprived) and ward outlines, from `/tiles/reference-areas`. */
export function areaLayers(origin: string, areaTypes: readonly string[]): ProjectLayers {
	const sources: StyleSpecification['sources'] = {};
	const layers: LayerSpecification[] = [];
	const tiles = (type: string) => [`${origin}/tiles/reference-areas/{z}/{x}/{y}.mvt?type=${type}`];
	if (areaTypes.includes('lsoa')) {
		sources[SOURCE_IDS.lsoas] = { type: 'vector', tiles: tiles('lsoa'), minzoom: 8, maxzoom: 15 };
		const colour = ['match', ['get', 'imd_decile'], ...IMD_DECILE_COLOURS.flatMap((c, i) => [i + 1, c]), IMD_NO_DECILE_COLOUR] as unknown as ExpressionSpecification;
		layers.push(
			{ id: LAYER_IDS.lsoaFill, type: 'fill', source: SOURCE_IDS.lsoas, 'source-layer': 'reference-areas', paint: { 'fill-color': colour, 'fill-opacity': LSOA_FILL_OPACITY } },
			{ id: LAYER_IDS.lsoaOutline, type: 'line', source: SOURCE_IDS.lsoas, 'source-layer': 'reference-areas', paint: { 'line-color': '#ffffff', 'line-width': 0.6 } }
		);
	}
	if (areaTypes.includes('ward')) {
		sources[SOURCE_IDS.wards] = { type: 'vector', tiles: tiles('ward'), minzoom: 8, maxzoom: 15 };
		layers.push(
			{ id: LAYER_IDS.wardFill, type: 'fill', source: SOURCE_IDS.wards, 'source-layer': 'reference-areas', paint: { 'fill-color': '#000000', 'fill-opacity': 0 } },
			{ id: LAYER_IDS.wardLine, type: 'line', source: SOURCE_IDS.wards, 'source-layer': 'reference-areas', paint: { 'line-color': WARD_LINE_COLOUR, 'line-width': 2.2 } }
		);
	}
	return { sources, layers };
}

/**
 * The layer an area layer is inserted under (MapLibre's `beforeId`), given which layers the map
 * has. The LSOA fill goes under the streets (or, with a basemap, under the mask): a choropleth over
 * the streets that stand in for the basemap would hide them, and outside the place it is dimmed
 * like everything else there. The LSOA outlines and the wards go over the mask, under the place
 * boundary, so a ward line never hides the boundary's dashes.
 */
export function areaLayerBeforeId(layerId: string, hasLayer: (id: string) => boolean): string {
	if (layerId !== LAYER_IDS.lsoaFill) return LAYER_IDS.boundary;
	return hasLayer(LAYER_IDS.streets) ? LAYER_IDS.streets : LAYER_IDS.mask;
}

/** The world outside the place, dimmed (data: a Feature of outsideMask). */
export function maskLayers(): LayerSpecification[] {
	return [{ id: LAYER_IDS.mask, type: 'fill', source: SOURCE_IDS.mask, paint: { 'fill-color': '#2a3346', 'fill-opacity': 0.16 } }];
}

/** The place's boundary, dashed. */
export function boundaryLayers(): LayerSpecification[] {
	return [
		{
			id: LAYER_IDS.boundary,
			type: 'line',
			source: SOURCE_IDS.boundary,
			layout: { 'line-join': 'round' },
			paint: { 'line-color': BOUNDARY_COLOUR, 'line-width': 2.5, 'line-dasharray': [3, 2] }
		}
	];
}

/**
 * The sites (data: siteShapes): fills by kind, solid or dashed outlines by status, the selected
 * site cased on top. `statuses` limits what is drawn (all when empty).
 */
export function siteLayers(statuses: readonly MacroAssetStatus[] = [], selectedId: string | null = null): LayerSpecification[] {
	return [
		{
			id: LAYER_IDS.siteFill,
			type: 'fill',
			source: SOURCE_IDS.sites,
			filter: siteStatusFilter(statuses),
			paint: { 'fill-color': kindColourExpression('fill'), 'fill-opacity': 0.5 }
		},
		{
			id: LAYER_IDS.siteOutline,
			type: 'line',
			source: SOURCE_IDS.sites,
			filter: siteOutlineFilter(statuses, false),
			layout: { 'line-join': 'round' },
			paint: { 'line-color': kindColourExpression('line'), 'line-width': 3 }
		},
		{
			// Proposed and planned sites: dashed, so "not yet built" reads at a glance.
			id: LAYER_IDS.siteOutlineDashed,
			type: 'line',
			source: SOURCE_IDS.sites,
			filter: siteOutlineFilter(statuses, true),
			paint: { 'line-color': kindColourExpression('line'), 'line-width': 3, 'line-dasharray': [2.5, 1.5] }
		},
		{
			id: LAYER_IDS.selectedCasing,
			type: 'line',
			source: SOURCE_IDS.sites,
			filter: selectedSiteFilter(selectedId),
			layout: { 'line-join': 'round' },
			paint: { 'line-color': '#ffffff', 'line-width': 9 }
		},
		{
			id: LAYER_IDS.selectedOutline,
			type: 'line',
			source: SOURCE_IDS.sites,
			filter: selectedSiteFilter(selectedId),
			layout: { 'line-join': 'round' },
			paint: { 'line-color': SELECTED_COLOUR, 'line-width': 4.5 }
		}
	];
}

/** The mask, the boundary and the sites as one set of sources and layers, bottom to top. */
export function projectLayers(boundary: MultiPolygon, sites: MacroAssetFeatureCollection, selectedId: string | null = null): ProjectLayers {
	return {
		sources: {
			[SOURCE_IDS.mask]: { type: 'geojson', data: { type: 'Feature', geometry: outsideMask(boundary), properties: {} } },
			[SOURCE_IDS.boundary]: { type: 'geojson', data: { type: 'Feature', geometry: boundary, properties: {} } },
			[SOURCE_IDS.sites]: { type: 'geojson', data: siteShapes(sites) }
		},
		layers: [...maskLayers(), ...boundaryLayers(), ...siteLayers([], selectedId)]
	};
}

/** The smallest box around boxes; undefined for none. */
export function unionBBox(boxes: readonly BBox[]): BBox | undefined {
	if (boxes.length === 0) return undefined;
	return boxes.reduce<BBox>(
		(acc, b) => [Math.min(acc[0], b[0]), Math.min(acc[1], b[1]), Math.max(acc[2], b[2]), Math.max(acc[3], b[3])],
		[Infinity, Infinity, -Infinity, -Infinity]
	);
}

/**
 * What the map first shows: the whole place, or on a narrow map (a phone) just the sites, which
 * would otherwise be too small to tell apart and to label.
 */
export function overviewBBox(place: BBox, sites: readonly BBox[], mapWidthPx: number, narrowBelowPx = 600): BBox {
	const allSites = unionBBox(sites);
	if (!allSites) return place;
	return mapWidthPx < narrowBelowPx ? allSites : (unionBBox([place, allSites]) ?? place);
}

/** Whether a map error event comes from the basemap rather than the project's own sources. */
export function isBasemapSource(sourceId: string | undefined): boolean {
	return sourceId !== undefined && !sourceId.startsWith(PROJECT_ID_PREFIX);
}
