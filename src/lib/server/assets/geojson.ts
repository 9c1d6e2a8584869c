/**
 * Domain objects to the GeoJSON (RFC 7946) the API serves and the map draws: snake_case properties,
 * the feature id repeated in `properties.id` for clients (QGIS, MapLibre) that only read properties.
 */
import type { BBox, MacroAssetFeature, MacroAssetFeatureCollection } from '../../contracts/sites';
import type { MacroAsset, PlaceSummary } from './queries';

export interface PlaceJson {
	id: string;
	name: string;
	description: string | null;
	projected_srid: number;
	source: string | null;
	bbox: BBox;
	links: { macro_assets: string };
}

export function placeJson(place: PlaceSummary): PlaceJson {
	return {
		id: place.id,
		name: place.name,
		description: place.description,
		projected_srid: place.projectedSrid,
		source: place.source,
		bbox: place.bbox,
		links: { macro_assets: `/api/places/${encodeURIComponent(place.id)}/macro-assets` }
	};
}

export function macroAssetFeature(asset: MacroAsset): MacroAssetFeature {
	return {
		type: 'Feature',
		id: asset.id,
		bbox: asset.bbox,
		geometry: asset.geometry,
		properties: {
			id: asset.id,
			name: asset.name,
			kind: asset.kind,
			status: asset.status,
			description: asset.description,
			timeline: asset.timeline,
			investment_gbp: asset.investmentGbp,
			homes: asset.homes,
			jobs: asset.jobs,
			owners: asset.owners,
			partners: asset.partners,
			source: asset.source,
			illustrative: asset.illustrative,
			label_point: asset.labelPoint
		}
	};
}

export function macroAssetFeatureCollection(assets: readonly MacroAsset[]): MacroAssetFeatureCollection {
	return { type: 'FeatureCollection', features: assets.map(macroAssetFeature) };
}

/** GeoJSON's registered media type (RFC 7946 §12). */
export const GEOJSON_CONTENT_TYPE = 'application/geo+json';
