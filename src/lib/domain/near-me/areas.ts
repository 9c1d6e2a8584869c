/**
 * A point to measure a neighbourhood from: the area-weighted centroid of its largest polygon's
 * outer ring (the shoelace formula). Neighbourhood outlines here are small (a few km), so treating
 * degrees as planar moves the point by metres, far below the outlines' own ±150 m accuracy.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

function ringCentroid(ring: readonly Position[]): { lon: number; lat: number; area: number } {
	let twiceArea = 0;
	let cx = 0;
	let cy = 0;
	for (let k = 0; k + 1 < ring.length; k++) {
		const [x0, y0] = ring[k]! as [number, number];
		const [x1, y1] = ring[k + 1]! as [number, number];
		const cross = x0 * y1 - x1 * y0;
		twiceArea += cross;
		cx += (x0 + x1) * cross;
		cy += (y0 + y1) * cross;
	}
	if (twiceArea === 0) {
		const n = Math.max(1, ring.length - 1);
		const sum = ring.slice(0, n).reduce((s, p) => [s[0]! + p[0]!, s[1]! + p[1]!], [0, 0]);
		return { lon: sum[0]! / n, lat: sum[1]! / n, area: 0 };
	}
	return { lon: cx / (3 * twiceArea), lat: cy / (3 * twiceArea), area: Math.abs(twiceArea / 2) };
}

export function areaCentroid(geometry: Polygon | MultiPolygon): { lon: number; lat: number } {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	let best = { lon: Number.NaN, lat: Number.NaN, area: -1 };
	for (const polygon of polygons) {
		const centroid = ringCentroid(polygon[0] ?? []);
		if (centroid.area > best.area) best = centroid;
	}
	return { lon: best.lon, lat: best.lat };
}
