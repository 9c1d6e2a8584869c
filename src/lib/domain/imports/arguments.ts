/**
 * The `npm run import` command line: parsing and the usage text. Pure, so every usage error the
 * CLI can print is unit-tested; anything that needs the file or the database is checked later.
 */
import { osmFormatOf, type OsmFormat } from '../osm/elements';
import { parseCrsName, type Crs } from './crs';
import {
	CSV_GEOMETRY_TARGETS,
	IMPORT_KINDS,
	KIND_SPECS,
	REFERENCE_AREA_TYPES,
	type ImportKind,
	type ReferenceAreaType
} from './kinds';
import { parseMapOption, parseSetOption, type FieldMapping } from './mapping';
import type { SourceFormat } from './source';

export interface ImportCommand {
	readonly kind: ImportKind;
	readonly file: string;
	readonly format: SourceFormat;
	readonly areaType?: ReferenceAreaType;
	readonly crs?: Crs;
	/** --map and --set; --source is folded in as `set source=...`. */
	readonly mapping: FieldMapping;
	readonly place?: string;
	readonly idPrefix?: string;
	/** Store invalid (self-intersecting) polygons repaired by ST_MakeValid instead of refusing them. */
	readonly makeValid: boolean;
	/** Point kinds: store polygons as a point on their surface (ST_PointOnSurface). */
	readonly asPoint?: boolean;
	/** Accept a file whose rows mostly lie outside the place (a city-wide file for one district). */
	readonly allowOutside?: boolean;
	readonly dryRun: boolean;
}

/** `osm <file>`: a place's walking network from an OpenStreetMap extract (src/lib/server/walking). */
export interface OsmImportCommand {
	readonly file: string;
	readonly format: OsmFormat;
	readonly place?: string;
	readonly dryRun: boolean;
}

export type ParsedArguments =
	| { readonly command: ImportCommand }
	| { readonly osm: OsmImportCommand }
	| { readonly help: true }
	| { readonly usageError: string };

/** The format a file name implies. */
export function formatOf(file: string): SourceFormat | undefined {
	const lower = file.toLowerCase();
	if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
	if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv';
	if (lower.endsWith('.shp')) return 'shapefile';
	return undefined;
}

const PLACE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const VALUE_OPTIONS = ['--area-type', '--crs', '--map', '--set', '--place', '--source', '--id-prefix'] as const;
export type ValueOption = (typeof VALUE_OPTIONS)[number];
export const FLAG_OPTIONS = ['--dry-run', '--make-valid', '--as-point', '--allow-outside'] as const;

/** A command line split into words and options (by node:util parseArgs in the CLI), not yet checked. */
export interface CommandLine {
	readonly positionals: readonly string[];
	/** Each value option's values, in the order given. */
	readonly values: ReadonlyMap<ValueOption, readonly string[]>;
	readonly dryRun: boolean;
	readonly makeValid: boolean;
	readonly asPoint?: boolean;
	readonly allowOutside?: boolean;
}

