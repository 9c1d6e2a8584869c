/**
 * The command lines of places: `npm run import -- place <file> --id <id> --name "<name>" ...` and
 * `npm run place -- list | remove <id> [--force]`. Parsed with node:util parseArgs, checked here,
 * before any database is opened (so a usage error never waits for, or takes, the database lock).
 */
import { parseArgs } from 'node:util';
import { parseCrsName, type Crs } from '../../domain/imports/crs';
import { PLACE_ID_PATTERN } from './service';

export interface PlaceImportCommand {
	readonly file: string;
	readonly format: 'geojson' | 'shapefile';
	readonly id: string;
	readonly name: string;
	readonly srid?: number;
	readonly crs?: Crs;
	readonly source?: string;
	readonly makeValid: boolean;
	readonly dryRun: boolean;
}

type Parsed<T> = T | { readonly help: true } | { readonly usageError: string };

export function placeImportUsageText(): string {
	return `Usage: npm run import -- place <file> --id <id> --name "<name>" [options]

Creates a place from a boundary file, or replaces the boundary of the place with that id.
The file (GeoJSON .geojson/.json, or a shapefile .shp with its .dbf and .prj) holds one or more
polygons, e.g. a borough's wards; they are dissolved into one boundary (ST_Union).

Options:
  --id <id>            the place's id: lower-case letters, digits and hyphens (e.g. north-tyneside)
  --name "<name>"      what the app calls it
  --srid <EPSG>        the projected CRS in metres to measure distances and score cells in;
                       default: 27700 (British National Grid) inside Great Britain, else the UTM
                       zone of the boundary's centroid (326zz north, 327zz south); printed either way
  --crs 4326|27700     the file's coordinate system, when neither the file nor its values say
  --source "text"      where the boundary comes from (licence, publisher)
  --make-valid         store self-intersecting polygons repaired by ST_MakeValid (else refused)
  --dry-run            check everything, write nothing

Re-running with the same --id replaces the boundary; the place's score grid, cached distances and
published resident layers are dropped and recomputed when next asked for.
See also: npm run place -- list | remove <id> [--force]`;
}

export function parsePlaceImportArguments(argv: readonly string[]): Parsed<PlaceImportCommand> {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			allowPositionals: true,
			strict: true,
			options: {
				id: { type: 'string' },
				name: { type: 'string' },
				srid: { type: 'string' },
				crs: { type: 'string' },
				source: { type: 'string' },
				'make-valid': { type: 'boolean' },
				'dry-run': { type: 'boolean' },
				help: { type: 'boolean', short: 'h' }
			}
		});
	} catch (err) {
		return { usageError: (err as Error).message.split('\n')[0]! };
	}
	const { values, positionals } = parsed;
	if (values.help) return { help: true };
	const [file, ...extra] = positionals;
	if (!file) return { usageError: 'say which boundary file to import as a place' };
	if (extra.length) return { usageError: `unexpected argument "${extra[0]}" (one boundary file per place)` };
	const lower = file.toLowerCase();
	const format = lower.endsWith('.geojson') || lower.endsWith('.json') ? 'geojson' : lower.endsWith('.shp') ? 'shapefile' : undefined;
	if (!format) {
		return { usageError: `cannot tell the format of "${file}": a boundary is GeoJSON (.geojson/.json) or a shapefile (.shp${lower.endsWith('.zip') ? '; unzip it first' : ''})` };
	}
	if (values.id === undefined) return { usageError: 'say the place\'s id with --id <id>' };
	if (!PLACE_ID_PATTERN.test(values.id)) return { usageError: `--id "${values.id}" is not a place id: lower-case letters, digits and hyphens, starting with a letter or digit` };
	if (values.name === undefined || !values.name.trim()) return { usageError: 'say the place\'s name with --name "<name>"' };
	if (values.name.length > 200) return { usageError: '--name may be at most 200 characters' };
	let srid: number | undefined;
	if (values.srid !== undefined) {
		const code = /^(?:EPSG:)?(\d{4,6})$/i.exec(values.srid.trim())?.[1];
		if (!code) return { usageError: `--srid must be an EPSG code such as 27700 or 32630, not "${values.srid}"` };
		srid = Number(code);
	}
	let crs: Crs | undefined;
	if (values.crs !== undefined) {
		crs = parseCrsName(values.crs);
		if (!crs) return { usageError: `--crs must be 4326 (WGS84 longitude/latitude) or 27700 (British National Grid), not "${values.crs}"` };
	}
	return {
		file,
		format,
		id: values.id,
		name: values.name.trim(),
		srid,
		crs,
		source: values.source,
		makeValid: values['make-valid'] ?? false,
		dryRun: values['dry-run'] ?? false
	};
}

export type PlaceCommand = { readonly list: true } | { readonly remove: string; readonly force: boolean };

export function placeUsageText(): string {
	return `Usage: npm run place -- list
       npm run place -- remove <id> [--force]

list     every place: id, name, measuring CRS, area, capital projects, hubs, enterprises and
         person-level records
remove   deletes a place and everything in it (sites, opportunities, hubs, enterprises, scores,
         scenarios, stories). Refused while the place holds person-level records (residents'
         skills, researchers' outreach routes) unless --force; a forced removal is audited.

Places are created (or their boundary replaced) by: npm run import -- place <file> --id <id> --name "<name>"
Exit status: 0 done, 1 refused, 2 usage error.`;
}

export function parsePlaceArguments(argv: readonly string[]): Parsed<PlaceCommand> {
	let parsed;
	try {
		parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
	} catch (err) {
		return { usageError: (err as Error).message.split('\n')[0]! };
	}
	const { values, positionals } = parsed;
	if (values.help) return { help: true };
	const [verb, id, ...extra] = positionals;
	if (verb === 'list') {
		if (id !== undefined) return { usageError: `unexpected argument "${id}": list takes none` };
		if (values.force) return { usageError: '--force applies to remove' };
		return { list: true };
	}
	if (verb === 'remove') {
		if (id === undefined) return { usageError: 'say which place to remove: remove <id>' };
		if (extra.length) return { usageError: `unexpected argument "${extra[0]}" (one place at a time)` };
		if (!PLACE_ID_PATTERN.test(id)) return { usageError: `"${id}" is not a place id` };
		return { remove: id, force: values.force ?? false };
	}
	return { usageError: verb === undefined ? 'say what to do: list or remove <id>' : `unknown command "${verb}"; commands are list and remove` };
}
