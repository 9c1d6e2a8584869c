import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toWgs84 } from './crs';
import {
	checkGeometry,
	MAX_POLYGONS_PER_FEATURE,
	MAX_POSITIONS_PER_FEATURE,
	MAX_RINGS_PER_FEATURE,
	measureCoordinates,
	rawPositions
} from './geometry';

const lonLat = toWgs84(4326);
const square = [
	[-1.95, 52.49],
	[-1.94, 52.49],
	[-1.94, 52.5],
	[-1.95, 52.5],
	[-1.95, 52.49]
];

describe('checkGeometry', () => {
	it('stores a Polygon as a one-part MultiPolygon', () => {
		expect(checkGeometry({ type: 'Polygon', coordinates: [square] }, 'polygon', 4326, lonLat)).toEqual({
			geometry: { type: 'MultiPolygon', coordinates: [[square]] },
			positions: 5
		});
	});

	it('drops a third coordinate (height) and keeps a single-point MultiPoint as a Point', () => {
		expect(checkGeometry({ type: 'MultiPoint', coordinates: [[-1.9, 52.5, 140]] }, 'point', 4326, lonLat)).toEqual({
			geometry: { type: 'Point', coordinates: [-1.9, 52.5] },
			positions: 1
		});
	});

	it.each([
		[undefined, 'the geometry is missing'],
		[{ type: 'Polygon' }, 'the geometry is not GeoJSON (a Polygon or MultiPolygon with "type" and "coordinates")'],
		[{ type: 'Polygon', coordinates: [] }, 'the polygon has no rings'],
		[{ type: 'MultiPolygon', coordinates: [] }, 'the geometry is an empty MultiPolygon'],
		[{ type: 'Polygon', coordinates: [square.slice(0, 4)] }, 'ring 1 is not closed: it starts at [-1.95, 52.49] and ends at [-1.95, 52.5]'],
		[{ type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] }, 'ring 1 has 3 positions; a closed ring needs at least 4'],
		[{ type: 'Polygon', coordinates: [[square[0], square[1], square[1], square[0]]] }, 'ring 1 has fewer than 3 distinct positions, so it encloses no area'],
		[{ type: 'Polygon', coordinates: [[square[0], [null, 52.5], ...square.slice(2)]] }, 'ring 1, position 2 has x = null, not a finite number'],
		[{ type: 'MultiPolygon', coordinates: [[square], [square, [[-1.95, 52.49], [Number.POSITIVE_INFINITY, 52.5]]]] }, 'polygon 2, ring 2, position 2 has x = null, not a finite number'],
		[{ type: 'Polygon', coordinates: [[[-1.95, 52.49], 'x', ...square.slice(2)]] }, 'ring 1, position 2 is not a coordinate pair'],
		[{ type: 'LineString', coordinates: square }, 'the geometry is a LineString; a Polygon or MultiPolygon is needed'],
		[{ type: 'Point', coordinates: [402000, 288000] }, 'the geometry is a Point; a Polygon or MultiPolygon is needed']
	])('refuses %j', (raw, problem) => {
		expect(checkGeometry(JSON.parse(JSON.stringify(raw ?? null)), 'polygon', 4326, lonLat)).toEqual({ problem });
	});

	it('names coordinates given in the wrong system and suggests --crs', () => {
		expect(checkGeometry({ type: 'Point', coordinates: [402000, 288000] }, 'point', 4326, lonLat)).toEqual({
			problem:
				'the point [402000, 288000] is outside longitude -180..180 / latitude -90..90 (it looks like British National Grid metres: try --crs 27700)'
		});
		expect(checkGeometry({ type: 'Point', coordinates: [-1.96, 52.49] }, 'point', 27700, toWgs84(27700))).toEqual({
			problem:
				'the point [-1.96, 52.49] is not a British National Grid position (0..700000 E, 0..1300000 N) (it looks like longitude/latitude: try --crs 4326)'
		});
	});

	it('refuses features with more vertices than any boundary we load', () => {
		const ring = Array.from({ length: MAX_POSITIONS_PER_FEATURE + 1 }, (_, i) => [-1.9 + i * 1e-9, 52.5]);
		ring.push(ring[0]!);
		expect(checkGeometry({ type: 'Polygon', coordinates: [ring] }, 'polygon', 4326, lonLat)).toHaveProperty('problem');
	});

	it('projects British National Grid rings, keeping them closed', () => {
		const grid = [
			[403000, 287000],
			[403500, 287000],
			[403500, 287500],
			[403000, 287000]
		];
		const result = checkGeometry({ type: 'Polygon', coordinates: [grid] }, 'polygon', 27700, toWgs84(27700));
		expect(result).toHaveProperty('geometry');
		const ring = (result as { geometry: { coordinates: number[][][][] } }).geometry.coordinates[0]![0]!;
		expect(ring[0]).toEqual(ring[3]);
		expect(ring[0]![0]).toBeCloseTo(-1.955, 2);
	});

	it('accepts every closed ring of finite lon/lat and returns it unchanged', () => {
		const position = fc.tuple(
			fc.double({ min: -180, max: 180, noNaN: true }),
			fc.double({ min: -90, max: 90, noNaN: true })
		);
		fc.assert(
			fc.property(fc.uniqueArray(position, { minLength: 3, maxLength: 20, selector: ([x, y]) => `${x} ${y}` }), (positions) => {
				const ring = [...positions, positions[0]!];
				const result = checkGeometry({ type: 'Polygon', coordinates: [ring] }, 'polygon', 4326, lonLat);
				expect(result).toEqual({ geometry: { type: 'MultiPolygon', coordinates: [[ring]] }, positions: ring.length });
			})
		);
	});
});

