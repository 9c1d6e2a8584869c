/**
 * A file to import, read into records: attributes plus (for GeoJSON and shapefiles) a geometry.
 * GeoJSON and CSV text are parsed here; shapefiles are decoded by the server reader (they need the
 * .shp/.dbf/.prj files) into the same shape.
 */
import { parse as parseCsvRecords } from 'csv-parse/sync';
import { crsFromGeoJsonMember, type DeclaredCrs } from './crs';

export type SourceFormat = 'geojson' | 'csv' | 'shapefile';

export const FORMAT_LABELS: Readonly<Record<SourceFormat, string>> = {
	geojson: 'GeoJSON',
	csv: 'CSV',
	shapefile: 'ESRI shapefile'
};

export interface SourceRecord {
	/** 1-based: the feature's position in the file, or the row's position after the CSV header. */
	readonly number: number;
	readonly attributes: Readonly<Record<string, unknown>>;
	/** The geometry as the file gives it, unchecked; undefined for CSV (geometry is in columns). */
	readonly geometry?: unknown;
	/** Why the record could not be read at all (e.g. a GeoJSON array item that is not a Feature). */
	readonly unreadable?: string;
}

export interface SourceFile {
	readonly name: string;
	readonly format: SourceFormat;
	/** Attribute names in file order. */
	readonly fields: readonly string[];
	readonly declaredCrs?: DeclaredCrs;
	readonly records: readonly SourceRecord[];
}

/** What messages call one record of this format. */
export function recordNoun(format: SourceFormat): 'feature' | 'row' {
	return format === 'csv' ? 'row' : 'feature';
}

export class SourceFormatError extends Error {
	override name = 'SourceFormatError';
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a GeoJSON FeatureCollection. A Feature's `id` member counts as its "id" attribute when its
 * properties have none, so files that identify features the GeoJSON way keep their ids.
 */
export function parseGeoJson(text: string, name: string): SourceFile {
	let document: unknown;
	try {
		document = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (err) {
		throw new SourceFormatError(`${name} is not valid JSON: ${(err as Error).message}`);
	}
	if (!isObject(document) || document.type !== 'FeatureCollection' || !Array.isArray(document.features)) {
		const type = isObject(document) && typeof document.type === 'string' ? `a ${document.type}` : 'something else';
		throw new SourceFormatError(`${name} must be a GeoJSON FeatureCollection with a "features" array; it is ${type}`);
	}
	const fields = new Set<string>();
	const records = document.features.map((feature: unknown, index: number): SourceRecord => {
		const number = index + 1;
		if (!isObject(feature) || feature.type !== 'Feature') {
			return { number, attributes: {}, unreadable: 'is not a GeoJSON Feature' };
		}
		const properties = isObject(feature.properties) ? { ...feature.properties } : {};
		if (feature.id !== undefined && feature.id !== null && !Object.keys(properties).some((k) => k.toLowerCase() === 'id')) {
			properties.id = feature.id;
		}
		for (const key of Object.keys(properties)) fields.add(key);
		return { number, attributes: properties, geometry: feature.geometry };
	});
	return {
		name,
		format: 'geojson',
		fields: [...fields],
		declaredCrs: crsFromGeoJsonMember(document.crs),
		records
	};
}

/** The delimiter the header line uses most (comma unless the file plainly uses ; tab or |). */
function guessDelimiter(text: string): string {
	const header = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
	let best = ',';
	let bestCount = 0;
	for (const delimiter of [',', ';', '\t', '|']) {
		const count = header.split(delimiter).length - 1;
		if (count > bestCount) [best, bestCount] = [delimiter, count];
	}
	return best;
}

/** Reads a CSV with a header row (UTF-8, optional BOM; comma, semicolon, tab or pipe separated). */
export function parseCsv(text: string, name: string): SourceFile {
	let rows: string[][];
	try {
		rows = parseCsvRecords(text, {
			bom: true,
			delimiter: guessDelimiter(text.replace(/^\uFEFF/, '')),
			relax_column_count: true,
			skip_empty_lines: true
		});
	} catch (err) {
		throw new SourceFormatError(`${name} is not valid CSV: ${(err as Error).message}`);
	}
	const [header, ...body] = rows;
	if (!header) throw new SourceFormatError(`${name} is empty: a CSV needs a header row naming its columns`);
	const fields = header.map((cell, index) => cell.trim() || `column ${index + 1}`);
	const seen = new Set<string>();
	for (const field of fields) {
		if (seen.has(field)) throw new SourceFormatError(`${name} names the column "${field}" twice in its header`);
		seen.add(field);
	}
	const records = body.map((cells, index): SourceRecord => {
		const attributes: Record<string, unknown> = {};
		fields.forEach((field, column) => (attributes[field] = cells[column]));
		return cells.length === fields.length
			? { number: index + 1, attributes }
			: {
					number: index + 1,
					attributes,
					unreadable: `has ${cells.length} cells but the header has ${fields.length} columns`
				};
	});
	return { name, format: 'csv', fields, records };
}
