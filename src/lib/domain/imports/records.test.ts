import { describe, expect, it } from 'vitest';
import { parseMapOption, parseSetOption, type FieldMapping } from './mapping';
import { validateImport, type ValidationResult } from './records';
import { parseCsv, type SourceFile, type SourceRecord } from './source';

const square = (lon: number, lat: number) => ({
	type: 'Polygon',
	coordinates: [
		[
			[lon, lat],
			[lon + 0.01, lat],
			[lon + 0.01, lat + 0.01],
			[lon, lat + 0.01],
			[lon, lat]
		]
	]
});

function geojsonFile(records: Array<Omit<SourceRecord, 'number'>>, declared?: SourceFile['declaredCrs']): SourceFile {
	const fields = [...new Set(records.flatMap((record) => Object.keys(record.attributes)))];
	return {
		name: 'test.geojson',
		format: 'geojson',
		fields,
		declaredCrs: declared,
		records: records.map((record, index) => ({ ...record, number: index + 1 }))
	};
}

function mapping(map = '', set = ''): FieldMapping {
	const parsedMap = map ? parseMapOption(map) : new Map();
	const parsedSet = set ? parseSetOption(set) : new Map();
	if ('problem' in parsedMap || 'problem' in parsedSet) throw new Error('bad test mapping');
	return { map: parsedMap, set: parsedSet };
}

function valid(result: ValidationResult) {
	if (!result.ok) throw new Error(`expected a valid import, got:\n${result.problems.join('\n')}`);
	return result.value;
}

function problems(result: ValidationResult) {
	if (result.ok) throw new Error('expected problems');
	return result.problems;
}