describe('rawPositions', () => {
	it('lists the finite pairs of any geometry, skipping broken ones', () => {
		expect([...rawPositions({ type: 'MultiPoint', coordinates: [[1, 2], ['x', 3], [4, 5, 6]] })]).toEqual([
			[4, 5],
			[1, 2]
		]);
	});
});

describe('size and nesting limits, checked before any position is read', () => {
	it('measures a list nested 100,000 deep without recursion', () => {
		let nested: unknown = [0, 0];
		for (let i = 0; i < 100_000; i++) nested = [nested];
		expect(measureCoordinates(nested)).toEqual({ positions: 1, depth: 100_001 });
		expect(checkGeometry({ type: 'MultiPolygon', coordinates: nested }, 'polygon', 4326, lonLat)).toEqual({
			problem: 'the coordinates are nested 100001 lists deep; a MultiPolygon has 4: the file is damaged or not GeoJSON, re-export it'
		});
	});

	it('guesses the CRS from a 1,000,000-position ring without overflowing the stack', () => {
		const ring = Array.from({ length: 1_000_000 }, (_, i) => [-1.9 - i * 1e-8, 52.5]);
		let count = 0;
		for (const position of rawPositions({ type: 'Polygon', coordinates: [ring] })) count += position.length / 2;
		expect(count).toBe(1_000_000);
	});

	it('refuses more positions than the limit, saying how to simplify', () => {
		const ring = Array.from({ length: MAX_POSITIONS_PER_FEATURE + 1 }, () => [-1.95, 52.49]);
		const result = checkGeometry({ type: 'Polygon', coordinates: [ring] }, 'polygon', 4326, lonLat);
		expect(result).toEqual({ problem: expect.stringMatching(/^the geometry has 100001 positions; at most 100000 .*simplify/) });
	});

	it('refuses more polygons or rings than the limits, saying what to do', () => {
		const parts = Array.from({ length: MAX_POLYGONS_PER_FEATURE + 1 }, () => [square]);
		expect(checkGeometry({ type: 'MultiPolygon', coordinates: parts }, 'polygon', 4326, lonLat)).toEqual({
			problem: expect.stringMatching(/^the geometry has 501 polygons; at most 500 .*dissolve/)
		});
		const holes = Array.from({ length: MAX_RINGS_PER_FEATURE + 1 }, () => square);
		expect(checkGeometry({ type: 'Polygon', coordinates: holes }, 'polygon', 4326, lonLat)).toEqual({
			problem: expect.stringMatching(/^the geometry has 5001 rings; at most 5000 .*holes/)
		});
	});
});