/** What an import command line asks for, or the usage error that says what is wrong with it. */
export function interpretImportArguments(line: CommandLine): ParsedArguments {
	const { positionals: positional, values, dryRun, makeValid } = line;
	const asPoint = line.asPoint ?? false;
	const allowOutside = line.allowOutside ?? false;
	for (const option of ['--area-type', '--crs', '--place', '--source', '--id-prefix'] as const) {
		if ((values.get(option)?.length ?? 0) > 1) return { usageError: `${option} may be given once` };
	}
	const one = (option: ValueOption) => values.get(option)?.[0];

	const [kindText, file, ...extra] = positional;
	if (!kindText) return { usageError: 'say what to import: a kind and a file' };
	if (kindText === 'osm') {
		if (asPoint || allowOutside) return { usageError: `${asPoint ? '--as-point' : '--allow-outside'} does not apply to osm; its options are --place and --dry-run` };
		return parseOsmArguments(file, extra, values, { dryRun, makeValid });
	}
	if (!(IMPORT_KINDS as readonly string[]).includes(kindText)) {
		return { usageError: `unknown kind "${kindText}"; kinds are ${[...IMPORT_KINDS, 'osm'].join(', ')}` };
	}
	const kind = kindText as ImportKind;
	const spec = KIND_SPECS[kind];
	if (!file) return { usageError: `say which file to import as ${kind}` };
	if (extra.length) return { usageError: `unexpected argument "${extra[0]}" (one file per import)` };
	const format = formatOf(file);
	if (!format) {
		return {
			usageError: `cannot tell the format of "${file}": use .geojson/.json (GeoJSON), .csv (CSV) or .shp (shapefile${
				file.toLowerCase().endsWith('.zip') ? '; unzip it first' : ''
			})`
		};
	}

	let areaType: ReferenceAreaType | undefined;
	const areaTypeText = one('--area-type');
	if (areaTypeText !== undefined) {
		if (!(REFERENCE_AREA_TYPES as readonly string[]).includes(areaTypeText)) {
			return { usageError: `--area-type must be one of ${REFERENCE_AREA_TYPES.join(', ')}` };
		}
		areaType = areaTypeText as ReferenceAreaType;
	}
	if (kind === 'reference-areas' && !areaType) {
		return { usageError: `reference-areas needs --area-type (${REFERENCE_AREA_TYPES.join(', ')})` };
	}
	if (kind === 'imd' && areaType && areaType !== 'lsoa') return { usageError: 'imd values belong to LSOAs: --area-type lsoa, or leave it out' };
	if (kind !== 'reference-areas' && kind !== 'imd' && kind !== 'population' && areaType) return { usageError: `--area-type does not apply to ${kind}` };

	let crs: Crs | undefined;
	const crsText = one('--crs');
	if (crsText !== undefined) {
		crs = parseCrsName(crsText);
		if (!crs) return { usageError: `--crs must be 4326 (WGS84 longitude/latitude) or 27700 (British National Grid), not "${crsText}"` };
		if (!spec.geometry) return { usageError: `--crs does not apply to ${kind}, which has no geometry` };
	}

	const place = one('--place');
	if (place !== undefined && !spec.placed) return { usageError: `--place does not apply to ${kind}, which do not belong to a place` };
	if (place !== undefined && !PLACE_ID.test(place)) return { usageError: `--place "${place}" is not a place id` };

	const idPrefix = one('--id-prefix');
	if (idPrefix !== undefined && spec.key !== 'id') return { usageError: `--id-prefix does not apply to ${kind}, whose rows are identified by code` };
	if (idPrefix !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(idPrefix)) {
		return { usageError: `--id-prefix "${idPrefix}" must be lower-case letters, digits and hyphens` };
	}

	const map = new Map<string, readonly string[]>();
	for (const text of values.get('--map') ?? []) {
		const parsed = parseMapOption(text);
		if ('problem' in parsed) return { usageError: parsed.problem };
		for (const [target, sources] of parsed) {
			if (map.has(target)) return { usageError: `--map names ${target} twice` };
			map.set(target, sources);
		}
	}
	const set = new Map<string, string>();
	for (const text of values.get('--set') ?? []) {
		const parsed = parseSetOption(text);
		if ('problem' in parsed) return { usageError: parsed.problem };
		for (const [target, value] of parsed) {
			if (set.has(target)) return { usageError: `--set names ${target} twice` };
			set.set(target, value);
		}
	}
	const source = one('--source');
	if (source !== undefined) {
		if (!spec.fields.some((f) => f.name === 'source')) return { usageError: `--source does not apply to ${kind}` };
		if (set.has('source') || map.has('source')) return { usageError: '--source and a mapping for "source" cannot both be given' };
		set.set('source', source);
	}
	const fieldNames = spec.fields.map((f) => f.name);
	const geometryTargets = spec.geometry ? Object.keys(CSV_GEOMETRY_TARGETS) : [];
	for (const target of map.keys()) {
		if (!fieldNames.includes(target) && !geometryTargets.includes(target)) {
			return { usageError: `--map ${target}: ${kind} has no field "${target}"; its fields are ${[...fieldNames, ...geometryTargets].join(', ')}` };
		}
		if (geometryTargets.includes(target) && format !== 'csv') return { usageError: `--map ${target}: only CSV files take their geometry from fields` };
		if (set.has(target)) return { usageError: `${target} is given both by --map and by --set; use one` };
	}
	for (const target of set.keys()) {
		if (!fieldNames.includes(target)) {
			return { usageError: `--set ${target}: ${kind} has no field "${target}"; its fields are ${fieldNames.join(', ')}` };
		}
	}

	if (makeValid && spec.geometry !== 'polygon') return { usageError: `--make-valid applies to polygons; ${kind} have none` };
	if (asPoint && spec.geometry !== 'point') return { usageError: `--as-point applies to kinds stored as points (hubs, enterprises); ${kind} are not` };
	if (allowOutside && !(spec.placed && spec.geometry)) return { usageError: `--allow-outside applies to kinds placed by their geometry; ${kind} are not` };

	return {
		command: { kind, file, format, areaType, crs, mapping: { map, set }, place, idPrefix, makeValid, ...(asPoint ? { asPoint } : {}), ...(allowOutside ? { allowOutside } : {}), dryRun }
	};
}

