import { describe, expect, it } from 'vitest';
import { usageText } from '../../domain/imports/arguments';
import { parseImportArguments } from './command-line';

describe('parseImportArguments', () => {
	it('reads a full command line', () => {
		const parsed = parseImportArguments([
			'reference-areas',
			'Ward.shp',
			'--area-type=ward',
			'--map',
			'code=WardCode',
			'--map',
			'name=Ward',
			'--crs',
			'EPSG:27700',
			'--source',
			'ONS (OGL v3)',
			'--make-valid',
			'--dry-run'
		]);
		expect(parsed).toEqual({
			command: {
				kind: 'reference-areas',
				file: 'Ward.shp',
				format: 'shapefile',
				areaType: 'ward',
				crs: 27700,
				mapping: {
					map: new Map([
						['code', ['WardCode']],
						['name', ['Ward']]
					]),
					set: new Map([['source', 'ONS (OGL v3)']])
				},
				place: undefined,
				idPrefix: undefined,
				makeValid: true,
				dryRun: true
			}
		});
	});

	it.each([
		[[], 'say what to import: a kind and a file'],
		[['schools', 'a.csv'], 'unknown kind "schools"; kinds are macro-assets, opportunities, hubs, enterprises, reference-areas, imd, population, osm'],
		[['hubs'], 'say which file to import as hubs'],
		[['hubs', 'a.xlsx'], 'cannot tell the format of "a.xlsx": use .geojson/.json (GeoJSON), .csv (CSV) or .shp (shapefile)'],
		[['reference-areas', 'a.geojson'], 'reference-areas needs --area-type (ward, lsoa, msoa, output_area, neighbourhood)'],
		[['reference-areas', 'a.geojson', '--area-type', 'county'], '--area-type must be one of ward, lsoa, msoa, output_area, neighbourhood'],
		[['hubs', 'a.csv', '--crs', '3857'], '--crs must be 4326 (WGS84 longitude/latitude) or 27700 (British National Grid), not "3857"'],
		[['hubs', 'a.csv', '--colour', 'red'], 'unknown option --colour'],
		[['hubs', 'a.csv', '--place'], '--place needs a value'],
		[['imd', 'a.csv', '--place', 'x'], '--place does not apply to imd, which do not belong to a place'],
		[['imd', 'a.csv', '--source', 'x'], '--source does not apply to imd'],
		[['hubs', 'a.csv', '--map', 'colour=c'], expect.stringMatching(/^--map colour: hubs has no field "colour"; its fields are id, name/)],
		[['hubs', 'a.geojson', '--map', 'lon=x,lat=y'], '--map lon: only CSV files take their geometry from fields'],
		[['hubs', 'a.csv', '--map', 'hub_type=t', '--set', 'hub_type=school'], 'hub_type is given both by --map and by --set; use one'],
		[['hubs', 'a.csv', '--make-valid'], '--make-valid applies to polygons; hubs have none'],
		[['hubs', 'a.csv', 'b.csv'], 'unexpected argument "b.csv" (one file per import)']
	])('%j -> %s', (argv, usageError) => {
		expect(parseImportArguments(argv)).toEqual({ usageError });
	});

	it('answers --help with the usage text, which lists kinds, formats and options', () => {
		expect(parseImportArguments(['hubs', '--help'])).toEqual({ help: true });
		const usage = usageText();
		for (const word of ['macro-assets', 'reference-areas', 'imd', '.shp', '.csv', '.geojson', '--map', '--set', '--place', '--dry-run', '--crs']) {
			expect(usage).toContain(word);
		}
	});
});

describe('parseImportArguments: osm', () => {
	it('reads an OpenStreetMap import of either format, with --place and --dry-run', () => {
		expect(parseImportArguments(['osm', 'smethwick.osm.pbf', '--place', 'greater-icknield', '--dry-run'])).toEqual({
			osm: { file: 'smethwick.osm.pbf', format: 'pbf', place: 'greater-icknield', dryRun: true }
		});
		expect(parseImportArguments(['osm', 'leeds.osm'])).toEqual({ osm: { file: 'leeds.osm', format: 'xml', place: undefined, dryRun: false } });
	});

	it('refuses what does not apply to osm, and files it cannot read', () => {
		expect(parseImportArguments(['osm'])).toEqual({ usageError: 'say which OpenStreetMap file to import as osm (.osm or .osm.pbf)' });
		expect(parseImportArguments(['osm', 'a.osm', '--map', 'x=y'])).toEqual({
			usageError: '--map does not apply to osm; its options are --place and --dry-run'
		});
		expect(parseImportArguments(['osm', 'a.osm', '--make-valid'])).toMatchObject({ usageError: expect.stringMatching(/^--make-valid does not apply/) });
		expect(parseImportArguments(['osm', 'a.osm.bz2'])).toEqual({
			usageError: 'cannot tell the format of "a.osm.bz2": an OpenStreetMap file ends in .osm (XML) or .osm.pbf (PBF); decompress it first'
		});
		expect(parseImportArguments(['osm', 'a.osm', '--place', 'Nowhere!'])).toEqual({ usageError: '--place "Nowhere!" is not a place id' });
		expect(usageText()).toMatch(/\n {2}osm {14}a walking network from OpenStreetMap/);
	});
});
