/**
 * The catchment ring drawn around a selected site at the chosen walk (issue 17): a dashed dark
 * outline over a faint wash, so it reads over the score and resident fills; pure layer specs.
 */
import type { LayerSpecification } from 'maplibre-gl';

export const RING_SOURCE_ID = 'atlas-catchment-ring';
export const RING_COLOUR = '#111827';

export function ringLayers(sourceId = RING_SOURCE_ID): LayerSpecification[] {
	return [
		{ id: `${sourceId}-wash`, type: 'fill', source: sourceId, paint: { 'fill-color': RING_COLOUR, 'fill-opacity': 0.06 } },
		{ id: `${sourceId}-halo`, type: 'line', source: sourceId, paint: { 'line-color': '#ffffff', 'line-width': 6, 'line-opacity': 0.85 } },
		{ id: `${sourceId}-line`, type: 'line', source: sourceId, paint: { 'line-color': RING_COLOUR, 'line-width': 3, 'line-dasharray': [2, 1.2] } }
	];
}

/** The smallest box holding both (WGS84 [west, south, east, north]). */
export function unionBBox(a: readonly number[], b: readonly number[] | null | undefined): [number, number, number, number] {
	if (!b) return [a[0]!, a[1]!, a[2]!, a[3]!];
	return [Math.min(a[0]!, b[0]!), Math.min(a[1]!, b[1]!), Math.max(a[2]!, b[2]!), Math.max(a[3]!, b[3]!)];
}
