/**
 * Checks a geometry from a file and converts it to what we store: a WGS84 Point or MultiPolygon.
 *
 * Everything here runs before the geometry reaches PostGIS. The embedded database's PostGIS is
 * experimental and a GEOS exception inside it can hang or end the instance (DESIGN.md), so rings
 * are checked for closure and size, every number for finiteness, every position for a sane
 * range in its CRS, and every feature for a sane vertex count.
 */
import type { MultiPolygon, Point, Position } from 'geojson';
import { isBritishNationalGrid, isLonLat, type Crs, type ToWgs84 } from './crs';

export type GeometryShape = 'polygon' | 'point';
export type ImportGeometry = Point | MultiPolygon;

/**
 * Per-feature vertex ceiling. The largest real boundaries we load (ONS wards, LSOAs) have a few
 * hundred vertices; 100,000 still admits detailed coastlines while refusing runaway files.
 */
export const MAX_POSITIONS_PER_FEATURE = 100_000;

export type GeometryResult =
	| { readonly geometry: ImportGeometry; readonly positions: number }
	| { readonly problem: string };

type Ring = [number, number][];
type Located<T> = { value: T } | { problem: string };

/** The positions a raw geometry holds (those that are number pairs), for guessing the CRS. */
export function* rawPositions(raw: unknown): Generator<readonly [number, number]> {
	if (typeof raw !== 'object' || raw === null || !('coordinates' in raw)) return;
	const stack: unknown[] = [raw.coordinates];
	while (stack.length) {
		const item = stack.pop();
		if (!Array.isArray(item)) continue;
		if (typeof item[0] === 'number' && typeof item[1] === 'number') {
			if (Number.isFinite(item[0]) && Number.isFinite(item[1])) yield [item[0], item[1]];
		} else stack.push(...item);
	}
}

function geometryType(raw: unknown): string | undefined {
	return typeof raw === 'object' && raw !== null && 'type' in raw && typeof raw.type === 'string'
		? raw.type
		: undefined;
}

function coordinatesOf(raw: unknown): unknown {
	return typeof raw === 'object' && raw !== null && 'coordinates' in raw ? raw.coordinates : undefined;
}

function readPosition(raw: unknown, where: string, crs: Crs): Located<[number, number]> {
	if (!Array.isArray(raw) || raw.length < 2) return { problem: `${where} is not a coordinate pair` };
	const [x, y] = raw as unknown[];
	for (const [axis, value] of [
		['x', x],
		['y', y]
	] as const) {
		if (typeof value !== 'number' || !Number.isFinite(value)) {
			return { problem: `${where} has ${axis} = ${JSON.stringify(value) ?? 'nothing'}, not a finite number` };
		}
	}
	const pair: [number, number] = [x as number, y as number];
	if (crs === 4326 && !isLonLat(...pair)) {
		return {
			problem:
				`${where} [${pair.join(', ')}] is outside longitude -180..180 / latitude -90..90` +
				(isBritishNationalGrid(...pair) ? ' (it looks like British National Grid metres: try --crs 27700)' : '')
		};
	}
	if (crs === 27700 && !isBritishNationalGrid(...pair)) {
		return {
			problem:
				`${where} [${pair.join(', ')}] is not a British National Grid position (0..700000 E, 0..1300000 N)` +
				(isLonLat(...pair) ? ' (it looks like longitude/latitude: try --crs 4326)' : '')
		};
	}
	return { value: pair };
}

function readRing(raw: unknown, where: string, crs: Crs): Located<Ring> {
	if (!Array.isArray(raw)) return { problem: `${where} is not a list of positions` };
	const ring: Ring = [];
	for (const [index, item] of raw.entries()) {
		const position = readPosition(item, `${where}, position ${index + 1}`, crs);
		if ('problem' in position) return position;
		ring.push(position.value);
	}
	if (ring.length < 4) {
		return { problem: `${where} has ${ring.length} positions; a closed ring needs at least 4` };
	}
	const first = ring[0]!;
	const last = ring[ring.length - 1]!;
	if (first[0] !== last[0] || first[1] !== last[1]) {
		return {
			problem: `${where} is not closed: it starts at [${first.join(', ')}] and ends at [${last.join(', ')}]`
		};
	}
	if (new Set(ring.map(([x, y]) => `${x} ${y}`)).size < 3) {
		return { problem: `${where} has fewer than 3 distinct positions, so it encloses no area` };
	}
	return { value: ring };
}

function readPolygon(raw: unknown, where: string, crs: Crs): Located<Ring[]> {
	if (!Array.isArray(raw) || raw.length === 0) return { problem: `${where || 'the polygon'} has no rings` };
	const rings: Ring[] = [];
	for (const [index, item] of raw.entries()) {
		const ring = readRing(item, `${where ? `${where}, ` : ''}ring ${index + 1}`, crs);
		if ('problem' in ring) return ring;
		rings.push(ring.value);
	}
	return { value: rings };
}

function countPositions(raw: unknown): number {
	if (!Array.isArray(raw)) return 0;
	if (typeof raw[0] === 'number' || raw.length === 0) return 1;
	let total = 0;
	for (const item of raw) total += countPositions(item);
	return total;
}

/**
 * Checks a raw geometry (GeoJSON-shaped, in `crs`) and returns it in WGS84: polygons as a
 * MultiPolygon (the schema stores every area as one), points as a Point.
 */
export function checkGeometry(raw: unknown, shape: GeometryShape, crs: Crs, project: ToWgs84): GeometryResult {
	if (raw === undefined || raw === null) return { problem: 'the geometry is missing' };
	const type = geometryType(raw);
	const coordinates = coordinatesOf(raw);
	const wanted = shape === 'polygon' ? 'a Polygon or MultiPolygon' : 'a Point';
	if (type === undefined || !Array.isArray(coordinates)) {
		return { problem: `the geometry is not GeoJSON (${wanted} with "type" and "coordinates")` };
	}
	const positions = countPositions(coordinates);
	if (positions > MAX_POSITIONS_PER_FEATURE) {
		return { problem: `the geometry has ${positions} positions; at most ${MAX_POSITIONS_PER_FEATURE} are accepted per feature` };
	}

	if (shape === 'point') {
		let pointCoordinates: unknown = coordinates;
		if (type === 'MultiPoint') {
			if (coordinates.length !== 1) return { problem: `the geometry is a MultiPoint of ${coordinates.length} points; ${wanted} is needed` };
			pointCoordinates = coordinates[0];
		} else if (type !== 'Point') return { problem: `the geometry is a ${type}; ${wanted} is needed` };
		const position = readPosition(pointCoordinates, 'the point', crs);
		if ('problem' in position) return position;
		return { geometry: { type: 'Point', coordinates: project(...position.value) }, positions: 1 };
	}

	let polygons: Ring[][];
	if (type === 'Polygon') {
		const polygon = readPolygon(coordinates, '', crs);
		if ('problem' in polygon) return polygon;
		polygons = [polygon.value];
	} else if (type === 'MultiPolygon') {
		if (coordinates.length === 0) return { problem: 'the geometry is an empty MultiPolygon' };
		polygons = [];
		for (const [index, item] of coordinates.entries()) {
			const polygon = readPolygon(item, `polygon ${index + 1}`, crs);
			if ('problem' in polygon) return polygon;
			polygons.push(polygon.value);
		}
	} else return { problem: `the geometry is a ${type}; ${wanted} is needed` };

	const projected: Position[][][] = polygons.map((rings) =>
		rings.map((ring) => ring.map(([x, y]) => project(x, y)))
	);
	return { geometry: { type: 'MultiPolygon', coordinates: projected }, positions };
}
