/**
 * Validation of a whole import: maps the file's fields to columns, reads every cell as its type,
 * checks and reprojects every geometry, gives every row its id, and reports every bad row (up to
 * a limit) by number, id and field. Nothing here touches the database; what passes is ready to
 * insert, and a file with any problem is refused whole.
 */
import { guessCrs, toWgs84, type Crs, type ToWgs84 } from './crs';
import { checkGeometry, MAX_REPAIR_POSITIONS, rawPositions, type ImportGeometry } from './geometry';
import { idFromName, IdAllocator, isValidId } from './ids';
import {
	CSV_GEOMETRY_TARGETS,
	KIND_SPECS,
	type CsvGeometryTarget,
	type FieldType,
	type FieldValue,
	type ImportKind,
	type KindSpec,
	type Reference
} from './kinds';
import { EMPTY_MAPPING, findField, listFields, type FieldMapping } from './mapping';
import { DEFAULT_PROBLEM_LIMIT, ProblemList, quote, recordLabel } from './problems';
import { recordNoun, type SourceFile, type SourceRecord } from './source';
import {
	isEmptyCell,
	readBoolean,
	readChoice,
	readDate,
	readDecimal,
	readInteger,
	readList,
	readText,
	type CellResult
} from './values';
import { parseGeometryText } from './wkt';

export interface ImportOptions {
	readonly kind: ImportKind;
	readonly mapping?: FieldMapping;
	/** Overrides what the file declares or what its values suggest. */
	readonly crs?: Crs;
	/** Put before every id (given or generated), to keep ids from two sources apart ("nhs-"). */
	readonly idPrefix?: string;
	/**
	 * The ids that exist for what rows refer to (opportunities -> macro-assets, skill groups).
	 * A reference is checked only when its set is given; the import service always gives it.
	 */
	readonly knownIds?: ReadonlyMap<Reference, ReadonlySet<string>>;
	readonly problemLimit?: number;
	/**
	 * For point kinds: accept polygons (a hospital's or a place of worship's outline) and store a
	 * point on each one's surface (ST_PointOnSurface, in SQL) instead of refusing them.
	 */
	readonly asPoint?: boolean;
}

const REFERENCE_NOUNS: Readonly<Record<Reference, string>> = {
	'macro-asset': 'macro-asset',
	'skill-group': 'skill group'
};

export interface ImportRecord {
	readonly number: number;
	readonly label: string;
	/** The id, or the code for reference areas and IMD rows. */
	readonly key: string;
	/** Column -> value, for the columns in `ValidImport.columns`. */
	readonly values: Readonly<Record<string, FieldValue>>;
	/** WGS84. */
	readonly geometry?: ImportGeometry;
	readonly positions: number;
	/** A polygon given for a point kind with --as-point: stored as a point on its surface. */
	readonly pointOnSurface?: boolean;
}

export interface ValidImport {
	readonly kind: ImportKind;
	readonly fileName: string;
	/**
	 * The columns this file supplies, key first. A re-import updates exactly these (plus the
	 * geometry): a column the file lacks keeps the value an earlier import or edit gave it.
	 */
	readonly columns: readonly string[];
	readonly records: readonly ImportRecord[];
	/** The CRS the coordinates were read in and what said so. */
	readonly crs?: { readonly crs: Crs; readonly from: string };
	/** What filled each field ("Ward", "Address1 + Postcode", "--set \"school\""), for the summary. */
	readonly fieldSources: ReadonlyMap<string, string>;
	/** Names a field for a message the way validation does (with the file's own name for it). */
	readonly describeField: (name: string) => string;
}

export type ValidationResult =
	| { readonly ok: true; readonly value: ValidImport }
	| { readonly ok: false; readonly problems: readonly string[] };

type FieldSource =
	| { readonly from: 'columns'; readonly columns: readonly string[] }
	| { readonly from: 'constant'; readonly value: FieldValue; readonly option: boolean };

type GeometrySource =
	| { readonly from: 'feature' }
	| { readonly from: 'text'; readonly column: string }
	| { readonly from: 'lonlat'; readonly lon: string; readonly lat: string }
	| { readonly from: 'grid'; readonly easting: string; readonly northing: string };

