/**
 * The admin page's preview of a place boundary: its bounding box (where the map opens) and the
 * layers that draw it. Pure, so the box is unit-tested.
 */
import type { MultiPolygon } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';

export const PLACE_PREVIEW_SOURCE = 'atlas-place-preview';

/** [west, south, east, north] of a MultiPolygon's outer rings. */
export function boundaryBounds(boundary: MultiPolygon): [number, number, number, number] {
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	for (const polygon of boundary.coordinates) {
		for (const [lon, lat] of polygon[0] ?? []) {
			west = Math.min(west, lon!);
			east = Math.max(east, lon!);
			south = Math.min(south, lat!);
			north = Math.max(north, lat!);
		}
	}
	return [west, south, east, north];
}

export const PLACE_PREVIEW_LAYERS: readonly LayerSpecification[] = [
	{ id: 'place-preview-fill', type: 'fill', source: PLACE_PREVIEW_SOURCE, paint: { 'fill-color': '#1f6f8b', 'fill-opacity': 0.18 } },
	{ id: 'place-preview-line', type: 'line', source: PLACE_PREVIEW_SOURCE, layout: { 'line-join': 'round' }, paint: { 'line-color': '#0b4f6c', 'line-width': 3 } }
];