function parseOsmArguments(
	file: string | undefined,
	extra: readonly string[],
	values: ReadonlyMap<ValueOption, readonly string[]>,
	flags: { dryRun: boolean; makeValid: boolean }
): ParsedArguments {
	if (!file) return { usageError: 'say which OpenStreetMap file to import as osm (.osm or .osm.pbf)' };
	if (extra.length) return { usageError: `unexpected argument "${extra[0]}" (one file per import)` };
	const other = [...values.keys()].find((option) => option !== '--place');
	if (other) return { usageError: `${other} does not apply to osm; its options are --place and --dry-run` };
	if (flags.makeValid) return { usageError: '--make-valid does not apply to osm; its options are --place and --dry-run' };
	const format = osmFormatOf(file);
	if (!format) {
		return {
			usageError: `cannot tell the format of "${file}": an OpenStreetMap file ends in .osm (XML) or .osm.pbf (PBF)${
				/\.(gz|bz2|zip)$/i.test(file) ? '; decompress it first' : ''
			}`
		};
	}
	const place = values.get('--place')?.[0];
	if (place !== undefined && !PLACE_ID.test(place)) return { usageError: `--place "${place}" is not a place id` };
	return { osm: { file, format, place, dryRun: flags.dryRun } };
}

/** Joins words into lines of at most `width` characters, each starting with `indent`. */
function wrap(words: readonly string[], indent: string, width = 100): string {
	const lines: string[] = [];
	let line = indent;
	for (const word of words) {
		if (line.trim() && line.length + word.length + 1 > width) {
			lines.push(line.trimEnd());
			line = indent;
		}
		line += `${word} `;
	}
	lines.push(line.trimEnd());
	return lines.join('\n');
}

function describeFields(kind: ImportKind): string[] {
	return KIND_SPECS[kind].fields
		.map((field, index, fields) => {
			const type = field.type;
			const detail =
				type.type === 'choice'
					? `: ${type.values.join('|')}`
					: type.type === 'list'
						? ' (list: a;b)'
						: type.type === 'date'
							? ' (YYYY-MM-DD)'
							: type.type === 'boolean'
								? ' (true/false)'
								: '';
			return `${field.name}${field.required ? '*' : ''}${detail}${index < fields.length - 1 ? ',' : ''}`;
		});
}