const ID_STEMS: Readonly<Record<ImportKind, string>> = {
	'macro-assets': 'macro-asset',
	opportunities: 'opportunity',
	hubs: 'hub',
	enterprises: 'enterprise',
	'reference-areas': 'area',
	imd: 'lsoa',
	population: 'area'
};

/** Reads one cell as a field's type. */
function containsNul(raw: unknown): boolean {
	if (typeof raw === 'string') return raw.includes('\u0000');
	return Array.isArray(raw) && raw.some((item) => typeof item === 'string' && item.includes('\u0000'));
}

export function readCell(type: FieldType, raw: unknown): CellResult<FieldValue> {
	// PostgreSQL cannot store U+0000 in text; refused here it is a row's problem, not a crash.
	if (containsNul(raw)) {
		return { problem: 'contains a NUL character (\\u0000), which the database cannot store: remove it from the file' };
	}
	switch (type.type) {
		case 'id': {
			const text = readText(raw);
			if ('problem' in text || text.value === null) return text;
			// The schema allows only lower case, and source codes (ODS "M85009") come in capitals.
			const id = text.value.toLowerCase();
			return isValidId(id, type.maxLength)
				? { value: id }
				: { problem: `${quote(text.value)} is not a valid id (${idRule(type.maxLength)})` };
		}
		case 'text':
			return readText(raw, type.maxLength);
		case 'integer':
			return readInteger(raw, type.min, type.max);
		case 'decimal':
			return readDecimal(raw, type.min, type.max);
		case 'boolean':
			return readBoolean(raw);
		case 'date':
			return readDate(raw);
		case 'choice':
			return readChoice(raw, type.values);
		case 'list':
			return readList(raw);
	}
}

function idRule(maxLength: number): string {
	return `lower-case letters, digits and hyphens, starting with a letter or digit, at most ${maxLength} characters`;
}

/** `field "name"`, or `field "name" (from "school_name")` when the file calls it something else. */
export function describeField(name: string, columns: readonly string[] = [name]): string {
	return columns.length === 1 && columns[0] === name
		? `field "${name}"`
		: `field "${name}" (from ${columns.map((column) => `"${column}"`).join(' + ')})`;
}

function columnsOf(source: FieldSource | undefined): readonly string[] | undefined {
	return source?.from === 'columns' ? source.columns : undefined;
}

/** Which file field (or constant) fills each of the kind's fields. */
function resolveFields(
	spec: KindSpec,
	file: SourceFile,
	mapping: FieldMapping,
	problems: ProblemList
): Map<string, FieldSource> {
	const sources = new Map<string, FieldSource>();
	const geometryTargets = new Set<string>(spec.geometry ? Object.keys(CSV_GEOMETRY_TARGETS) : []);
	for (const target of [...mapping.map.keys(), ...mapping.set.keys()]) {
		if (!spec.fields.some((f) => f.name === target) && !geometryTargets.has(target)) {
			problems.add(
				`there is no field "${target}" in ${spec.kind}; its fields are ${spec.fields.map((f) => f.name).join(', ')}`
			);
		}
	}
	for (const field of spec.fields) {
		const constant = mapping.set.get(field.name);
		const mapped = mapping.map.get(field.name);
		if (constant !== undefined && mapped !== undefined) {
			problems.add(`field "${field.name}" is given both by --map and by --set; use one`);
			continue;
		}
		if (constant !== undefined) {
			const cell = readCell(field.type, constant);
			if ('problem' in cell) problems.add(`--set ${field.name}=${constant}: ${cell.problem}`);
			else sources.set(field.name, { from: 'constant', value: cell.value ?? field.whenEmpty ?? null, option: true });
			continue;
		}
		if (mapped !== undefined) {
			if (mapped.length > 1 && field.type.type !== 'text') {
				problems.add(`--map ${field.name}=${mapped.join('+')}: only text fields can join several source fields`);
				continue;
			}
			const columns: string[] = [];
			for (const name of mapped) {
				const found = findField(file.fields, name);
				if (found) columns.push(found);
				else {
					problems.add(
						`--map ${field.name}=${mapped.join('+')}: ${file.name} has no field "${name}"; its fields are ${listFields(file.fields)}`
					);
				}
			}
			if (columns.length === mapped.length) sources.set(field.name, { from: 'columns', columns });
			continue;
		}
		const found = [field.name, ...(field.aliases ?? [])]
			.map((name) => findField(file.fields, name))
			.find((name) => name !== undefined);
		if (found) sources.set(field.name, { from: 'columns', columns: [found] });
		else if (field.whenAbsent !== undefined) {
			sources.set(field.name, { from: 'constant', value: field.whenAbsent, option: false });
		} else if (field.required) {
			problems.add(
				`field "${field.name}" is required for ${spec.kind} but ${file.name} has no field of that name; ` +
					`name the field that holds it with --map ${field.name}=<field>` +
					(field.type.type === 'choice' || field.references ? ` or give every row one value with --set ${field.name}=<value>` : '') +
					`; the file's fields are ${listFields(file.fields)}`
			);
		}
	}
	return sources;
}

