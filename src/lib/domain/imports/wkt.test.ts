import { describe, expect, it } from 'vitest';
import { parseGeometryText } from './wkt';

describe('parseGeometryText', () => {
	it('reads WKT points, polygons with holes and multipolygons', () => {
		expect(parseGeometryText('POINT (-1.9 52.5)')).toEqual({ geometry: { type: 'Point', coordinates: [-1.9, 52.5] } });
		expect(parseGeometryText('polygon((0 0,1 0,1 1,0 0),(0.1 0.1,0.2 0.1,0.2 0.2,0.1 0.1))')).toEqual({
			geometry: {
				type: 'Polygon',
				coordinates: [
					[[0, 0], [1, 0], [1, 1], [0, 0]],
					[[0.1, 0.1], [0.2, 0.1], [0.2, 0.2], [0.1, 0.1]]
				]
			}
		});
		expect(parseGeometryText('MULTIPOLYGON Z (((0 0 9, 1 0 9, 1 1 9, 0 0 9)))')).toEqual({
			geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0, 9], [1, 0, 9], [1, 1, 9], [0, 0, 9]]]] }
		});
	});

	it('reads both ways of writing a MULTIPOINT, and an EWKT SRID', () => {
		const expected = { geometry: { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] } };
		expect(parseGeometryText('MULTIPOINT (1 2, 3 4)')).toEqual(expected);
		expect(parseGeometryText('MULTIPOINT ((1 2), (3 4))')).toEqual(expected);
		expect(parseGeometryText('SRID=27700;POINT(402000 288000)')).toEqual({
			geometry: { type: 'Point', coordinates: [402000, 288000] },
			srid: 27700
		});
	});

	it('keeps NaN and Infinity as numbers for the geometry check to name', () => {
		const parsed = parseGeometryText('POINT (NaN -Infinity)');
		expect(parsed).toHaveProperty('geometry');
		expect((parsed as { geometry: { coordinates: number[] } }).geometry.coordinates).toEqual([Number.NaN, -Infinity]);
	});

	it('reads a GeoJSON geometry written into a cell', () => {
		expect(parseGeometryText('{"type":"Point","coordinates":[-1.82,52.44]}')).toEqual({
			geometry: { type: 'Point', coordinates: [-1.82, 52.44] }
		});
	});

	it.each([
		['POLYGON ((0 0, 1 0, 1 1, 0 0)', 'is not well-formed WKT (check the brackets and commas of the POLYGON)'],
		['CIRCULARSTRING (0 0, 1 1, 2 0)', 'is a WKT CIRCULARSTRING, which imports do not read'],
		['POINT EMPTY', 'is an empty POINT'],
		['{"type":', 'starts like GeoJSON but is not valid JSON'],
		['52.5, -1.9', 'is not WKT, EWKT or a GeoJSON geometry'],
		['SRID=x;POINT (1 2)', 'has a malformed SRID=...; prefix']
	])('%s: %s', (text, problem) => {
		expect(parseGeometryText(text)).toEqual({ problem });
	});
});

describe('bracket nesting', () => {
	it('refuses WKT nested deeper than its type allows, without recursing into it', () => {
		const depth = 200_000;
		expect(parseGeometryText(`MULTIPOLYGON ${'('.repeat(depth)}1 2${')'.repeat(depth)}`)).toEqual({
			problem: 'nests brackets 200000 deep; a MULTIPOLYGON has at most 3: the cell is damaged, re-export it'
		});
		expect(parseGeometryText('POINT ((1 2))')).toEqual({ problem: 'nests brackets 2 deep; a POINT has at most 1: the cell is damaged, re-export it' });
	});
});
