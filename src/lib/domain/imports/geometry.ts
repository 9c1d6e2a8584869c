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

/**
 * Per-feature polygon ceiling. A ward or LSOA has a handful of parts; a thousand overlapping
 * parts made PostGIS's validity check and ST_MakeValid run out of memory in the embedded build.
 */
export const MAX_POLYGONS_PER_FEATURE = 500;

/** Per-feature ring ceiling (outer rings and holes together), for the same reason. */
export const MAX_RINGS_PER_FEATURE = 5_000;

/**
 * The largest invalid polygon --make-valid repairs. ST_MakeValid on a self-intersecting polygon
 * of 99,999 vertices ran for minutes; generalised boundaries that need repair have far fewer.
 */
export const MAX_REPAIR_POSITIONS = 20_000;

/** How deeply a MultiPolygon's coordinates nest lists: polygons, rings, positions, numbers. */
const MAX_NESTING = 4;

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
			// One at a time: spreading a 1,000,000-item list into push() overflows the call stack.
		} else for (const child of item) stack.push(child);
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

export interface CoordinateShape {
	/** Number pairs (or longer tuples) found. */
	readonly positions: number;
	/** Lists nested inside one another, the outermost included (a Point's coordinates: 1). */
	readonly depth: number;
}

/**
 * Counts positions and nesting without recursion, so a file nested 100,000 lists deep is measured
 * and refused instead of overflowing the stack. Stops counting once past `stopAfter` positions.
 */
export function measureCoordinates(raw: unknown, stopAfter = Infinity): CoordinateShape {
	if (!Array.isArray(raw)) return { positions: 0, depth: 0 };
	let positions = 0;
	let depth = 0;
	const stack: Array<[unknown[], number]> = [[raw, 1]];
	while (stack.length && positions <= stopAfter) {
		const [list, level] = stack.pop()!;
		depth = Math.max(depth, level);
		if (list.length === 0 || typeof list[0] === 'number') positions++;
		else for (const item of list) if (Array.isArray(item)) stack.push([item, level + 1]);
	}
	return { positions, depth };
}

const EXPECTED_DEPTH: Readonly<Record<string, number>> = { Point: 1, MultiPoint: 2, Polygon: 3, MultiPolygon: 4 };

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
	// Sizes are checked before any position is read: PostGIS must never see a runaway geometry.
	const { positions, depth } = measureCoordinates(coordinates);
	if (depth > MAX_NESTING) {
		const expected = EXPECTED_DEPTH[type];
		return {
			problem:
				`the coordinates are nested ${depth} lists deep; ` +
				(expected ? `a ${type} has ${expected}` : `a MultiPolygon has ${MAX_NESTING}`) +
				': the file is damaged or not GeoJSON, re-export it'
		};
	}
	if (positions > MAX_POSITIONS_PER_FEATURE) {
		return {
			problem:
				`the geometry has ${positions} positions; at most ${MAX_POSITIONS_PER_FEATURE} are accepted per feature: ` +
				'simplify it first (e.g. mapshaper -simplify 10% or QGIS Simplify), which keeps its shape at map scale'
		};
	}
	if (type === 'MultiPolygon' && coordinates.length > MAX_POLYGONS_PER_FEATURE) {
		return {
			problem:
				`the geometry has ${coordinates.length} polygons; at most ${MAX_POLYGONS_PER_FEATURE} are accepted per feature: ` +
				'dissolve overlapping parts or split the feature into several (e.g. QGIS Dissolve, or Multipart to singleparts)'
		};
	}
	const rings = type === 'MultiPolygon' ? coordinates.reduce((sum: number, polygon) => sum + (Array.isArray(polygon) ? polygon.length : 0), 0) : type === 'Polygon' ? coordinates.length : 0;
	if (rings > MAX_RINGS_PER_FEATURE) {
		return {
			problem:
				`the geometry has ${rings} rings; at most ${MAX_RINGS_PER_FEATURE} are accepted per feature: ` +
				'remove slivers and tiny holes first (e.g. QGIS Delete holes) or split the feature'
		};
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
