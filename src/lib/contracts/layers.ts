/**
 * The published (anonymised) resident-skill layer as it crosses the wire: what GET
 * /api/layers/resident-skills and the OGC resident-skills collection serve and the map draws.
 * Types only. Counts are rounded to the publication's base and withheld (null) under its k.
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Readiness } from '../domain/privacy/filters';

/** The cell size a unit was published at, after coarsening (or the whole place). */
export type PublishedLevel = 'hex250' | 'hex500' | 'hex1000' | 'place';

export interface ResidentLayerProperties {
	unit: string;
	level: PublishedLevel;
	/** Rounded count, or null when withheld. */
	count: number | null;
	suppressed: boolean;
}

export type ResidentLayer = FeatureCollection<MultiPolygon, ResidentLayerProperties> & {
	filter: { place: string; skill: string; readiness: Readiness };
	total: number | null;
	k: number;
	roundingBase: number;
	synthetic: boolean;
	computedAt: string;
};
