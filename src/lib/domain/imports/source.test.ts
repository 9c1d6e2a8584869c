import { describe, expect, it } from 'vitest';
import { parseCsv, parseGeoJson, SourceFormatError } from './source';

describe('parseGeoJson', () => {
	it('reads features, their fields, a Feature id and the crs member', () => {
		const file = parseGeoJson(
			JSON.stringify({
				type: 'FeatureCollection',
				crs: { type: 'name', properties: { name: 'EPSG:27700' } },
				features: [
					{ type: 'Feature', id: 'a-1', properties: { Name: 'A' }, geometry: null },
					{ type: 'Feature', properties: null, geometry: { type: 'Point', coordinates: [1, 2] } },
					{ type: 'Point', coordinates: [1, 2] }
				]
			}),
			'x.geojson'
		);
		expect(file.fields).toEqual(['Name', 'id']);
		expect(file.declaredCrs).toEqual({ crs: 27700, from: 'the GeoJSON "crs" member' });
		expect(file.records).toEqual([
			{ number: 1, attributes: { Name: 'A', id: 'a-1' }, geometry: null },
			{ number: 2, attributes: {}, geometry: { type: 'Point', coordinates: [1, 2] } },
			{ number: 3, attributes: {}, unreadable: 'is not a GeoJSON Feature' }
		]);
	});

	it('names what a file is when it is not a FeatureCollection', () => {
		expect(() => parseGeoJson('{"type":"Feature"}', 'x.geojson')).toThrow(
			'x.geojson must be a GeoJSON FeatureCollection with a "features" array; it is a Feature'
		);
		expect(() => parseGeoJson('{oops', 'x.geojson')).toThrow(SourceFormatError);
	});
});

describe('parseCsv', () => {
	it('reads a header and rows, with a byte-order mark and semicolons', () => {
		const file = parseCsv('\uFEFFname;lon;lat\r\nA;-1.9;52.5\r\n\r\n"B; C";-1.8;52.4\r\n', 'x.csv');
		expect(file.fields).toEqual(['name', 'lon', 'lat']);
		expect(file.records).toEqual([
			{ number: 1, attributes: { name: 'A', lon: '-1.9', lat: '52.5' } },
			{ number: 2, attributes: { name: 'B; C', lon: '-1.8', lat: '52.4' } }
		]);
	});

	it('reports rows whose cell count differs from the header', () => {
		const file = parseCsv('a,b\n1,2,3\n', 'x.csv');
		expect(file.records[0]!.unreadable).toBe('has 3 cells but the header has 2 columns');
	});

	it('refuses a repeated column name and an unclosed quote', () => {
		expect(() => parseCsv('a,b,a\n1,2,3\n', 'x.csv')).toThrow('x.csv names the column "a" twice in its header');
		expect(() => parseCsv('a,b\n"1,2\n', 'x.csv')).toThrow(/x\.csv is not valid CSV/);
	});
});
