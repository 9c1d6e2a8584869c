/**
 * Typed-up paper forms from a CSV or XLSX file: a header row of column names (researcher, then
 * the question ids, location.area / location.lon / location.lat for a location) and one row per
 * form. Rows are numbered as a spreadsheet shows them (the header is row 1). XLSX is read by
 * read-excel-file (pinned in package.json), the first sheet only.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { invalid, tooLarge } from '../errors';
import { MAX_PAPER_ROWS, type PaperRow } from '../restricted/responses/service';

export const MAX_PAPER_FILE_BYTES = 1024 * 1024;

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return String(value).trim();
}

function toRows(table: unknown[][]): PaperRow[] {
	const [header, ...body] = table;
	if (!header || header.length === 0) throw invalid('The file has no header row.', [{ field: 'file', message: 'has no header row' }]);
	const names = header.map((h) => cellText(h).toLowerCase());
	if (!names.includes('researcher')) throw invalid('The header row has no "researcher" column: every form must name its researcher.', [{ field: 'file', message: 'has no researcher column' }]);
	const rows: PaperRow[] = [];
	body.forEach((cells, index) => {
		if (cells.every((c) => cellText(c) === '')) return;
		const values: Record<string, string> = {};
		names.forEach((name, i) => {
			if (name) values[name] = cellText(cells[i]);
		});
		rows.push({ row: index + 2, values });
	});
	if (rows.length > MAX_PAPER_ROWS) throw invalid(`The file holds ${rows.length} forms; import at most ${MAX_PAPER_ROWS} at a time.`, [{ field: 'file', message: `has more than ${MAX_PAPER_ROWS} rows` }]);
	return rows;
}

/** Reads a CSV (UTF-8) or XLSX file's rows; refuses anything else, and files over 1 MB. */
export async function readPaperFile(name: string, bytes: Uint8Array): Promise<PaperRow[]> {
	if (bytes.byteLength > MAX_PAPER_FILE_BYTES) throw tooLarge(`The file is larger than ${MAX_PAPER_FILE_BYTES / 1024} KB: split it.`);
	const lower = name.toLowerCase();
	if (lower.endsWith('.xlsx')) {
		try {
			return toRows((await readSheet(Buffer.from(bytes))) as unknown[][]);
		} catch (err) {
			if ((err as { name?: string }).name === 'DomainError') throw err;
			throw invalid(`The XLSX file cannot be read: ${(err as Error).message}`, [{ field: 'file', message: 'is not a readable XLSX file' }]);
		}
	}
	if (lower.endsWith('.csv')) {
		const text = Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '');
		if (text.includes('\u0000')) throw invalid('The file contains a NUL character: is it really CSV?', [{ field: 'file', message: 'contains a NUL character' }]);
		let table: string[][];
		try {
			table = parseCsv(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
		} catch (err) {
			throw invalid(`The CSV file cannot be read: ${(err as Error).message}`, [{ field: 'file', message: 'is not readable CSV' }]);
		}
		return toRows(table);
	}
	throw invalid('Send a .csv or .xlsx file.', [{ field: 'file', message: 'must be a .csv or .xlsx file' }]);
}