describe('validateImport', () => {
	it('reports the example from the brief: feature number, id, field, value and the allowed values', () => {
		const file = geojsonFile([
			...Array.from({ length: 11 }, (_, i) => ({ attributes: { id: `s${i}`, name: `S${i}`, kind: 'housing', status: 'planned' }, geometry: square(-1.95, 52.49) })),
			{ attributes: { id: 'x', name: 'X', kind: 'hospitl', status: 'planned' }, geometry: square(-1.95, 52.49) }
		]);
		expect(problems(validateImport(file, { kind: 'macro-assets' }))).toEqual([
			'feature 12 (id "x"): field "kind": "hospitl" is not one of hospital, housing, mixed_use, regeneration, leisure, education, infrastructure, commercial, other'
		]);
	});

	it('refuses a NUL character in any text cell as the row\'s problem (PostgreSQL cannot store it)', () => {
		const file = geojsonFile([
			{ attributes: { id: 'a\u0000b', name: 'A', kind: 'housing', status: 'planned' }, geometry: square(-1.95, 52.49) },
			{ attributes: { id: 'c', name: 'C', kind: 'housing', status: 'planned', owners: ['x\u0000'] }, geometry: square(-1.95, 52.49) }
		]);
		expect(problems(validateImport(file, { kind: 'macro-assets' }))).toEqual([
			'feature 1 (id "a\\u0000b"): field "id": contains a NUL character (\\u0000), which the database cannot store: remove it from the file',
			'feature 2 (id "c"): field "owners": contains a NUL character (\\u0000), which the database cannot store: remove it from the file'
		]);
	});

	it('collects every bad row up to the limit, then says it stopped', () => {
		const file = geojsonFile(
			Array.from({ length: 80 }, (_, i) => ({ attributes: { name: `Hub ${i}`, hub_type: 'pub' }, geometry: { type: 'Point', coordinates: [-1.9, 52.5] } }))
		);
		const list = problems(validateImport(file, { kind: 'hubs' }));
		expect(list).toHaveLength(51);
		expect(list[0]).toMatch(/^feature 1 \(name "Hub 0"\): field "hub_type": "pub" is not one of/);
		expect(list[50]).toBe('stopped after 50 problems; there may be more');
	});

	it('makes ids from names, unique within the import, and around ids the file states', () => {
		const point = { type: 'Point', coordinates: [-1.93, 52.49] };
		const file = geojsonFile([
			{ attributes: { name: 'Boots', hub_type: 'health_centre' }, geometry: point },
			{ attributes: { name: 'Boots', hub_type: 'health_centre' }, geometry: point },
			{ attributes: { id: 'boots-2', name: 'Boots Corner', hub_type: 'health_centre' }, geometry: point },
			{ attributes: { name: 'Boots', hub_type: 'health_centre' }, geometry: point }
		]);
		const result = valid(validateImport(file, { kind: 'hubs', idPrefix: 'nhs-' }));
		expect(result.records.map((record) => record.key)).toEqual(['nhs-boots', 'nhs-boots-3', 'nhs-boots-2', 'nhs-boots-4']);
	});

	it('says which field is missing from the file and how to map it, listing the fields it has', () => {
		const file = geojsonFile([{ attributes: { Ward: 'Ladywood', WardCode: 'E05011151' }, geometry: square(-1.93, 52.47) }]);
		expect(problems(validateImport(file, { kind: 'reference-areas' }))).toEqual([
			'field "code" is required for reference-areas but test.geojson has no field of that name; name the field that holds it with --map code=<field>; the file\'s fields are Ward, WardCode'
		]);
		const mapped = valid(validateImport(file, { kind: 'reference-areas', mapping: mapping('code=WardCode,name=ward') }));
		expect(mapped.columns).toEqual(['code', 'name']);
		expect(mapped.records[0]!.values).toEqual({ code: 'E05011151', name: 'Ladywood' });
		expect(problems(validateImport(file, { kind: 'reference-areas', mapping: mapping('code=WardCD') }))).toEqual([
			'--map code=WardCD: test.geojson has no field "WardCD"; its fields are Ward, WardCode'
		]);
	});

	it('gives --set values to every row and checks them once', () => {
		const file = geojsonFile([{ attributes: { school_name: 'A School' }, geometry: { type: 'Point', coordinates: [-1.93, 52.49] } }]);
		const result = valid(validateImport(file, { kind: 'hubs', mapping: mapping('name=school_name', 'hub_type=School') }));
		expect(result.records[0]!.values).toMatchObject({ id: 'a-school', name: 'A School', hub_type: 'school' });
		expect(problems(validateImport(file, { kind: 'hubs', mapping: mapping('name=school_name', 'hub_type=scool') }))).toEqual([
			expect.stringMatching(/^--set hub_type=scool: "scool" is not one of community_centre/)
		]);
	});

	it('reads the IoD2019 File 1 headers without a mapping, and sets imd_year to 2019', () => {
		const file = parseCsv(
			'LSOA code (2011),LSOA name (2011),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\nE01008881,Birmingham 067A,"3,924",2\n',
			'File1.csv'
		);
		const result = valid(validateImport(file, { kind: 'imd' }));
		expect(result.columns).toEqual(['code', 'imd_rank', 'imd_decile', 'imd_year']);
		expect(result.records[0]!.values).toEqual({ code: 'E01008881', imd_rank: 3924, imd_decile: 2, imd_year: 2019 });
	});

	it('reads CSV points from lon/lat, easting/northing, or a geometry column, in that order of preference', () => {
		const lonLat = valid(validateImport(parseCsv('name,hub_type,Longitude,Latitude\nA,school,-1.93,52.49\n', 'a.csv'), { kind: 'hubs' }));
		expect(lonLat.crs).toEqual({ crs: 4326, from: 'the lon/lat columns' });
		expect(lonLat.records[0]!.geometry).toEqual({ type: 'Point', coordinates: [-1.93, 52.49] });

		const grid = valid(validateImport(parseCsv('name,hub_type,easting,northing\nA,school,402000,288000\n', 'a.csv'), { kind: 'hubs' }));
		expect(grid.crs).toEqual({ crs: 27700, from: 'the easting/northing columns' });

		const both = valid(
			validateImport(parseCsv('name,hub_type,easting,northing,geom\nA,school,402000,288000,"{""type"":""Point"",""coordinates"":[-1.9,52.5]}"\n', 'a.csv'), {
				kind: 'hubs'
			})
		);
		expect(both.records[0]!.geometry).toEqual({ type: 'Point', coordinates: [-1.9, 52.5] });

		const chosen = valid(
			validateImport(parseCsv('name,hub_type,easting,northing,geom\nA,school,402000,288000,POINT(0 0)\n', 'a.csv'), {
				kind: 'hubs',
				mapping: mapping('easting=easting,northing=northing')
			})
		);
		expect(chosen.crs?.crs).toBe(27700);
	});

	it('explains what a CSV without geometry needs', () => {
		expect(problems(validateImport(parseCsv('name,hub_type\nA,school\n', 'a.csv'), { kind: 'hubs' }))).toEqual([
			'a.csv has no geometry column: hubs rows need a WKT/GeoJSON column (--map geometry=<field>), lon and lat (--map lon=<field>,lat=<field>), or easting and northing (--map easting=<field>,northing=<field>); the file\'s fields are name, hub_type'
		]);
		expect(problems(validateImport(parseCsv('name,hub_type,x\nA,school,1\n', 'a.csv'), { kind: 'hubs', mapping: mapping('lon=x') }))).toEqual([
			expect.stringMatching(/^--map lon does not make a geometry: hubs rows need/)
		]);
	});

	it('guesses British National Grid from the values, and asks when a file mixes systems', () => {
		const grid = geojsonFile([{ attributes: { code: 'A' }, geometry: square(403000, 287000) }]);
		expect(valid(validateImport(grid, { kind: 'reference-areas' })).crs).toEqual({ crs: 27700, from: 'the coordinate values' });
		const mixed = geojsonFile([
			{ attributes: { code: 'A' }, geometry: square(403000, 287000) },
			{ attributes: { code: 'B' }, geometry: square(-1.95, 52.49) }
		]);
		expect(problems(validateImport(mixed, { kind: 'reference-areas' }))).toEqual([expect.stringMatching(/^cannot tell from the coordinates whether test\.geojson/)]);
		expect(problems(validateImport(mixed, { kind: 'reference-areas', crs: 27700 }))).toEqual([
			expect.stringMatching(/^feature 2 \(code "B"\): ring 1, position 1 \[-1\.95, 52\.49\] is not a British National Grid position/)
		]);
	});

	it('refuses a declared coordinate system it cannot convert', () => {
		const file = geojsonFile([{ attributes: { code: 'A' }, geometry: square(-1.95, 52.49) }], { unsupported: 'EPSG:3857', from: 'the GeoJSON "crs" member' });
		expect(problems(validateImport(file, { kind: 'reference-areas' }))).toEqual([
			'the GeoJSON "crs" member names the coordinate system "EPSG:3857", which imports do not convert; reproject the file to EPSG:4326 or EPSG:27700 first (or pass --crs if it really is one of those)'
		]);
	});

	it('checks references when it is given the ids that exist', () => {
		const file = parseCsv('macro_asset_id,skill_group_id,kind,title,count\nsite-a,care,job,Nurse,2\nsite-b,care,job,Porter,1\n', 'o.csv');
		const knownIds = new Map([
			['macro-asset', new Set(['site-a'])],
			['skill-group', new Set(['care'])]
		] as const);
		expect(problems(validateImport(file, { kind: 'opportunities', knownIds }))).toEqual([
			'row 2 (title "Porter"): field "macro_asset_id": "site-b" is not a macro-asset in the database'
		]);
		expect(valid(validateImport(file, { kind: 'opportunities' })).records.map((r) => r.key)).toEqual(['site-a-nurse', 'site-b-porter']);
	});

	it('lists only the columns the file supplies, so a re-import leaves the others alone', () => {
		const file = geojsonFile([{ attributes: { name: 'A', kind: 'housing', status: 'planned', homes: 10 }, geometry: square(-1.95, 52.49) }]);
		expect(valid(validateImport(file, { kind: 'macro-assets' })).columns).toEqual(['id', 'name', 'kind', 'status', 'homes']);
	});
});