/**
 * Where a CSV row's geometry comes from. Unmapped, the first layout the header offers wins: a
 * WKT/GeoJSON column, then lon/lat, then easting/northing (the last two for points only).
 */
function resolveCsvGeometry(
	spec: KindSpec,
	file: SourceFile,
	mapping: FieldMapping,
	problems: ProblemList
): GeometrySource | undefined {
	const targets = Object.keys(CSV_GEOMETRY_TARGETS) as CsvGeometryTarget[];
	const mapped = targets.filter((target) => mapping.map.has(target));
	for (const target of targets) {
		if (mapping.set.has(target)) problems.add(`--set ${target}: a geometry cannot be one value for every row`);
	}
	if (mapped.includes('geometry') && mapped.length > 1) {
		problems.add(`map one geometry: a geometry column, or lon and lat, or easting and northing (not ${mapped.join(', ')})`);
		return undefined;
	}
	const lookup = (target: CsvGeometryTarget): string | undefined => {
		const names = mapping.map.get(target);
		if (names) {
			const found = names.length === 1 ? findField(file.fields, names[0]!) : undefined;
			if (!found) {
				problems.add(
					`--map ${target}=${names.join('+')}: ${file.name} has no field "${names.join('+')}"; its fields are ${listFields(file.fields)}`
				);
			}
			return found;
		}
		if (mapped.length) return undefined;
		return CSV_GEOMETRY_TARGETS[target].map((name) => findField(file.fields, name)).find((name) => name !== undefined);
	};
	const points = spec.geometry === 'point';
	const text = lookup('geometry');
	if (text) return { from: 'text', column: text };
	if (points) {
		const [lon, lat] = [lookup('lon'), lookup('lat')];
		if (lon && lat) return { from: 'lonlat', lon, lat };
		const [easting, northing] = [lookup('easting'), lookup('northing')];
		if (easting && northing) return { from: 'grid', easting, northing };
	}
	if (problems.count) return undefined;
	const ways = points
		? 'a WKT/GeoJSON column (--map geometry=<field>), lon and lat (--map lon=<field>,lat=<field>), or easting and northing (--map easting=<field>,northing=<field>)'
		: 'a WKT/GeoJSON column of polygons (--map geometry=<field>)';
	problems.add(
		(mapped.length ? `--map ${mapped.join(', ')} does not make a geometry` : `${file.name} has no geometry column`) +
			`: ${spec.kind} rows need ${ways}; the file's fields are ${listFields(file.fields)}`
	);
	return undefined;
}

interface RawGeometry {
	readonly raw?: unknown;
	readonly srid?: number;
	readonly problem?: string;
}

