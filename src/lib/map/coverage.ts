/**
 * The coverage map's classes (issue 11, part 5): each area is shaded by its published responses per
 * 1,000 residents against the under-surveyed threshold T, in four steps a legend can name (a
 * continuous ramp would suggest a precision the rounded counts do not have), with withheld areas
 * grey. Under-surveyed areas are outlined on top, whatever their fill.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point } from 'geojson';

export type CoverageClass = 'withheld' | 'none' | 'zero' | 'below' | 'near' | 'above';

/** Sequential blues (ColorBrewer Blues), darker = better covered; grey for withheld. */
export const COVERAGE_COLOURS: Readonly<Record<CoverageClass, string>> = {
	withheld: '#bdbdbd',
	none: '#ffffff',
	zero: '#f7fbff',
	below: '#c6dbef',
	near: '#6baed6',
	above: '#2171b5'
};
export const UNDER_SURVEYED_COLOUR = '#d94801';
export const HUB_COLOUR = '#222222';

/**
 * @param count published count (null = withheld)
 * @param ratePer1000 null without a population figure
 * @param threshold T, responses per 1,000 below which an area is under-surveyed
 */
export function coverageClass(count: number | null, ratePer1000: number | null, threshold: number): CoverageClass {
	if (count === null) return 'withheld';
	if (ratePer1000 === null) return 'none';
	if (ratePer1000 === 0) return 'zero';
	if (ratePer1000 < threshold) return 'below';
	return ratePer1000 < 2 * threshold ? 'near' : 'above';
}

const number = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

/** The legend's rows, in the order of the fill's steps. */
export function coverageLegend(threshold: number, k: number): { cls: CoverageClass; label: string }[] {
	return [
		{ cls: 'zero', label: 'no responses' },
		{ cls: 'below', label: `under ${number(threshold)} per 1,000 residents` },
		{ cls: 'near', label: `${number(threshold)} to under ${number(2 * threshold)} per 1,000` },
		{ cls: 'above', label: `${number(2 * threshold)} or more per 1,000` },
		{ cls: 'withheld', label: `withheld (fewer than ${k} responses, or hidden to protect a neighbour)` }
	];
}

export interface CoverageMapArea {
	code: string;
	name: string | null;
	count: number | null;
	ratePer1000: number | null;
	underSurveyed: boolean;
	geometry: MultiPolygon;
}

/** The areas as GeoJSON for the map: class and flag as properties (feature-state is not needed). */
export function coverageAreaFeatures(areas: readonly CoverageMapArea[], threshold: number): FeatureCollection<MultiPolygon> {
	return {
		type: 'FeatureCollection',
		features: areas.map(
			(a): Feature<MultiPolygon> => ({
				type: 'Feature',
				id: a.code,
				properties: { code: a.code, name: a.name ?? a.code, cls: coverageClass(a.count, a.ratePer1000, threshold), under: a.underSurveyed },
				geometry: a.geometry
			})
		)
	};
}

export function hubFeatures(hubs: readonly { id: string; name: string; lon: number; lat: number }[]): FeatureCollection<Point> {
	return {
		type: 'FeatureCollection',
		features: hubs.map((h) => ({ type: 'Feature', id: h.id, properties: { name: h.name }, geometry: { type: 'Point', coordinates: [h.lon, h.lat] } }))
	};
}

/** MapLibre's fill colour: a match on the class property. */
export function coverageFillColour(): unknown[] {
	return ['match', ['get', 'cls'], ...Object.entries(COVERAGE_COLOURS).flat(), '#ffffff'];
}
