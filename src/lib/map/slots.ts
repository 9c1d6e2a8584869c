/**
 * Where each kind of project layer sits in the map's drawing order, whatever order the layer
 * components mount in (a layer that arrives with its data late must still go under the sites).
 * Each slot is an invisible marker layer added on top of the base style, bottom to top; a layer
 * component inserts its layers just under its slot's marker, so it lands above the slots below.
 * svelte-maplibre solves the same problem with `beforeId`; named slots keep the order in one list.
 */
import type { LayerSpecification } from 'maplibre-gl';

export const MAP_SLOTS = [
	/** Choropleth fills (LSOAs by IMD decile): under the streets that stand in for a basemap. */
	'areaFill',
	/** The walking network, drawn when there is no basemap. */
	'streets',
	/** The dimmed world outside the place. */
	'mask',
	/** Area outlines (wards, LSOA edges), over the mask and under the boundary. */
	'areaLines',
	'boundary',
	'scores',
	'residents',
	'sites',
	/** Marks a person placed (a picked point). */
	'top'
] as const;
export type MapSlot = (typeof MAP_SLOTS)[number];

export function slotMarkerId(slot: MapSlot): string {
	return `atlas-slot-${slot}`;
}

/** The marker layers, bottom to top: backgrounds that are never drawn. */
export function slotMarkerLayers(): LayerSpecification[] {
	return MAP_SLOTS.map((slot) => ({ id: slotMarkerId(slot), type: 'background', layout: { visibility: 'none' } }));
}
