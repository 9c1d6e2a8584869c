/**
 * The one CSV writer (score tables from the CLI, the records export): RFC 4180 quoting by
 * csv-stringify, CRLF line ends, a header row. Values are written as a person reading the file
 * expects them: booleans as true/false (csv-stringify's default writes 1 and an empty field),
 * dates as ISO 8601, a field with any line break quoted (csv-stringify quotes only the record
 * delimiter itself, which would split a bare \n across rows for most readers), lists joined with ";", null and undefined as an empty field.
 */
import { stringify } from 'csv-stringify/sync';

/** Rows of objects as CSV with the given columns, in order. */
export function toCsv<T extends Record<string, unknown>>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
	return stringify(
		rows.map((row) => columns.map((column) => cellValue(row[column]))),
		{ header: true, columns: [...columns], record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { boolean: (value) => String(value) } }
	);
}

function cellValue(value: unknown): unknown {
	if (Array.isArray(value)) return value.join(';');
	if (value instanceof Date) return value.toISOString();
	return value;
}