/** A row's geometry before checking: the feature's, or one built from its geometry columns. */
function rawGeometry(record: SourceRecord, source: GeometrySource): RawGeometry {
	const cell = (column: string) => record.attributes[column];
	switch (source.from) {
		case 'feature':
			return { raw: record.geometry };
		case 'text': {
			const value = cell(source.column);
			if (isEmptyCell(value)) return { problem: `${describeField('geometry', [source.column])} is empty` };
			const parsed = parseGeometryText(String(value));
			if ('problem' in parsed) return { problem: `${describeField('geometry', [source.column])} ${parsed.problem}` };
			return { raw: parsed.geometry, srid: parsed.srid };
		}
		case 'lonlat':
		case 'grid': {
			const [xTarget, yTarget, xColumn, yColumn] =
				source.from === 'lonlat'
					? (['lon', 'lat', source.lon, source.lat] as const)
					: (['easting', 'northing', source.easting, source.northing] as const);
			const coordinates: number[] = [];
			for (const [target, column] of [
				[xTarget, xColumn],
				[yTarget, yColumn]
			] as const) {
				const value = readDecimal(cell(column));
				if ('problem' in value) return { problem: `${describeField(target, [column])}: ${value.problem}` };
				if (value.value === null) return { problem: `${describeField(target, [column])} is empty` };
				coordinates.push(value.value);
			}
			return { raw: { type: 'Point', coordinates } };
		}
	}
}

