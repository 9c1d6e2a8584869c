/**
 * Straight-line metres on the ground from a point to points and polygons, for lists of places a
 * walk apart (a few km). A local equirectangular projection around the origin (x = R·Δλ·cos φ0,
 * y = R·Δφ) is within about 0.1% of the geodesic distance at these ranges in Britain, far below
 * the positions' own accuracy (tens to hundreds of metres).
 */
import type { MultiPolygon, Position } from 'geojson';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

export interface LonLat {
	lon: number;
	lat: number;
}

function projector(origin: LonLat): (p: Position) => [number, number] {
	const k = Math.cos(origin.lat * RAD);
	return (p) => [(p[0]! - origin.lon) * RAD * EARTH_RADIUS_M * k, (p[1]! - origin.lat) * RAD * EARTH_RADIUS_M];
}

export function metresBetween(origin: LonLat, point: LonLat): number {
	const [x, y] = projector(origin)([point.lon, point.lat]);
	return Math.hypot(x, y);
}

function segmentDistance(ax: number, ay: number, bx: number, by: number): { d: number; t: number } {
	// Distance from (0, 0), the origin, to segment a–b.
	const dx = bx - ax;
	const dy = by - ay;
	const length2 = dx * dx + dy * dy;
	const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
	return { d: Math.hypot(ax + t * dx, ay + t * dy), t };
}

/**
 * Metres from the origin to a polygon (0 inside it), and the polygon's nearest point to it
 * (the origin itself when inside).
 */
export function metresToPolygon(origin: LonLat, polygon: MultiPolygon): { metres: number; nearest: LonLat } {
	const project = projector(origin);
	let inside = false;
	let best = { d: Infinity, lon: origin.lon, lat: origin.lat };
	for (const rings of polygon.coordinates) {
		let insideThis = false;
		rings.forEach((ring, r) => {
			const points = ring.map(project);
			let crossings = 0;
			for (let k = 0; k + 1 < points.length; k++) {
				const [ax, ay] = points[k]!;
				const [bx, by] = points[k + 1]!;
				if (ay > 0 !== by > 0 && ax + ((0 - ay) * (bx - ax)) / (by - ay) > 0) crossings++;
				const { d, t } = segmentDistance(ax, ay, bx, by);
				if (d < best.d) {
					const a = ring[k]!;
					const b = ring[k + 1]!;
					best = { d, lon: a[0]! + t * (b[0]! - a[0]!), lat: a[1]! + t * (b[1]! - a[1]!) };
				}
			}
			// Inside the outer ring and outside every hole.
			if (crossings % 2 === 1) insideThis = r === 0 ? true : false;
			else if (r === 0) insideThis = false;
		});
		if (insideThis) inside = true;
	}
	if (inside) return { metres: 0, nearest: { lon: origin.lon, lat: origin.lat } };
	return { metres: best.d, nearest: { lon: best.lon, lat: best.lat } };
}
