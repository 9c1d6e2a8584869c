/**
 * Plane geometry for polygons already projected to a metric CRS (GeoJSON coordinate order,
 * [x, y] in metres): just enough to place synthetic points inside areas and away from edges.
 */
import type { Random } from './random';

export type PlanarPosition = readonly [number, number];
export type PlanarRing = readonly PlanarPosition[];
/** Outer ring first, then holes (GeoJSON Polygon coordinates). */
export type PlanarPolygon = readonly PlanarRing[];
/** GeoJSON MultiPolygon coordinates. */
export type PlanarMultiPolygon = readonly PlanarPolygon[];

export interface Envelope {
	minX: number;
	minY: number;
	maxX: number;
	maxY: number;
}

export function envelopeOf(shape: PlanarMultiPolygon): Envelope {
	const envelope = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
	for (const polygon of shape) {
		for (const ring of polygon) {
			for (const [x, y] of ring) {
				envelope.minX = Math.min(envelope.minX, x);
				envelope.minY = Math.min(envelope.minY, y);
				envelope.maxX = Math.max(envelope.maxX, x);
				envelope.maxY = Math.max(envelope.maxY, y);
			}
		}
	}
	if (!Number.isFinite(envelope.minX)) throw new RangeError('cannot take the envelope of an empty shape');
	return envelope;
}

/** Even-odd crossing test of one ring (W. Randolph Franklin's PNPOLY). */
function insideRing(ring: PlanarRing, x: number, y: number): boolean {
	let inside = false;
	for (let k = 0, m = ring.length - 1; k < ring.length; m = k++) {
		const [xk, yk] = ring[k]!;
		const [xm, ym] = ring[m]!;
		if (yk > y !== ym > y && x < ((xm - xk) * (y - yk)) / (ym - yk) + xk) inside = !inside;
	}
	return inside;
}

/** Whether (x, y) lies inside the shape: inside an outer ring and outside that polygon's holes. */
export function containsPoint(shape: PlanarMultiPolygon, x: number, y: number): boolean {
	return shape.some(
		(polygon) =>
			polygon.length > 0 &&
			insideRing(polygon[0]!, x, y) &&
			polygon.slice(1).every((hole) => !insideRing(hole, x, y))
	);
}

/** Distance from (x, y) to the nearest edge of any ring of the shape. */
export function distanceToEdges(shape: PlanarMultiPolygon, x: number, y: number): number {
	let best = Infinity;
	for (const polygon of shape) {
		for (const ring of polygon) {
			for (let k = 1; k < ring.length; k++) {
				const [ax, ay] = ring[k - 1]!;
				const [bx, by] = ring[k]!;
				const dx = bx - ax;
				const dy = by - ay;
				const lengthSquared = dx * dx + dy * dy;
				const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
				best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
			}
		}
	}
	return best;
}

/** Whether (x, y) is inside the shape and at least `margin` from its edges. */
export function containsWithMargin(shape: PlanarMultiPolygon, x: number, y: number, margin: number): boolean {
	return containsPoint(shape, x, y) && (margin <= 0 || distanceToEdges(shape, x, y) >= margin);
}

/**
 * A point drawn uniformly from the shape's area by rejection from its envelope.
 * Throws after `maxTries` misses, which only a degenerate (near-zero-area) shape causes.
 */
export function uniformPointIn(random: Random, shape: PlanarMultiPolygon, maxTries = 10_000): [number, number] {
	const { minX, minY, maxX, maxY } = envelopeOf(shape);
	for (let attempt = 0; attempt < maxTries; attempt++) {
		const x = minX + random.next() * (maxX - minX);
		const y = minY + random.next() * (maxY - minY);
		if (containsPoint(shape, x, y)) return [x, y];
	}
	throw new RangeError(`no point found inside the shape after ${maxTries} tries: is its area near zero?`);
}