/** Validates a whole file for one kind of import. */
export function validateImport(file: SourceFile, options: ImportOptions): ValidationResult {
	const spec = KIND_SPECS[options.kind];
	const mapping = options.mapping ?? EMPTY_MAPPING;
	const problems = new ProblemList(options.problemLimit ?? DEFAULT_PROBLEM_LIMIT);
	const noun = recordNoun(file.format);
	const prefix = options.idPrefix ?? '';
	const idType = spec.fields.find((f) => f.name === 'id')?.type;
	const idMaxLength = idType?.type === 'id' ? idType.maxLength : 0;

	if (prefix && spec.key !== 'id') problems.add(`--id-prefix does not apply to ${spec.kind}, whose rows are identified by code`);
	else if (prefix && !/^[a-z0-9][a-z0-9-]*$/.test(prefix)) {
		problems.add(`--id-prefix "${prefix}" must be lower-case letters, digits and hyphens, starting with a letter or digit`);
	}
	if (file.records.length === 0) problems.add(`${file.name} has no ${noun}s`);

	const sources = resolveFields(spec, file, mapping, problems);
	let geometrySource: GeometrySource | undefined;
	if (spec.geometry && file.format === 'csv') geometrySource = resolveCsvGeometry(spec, file, mapping, problems);
	else if (spec.geometry) {
		geometrySource = { from: 'feature' };
		for (const target of Object.keys(CSV_GEOMETRY_TARGETS)) {
			if (mapping.map.has(target)) {
				problems.add(`--map ${target}=...: only CSV files take their geometry from fields; ${file.name} has its own`);
			}
		}
	}
	// A broken mapping would make every row fail the same way: report it once and stop.
	if (problems.count) return { ok: false, problems: problems.messages() };

	// Built up front because guessing the CRS needs every coordinate before any row is checked.
	const rawGeometries = new Map<number, RawGeometry>();
	if (geometrySource) {
		for (const record of file.records) rawGeometries.set(record.number, rawGeometry(record, geometrySource));
	}
	const crs = spec.geometry ? chooseCrs(file, options.crs, geometrySource, rawGeometries, problems) : undefined;
	if (problems.count) return { ok: false, problems: problems.messages() };

	const projections = new Map<Crs, ToWgs84>();
	const projectionFor = (target: Crs): ToWgs84 => {
		const known = projections.get(target);
		if (known) return known;
		const made = toWgs84(target);
		projections.set(target, made);
		return made;
	};
	const labelField = spec.key === 'id' ? (spec.idFrom?.at(-1) ?? 'name') : spec.key;
	const firstText = (record: SourceRecord, field: string): string | undefined => {
		const value = columnsOf(sources.get(field))
			?.map((column) => record.attributes[column])
			.find((cell) => !isEmptyCell(cell));
		return value === undefined ? undefined : String(value).trim();
	};
	const identityOf = (record: SourceRecord) => {
		for (const field of [spec.key, labelField]) {
			const value = firstText(record, field);
			if (value !== undefined) return { field, value };
		}
		return undefined;
	};

	interface Pending {
		readonly number: number;
		readonly label: string;
		readonly values: Record<string, FieldValue>;
		readonly geometry?: ImportGeometry;
		readonly positions: number;
		readonly pointOnSurface?: boolean;
	}
	const accepted: Pending[] = [];
	// Polygons given for a point kind without --as-point: one problem for all of them, not one each.
	const polygonsForPoints: string[] = [];
	const firstWithKey = new Map<string, string>();

	for (const record of file.records) {
		if (problems.full) break;
		const label = recordLabel(noun, record.number, identityOf(record));
		if (record.unreadable) {
			problems.add(`${label} ${record.unreadable}`);
			continue;
		}
		const rowProblems: string[] = [];
		const values: Record<string, FieldValue> = {};
		for (const field of spec.fields) {
			const source = sources.get(field.name);
			if (!source) continue;
			const described = describeField(field.name, columnsOf(source));
			let value: FieldValue;
			if (source.from === 'constant') value = source.value;
			else {
				const cell = readCell(field.type, joinCells(record, source.columns));
				if ('problem' in cell) {
					rowProblems.push(`${described}: ${cell.problem}`);
					continue;
				}
				value = cell.value ?? field.whenEmpty ?? null;
			}
			const known = field.references ? options.knownIds?.get(field.references) : undefined;
			if (value === null && field.required) rowProblems.push(`${described} is empty, and ${spec.kind} need it`);
			else if (known && typeof value === 'string' && !known.has(value)) {
				rowProblems.push(`${described}: ${quote(value)} is not a ${REFERENCE_NOUNS[field.references!]} in the database`);
			} else values[field.name] = value;
		}
		for (const field of spec.fields) {
			const later = values[field.name];
			const earlier = field.notBefore ? values[field.notBefore] : undefined;
			if (later != null && earlier != null && later < earlier) {
				rowProblems.push(
					`${describeField(field.name, columnsOf(sources.get(field.name)))}: ${quote(later)} is before ${field.notBefore} ${quote(earlier)}`
				);
			}
		}

		if (spec.key === 'id' && typeof values.id === 'string') {
			values.id = prefix + values.id;
			if (!isValidId(values.id, idMaxLength)) {
				rowProblems.push(`${describeField('id', columnsOf(sources.get('id')))}: ${quote(values.id)} is longer than ${idMaxLength} characters with the prefix`);
			}
		}
		const key = values[spec.key];
		if (typeof key === 'string') {
			const first = firstWithKey.get(key);
			if (first === undefined) firstWithKey.set(key, `${noun} ${record.number}`);
			else {
				rowProblems.push(
					`${describeField(spec.key, columnsOf(sources.get(spec.key)))}: ${quote(key)} is also used by ${first}; each ${spec.key} may appear once`
				);
			}
		}

		let geometry: ImportGeometry | undefined;
		let positions = 0;
		let pointOnSurface = false;
		if (spec.geometry && crs) {
			const raw = rawGeometries.get(record.number) ?? {};
			const rowCrs = raw.srid ?? crs.crs;
			const polygonGiven = spec.geometry === 'point' && isPolygonType(raw.raw);
			if (raw.problem) rowProblems.push(raw.problem);
			else if (rowCrs !== 4326 && rowCrs !== 27700) rowProblems.push(`the geometry says SRID=${rowCrs}; only 4326 and 27700 are read`);
			else if (polygonGiven && !options.asPoint) polygonsForPoints.push(label);
			else {
				const checked = checkGeometry(raw.raw, polygonGiven ? 'polygon' : spec.geometry, rowCrs, projectionFor(rowCrs));
				if ('problem' in checked) rowProblems.push(checked.problem);
				else if (polygonGiven && checked.positions > MAX_REPAIR_POSITIONS) {
					rowProblems.push(
						`the polygon has ${checked.positions} positions; --as-point takes at most ${MAX_REPAIR_POSITIONS}: simplify it first, or give its point`
					);
				} else {
					({ geometry, positions } = checked);
					pointOnSurface = polygonGiven;
				}
			}
		}

		if (rowProblems.length) for (const problem of rowProblems) problems.add(`${label}: ${problem}`);
		else accepted.push({ number: record.number, label, values, geometry, positions, ...(pointOnSurface ? { pointOnSurface } : {}) });
	}
	if (polygonsForPoints.length) {
		const examples = polygonsForPoints.slice(0, 3).join(', ');
		problems.add(
			`${polygonsForPoints.length} ${noun}${polygonsForPoints.length === 1 ? ' is a polygon' : 's are polygons'} (${examples}${polygonsForPoints.length > 3 ? ', ...' : ''}) ` +
				`and ${spec.kind} are points: pass --as-point to store a point on each polygon's surface (ST_PointOnSurface)`
		);
	}
	if (problems.count) return { ok: false, problems: problems.messages() };

	// Generated ids come second so that they step around every id the file states.
	if (spec.key === 'id') {
		const allocator = new IdAllocator(idMaxLength);
		for (const row of accepted) if (typeof row.values.id === 'string') allocator.reserve(row.values.id);
		for (const row of accepted) {
			if (typeof row.values.id === 'string') continue;
			const name = (spec.idFrom ?? ['name']).map((field) => String(row.values[field] ?? '')).join(' ');
			row.values.id = allocator.allocate(prefix + idFromName(name, idMaxLength - prefix.length, ID_STEMS[spec.kind]));
		}
	}

	const fieldSources = new Map<string, string>();
	for (const [name, source] of sources) {
		fieldSources.set(
			name,
			source.from === 'columns' ? source.columns.join(' + ') : `${source.option ? '--set' : 'default'} ${JSON.stringify(source.value)}`
		);
	}
	if (geometrySource?.from === 'text') fieldSources.set('geometry', geometrySource.column);
	else if (geometrySource?.from === 'lonlat') fieldSources.set('geometry', `${geometrySource.lon} + ${geometrySource.lat}`);
	else if (geometrySource?.from === 'grid') fieldSources.set('geometry', `${geometrySource.easting} + ${geometrySource.northing}`);
	return {
		ok: true,
		value: {
			kind: spec.kind,
			fileName: file.name,
			columns: [spec.key, ...spec.fields.map((f) => f.name).filter((name) => name !== spec.key && sources.has(name))],
			crs,
			fieldSources,
			describeField: (name) => describeField(name, columnsOf(sources.get(name))),
			records: accepted.map((row) => ({ ...row, key: String(row.values[spec.key]) }))
		}
	};
}

