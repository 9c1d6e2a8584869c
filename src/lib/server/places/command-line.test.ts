import { describe, expect, it } from 'vitest';
import { parsePlaceArguments, parsePlaceImportArguments } from './command-line';

describe('npm run import -- place', () => {
	it('reads the file, id, name and options', () => {
		expect(parsePlaceImportArguments(['tyne.geojson', '--id', 'north-tyne', '--name', 'North Tyne', '--srid', 'EPSG:32630', '--make-valid', '--dry-run'])).toEqual({
			file: 'tyne.geojson',
			format: 'geojson',
			id: 'north-tyne',
			name: 'North Tyne',
			srid: 32630,
			crs: undefined,
			source: undefined,
			makeValid: true,
			dryRun: true
		});
		expect(parsePlaceImportArguments(['wards.shp', '--id', 'x', '--name', 'X', '--crs', '27700'])).toMatchObject({ format: 'shapefile', crs: 27700 });
	});

	it('refuses what it cannot use, saying what is missing', () => {
		expect(parsePlaceImportArguments(['a.geojson', '--name', 'A'])).toEqual({ usageError: "say the place's id with --id <id>" });
		expect(parsePlaceImportArguments(['a.geojson', '--id', 'A b', '--name', 'A'])).toMatchObject({ usageError: expect.stringContaining('is not a place id') });
		expect(parsePlaceImportArguments(['a.geojson', '--id', 'a'])).toMatchObject({ usageError: expect.stringContaining('--name') });
		expect(parsePlaceImportArguments(['a.zip', '--id', 'a', '--name', 'A'])).toMatchObject({ usageError: expect.stringContaining('unzip it first') });
		expect(parsePlaceImportArguments(['a.geojson', '--id', 'a', '--name', 'A', '--srid', 'utm'])).toMatchObject({ usageError: expect.stringContaining('--srid') });
		expect(parsePlaceImportArguments(['a.geojson', '--id', 'a', '--name', 'A', '--colour'])).toMatchObject({ usageError: expect.stringContaining('--colour') });
		expect(parsePlaceImportArguments(['--help'])).toEqual({ help: true });
	});
});

describe('npm run place', () => {
	it('lists and removes', () => {
		expect(parsePlaceArguments(['list'])).toEqual({ list: true });
		expect(parsePlaceArguments(['remove', 'north-tyne'])).toEqual({ remove: 'north-tyne', force: false });
		expect(parsePlaceArguments(['remove', 'north-tyne', '--force'])).toEqual({ remove: 'north-tyne', force: true });
	});

	it('refuses anything else', () => {
		expect(parsePlaceArguments([])).toMatchObject({ usageError: expect.stringContaining('list or remove') });
		expect(parsePlaceArguments(['remove'])).toMatchObject({ usageError: expect.stringContaining('which place') });
		expect(parsePlaceArguments(['drop', 'x'])).toMatchObject({ usageError: expect.stringContaining('unknown command') });
		expect(parsePlaceArguments(['list', '--force'])).toMatchObject({ usageError: expect.stringContaining('--force') });
	});
});
