/**
 * Macro-assets (capital projects) as they cross the wire: the GeoJSON that GET
 * /api/places/{id}/macro-assets serves and the maps draw. Types only, read by the server that
 * builds the features and the browser that draws them; the kind and status names are the
 * database's own vocabulary (domain/vocabulary.ts).
 */
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import type { MACRO_ASSET_KINDS, MACRO_ASSET_STATUSES } from '../domain/vocabulary';

export type MacroAssetKind = (typeof MACRO_ASSET_KINDS)[number];
export type MacroAssetStatus = (typeof MACRO_ASSET_STATUSES)[number];

/** [west, south, east, north] in WGS84 degrees, as in RFC 7946 §5. */
export type BBox = [west: number, south: number, east: number, north: number];

export interface Timeline {
	start: number | null;
	end: number | null;
	note: string | null;
}

export interface MacroAssetProperties {
	id: string;
	name: string;
	kind: MacroAssetKind;
	status: MacroAssetStatus;
	description: string | null;
	timeline: Timeline;
	/** Pounds sterling; the database keeps exact numeric, the wire carries a JSON number. */
	investment_gbp: number | null;
	homes: number | null;
	jobs: number | null;
	owners: string[];
	partners: string[];
	source: string | null;
	/** Names of the figures that are illustrative rather than public facts, e.g. "jobs". */
	illustrative: string[];
	/** A point inside the polygon (PostGIS ST_PointOnSurface), where the site's name is shown. */
	label_point: [longitude: number, latitude: number];
}

export type MacroAssetFeature = Omit<Feature<MultiPolygon, MacroAssetProperties>, 'id' | 'bbox'> & {
	id: string;
	bbox: BBox;
};

export interface MacroAssetFeatureCollection extends FeatureCollection<MultiPolygon, MacroAssetProperties> {
	features: MacroAssetFeature[];
}