function isPolygonType(raw: unknown): boolean {
	const type = typeof raw === 'object' && raw !== null && 'type' in raw ? raw.type : undefined;
	return type === 'Polygon' || type === 'MultiPolygon';
}

/** One source field's cell, or several joined with ", " (an address from its parts). */
function joinCells(record: SourceRecord, columns: readonly string[]): unknown {
	if (columns.length === 1) return record.attributes[columns[0]!];
	return columns
		.map((column) => record.attributes[column])
		.filter((cell) => !isEmptyCell(cell))
		.map((cell) => String(cell).trim())
		.join(', ');
}

/**
 * The CRS to read coordinates in: --crs, else what the file declares (.prj, GeoJSON "crs"),
 * else what its geometry columns imply, else a guess from the values.
 */
function chooseCrs(
	file: SourceFile,
	option: Crs | undefined,
	geometrySource: GeometrySource | undefined,
	rawGeometries: ReadonlyMap<number, RawGeometry>,
	problems: ProblemList
): { crs: Crs; from: string } | undefined {
	const declared = file.declaredCrs;
	if (option) return { crs: option, from: '--crs' };
	if (declared && 'unsupported' in declared) {
		problems.add(
			`${declared.from} names the coordinate system "${declared.unsupported}", which imports do not convert; ` +
				'reproject the file to EPSG:4326 or EPSG:27700 first (or pass --crs if it really is one of those)'
		);
		return undefined;
	}
	if (declared) return declared;
	if (geometrySource?.from === 'lonlat') return { crs: 4326, from: 'the lon/lat columns' };
	if (geometrySource?.from === 'grid') return { crs: 27700, from: 'the easting/northing columns' };
	const positions = function* () {
		for (const geometry of rawGeometries.values()) {
			if (geometry.srid === undefined) yield* rawPositions(geometry.raw);
		}
	};
	const guessed = guessCrs(positions());
	if (guessed) return { crs: guessed, from: 'the coordinate values' };
	// No usable coordinates: every row will report its own geometry problem.
	if (positions().next().done) return { crs: 4326, from: 'the default' };
	problems.add(
		`cannot tell from the coordinates whether ${file.name} is in longitude/latitude or British National Grid ` +
			'metres (some look like each, or like neither); pass --crs 4326 or --crs 27700'
	);
	return undefined;
}