export function usageText(): string {
	const kinds = IMPORT_KINDS.map(
		(kind) => `  ${kind.padEnd(16)} ${KIND_SPECS[kind].summary}\n${wrap(['fields:', ...describeFields(kind)], '      ')}`
	).join('\n');
	return `Usage: npm run import -- <kind> <file> [options]

Kinds (fields marked * are required; a file names them its own way, see --map):
${kinds}
  osm              a walking network from OpenStreetMap (.osm XML or .osm.pbf): footways, paths,
                   steps and streets (motorways, private and unbuilt ways left out); replaces the
                   place's network; walking-distance scores use it. Options: --place, --dry-run

Formats (by extension):
  .geojson .json   GeoJSON FeatureCollection (a Feature's "id" counts as its id)
  .csv             header row, then one row per record; points from lon/lat or easting/northing
                   columns, or any geometry from a WKT/EWKT or GeoJSON column (geometry, geom, wkt);
                   rows are numbered from 1 after the header
  .shp             ESRI shapefile, with its .dbf (and .prj, .cpg) beside it

Coordinates may be WGS84 (EPSG:4326) or British National Grid (EPSG:27700): read from the .prj,
the GeoJSON "crs" member, the kind of columns, or the values themselves; stored as WGS84.

Options:
  --map target=field[,target=field...]   which file field fills which field (repeatable);
                                          join text fields with +: --map address=street+postcode;
                                          CSV geometry: --map lon=X,lat=Y | easting=E,northing=N | geometry=WKT
  --set target=value[,...]              one value for every row: --set hub_type=school
  --area-type ward|lsoa|msoa|output_area|neighbourhood
                                        (reference-areas: required; population: default lsoa)
  --crs 4326|27700                      say the file's coordinate system
  --place <id>                          the place rows belong to (needed when there are several);
                                          refused when most rows lie outside it, or when the
                                          coordinates look like latitude/longitude swapped
  --source "text"                       the source/attribution recorded on every row
  --id-prefix <prefix>                  put before every id, e.g. nhs- (ids are made from names
                                          when the file has no id field)
  --make-valid                          store self-intersecting polygons repaired by ST_MakeValid
                                          (otherwise they are refused, named with the reason)
  --as-point                            hubs, enterprises: a polygon (a hospital's outline) is stored
                                          as a point on its surface (ST_PointOnSurface)
  --allow-outside                       accept a file whose rows mostly lie outside the place
                                          (a city-wide file loaded for one district)
  --dry-run                             check everything, write nothing
  -h, --help                            this text

Every import is all-or-nothing: one bad row and nothing is written; up to 50 problems are listed
with their feature/row number, id and field. A re-import updates rows with the same id (reference
areas: the same area type and code) and inserts the rest; it updates only the fields the file
supplies. imd sets imd_rank, imd_decile and imd_year (default 2019) on LSOAs already imported,
matched on code, and reports how many matched. population sets population (and population_year
with --set population_year=<year>) on areas already imported, matched on code the same way.

Exit status: 0 done, 1 the file or database refused (messages on stderr), 2 usage error.

Examples:
  npm run import -- reference-areas wards.geojson --area-type ward --map code=WardCode,name=Ward
  npm run import -- reference-areas LSOA21.shp --area-type lsoa --map code=LSOA21CD,name=LSOA21NM
  npm run import -- imd IoD2019_File1.csv
  npm run import -- population IoD2019_File6.csv --set population_year=2015
  npm run import -- reference-areas lsoa.geojson --area-type lsoa \
      --map code=lsoa11cd,name=lsoa11nm,population=population_mid2015 --set population_year=2015
  npm run import -- hubs schools.csv --map name=school_name,address=street+postcode --set hub_type=school
  npm run import -- macro-assets sites.geojson --place greater-icknield --dry-run
  npm run import -- osm smethwick.osm.pbf --place greater-icknield
`;
}
