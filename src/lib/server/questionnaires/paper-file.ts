/**
 * Typed-up paper forms from a CSV or XLSX file: a header row of column names (researcher, then
 * the question ids, location.area / location.lon / location.lat for a location) and one row per
 * form. Rows are numbered as a spreadsheet shows them (the header is row 1). The file is read by
 * the imports' one sheet reader (imports/sheet.ts).
 */
import { invalid, tooLarge } from '../errors';
import { readSheetFile, SheetUnreadable } from '../imports/sheet';
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
	let table: unknown[][];
	try {
		table = await readSheetFile(name, bytes, MAX_PAPER_FILE_BYTES);
	} catch (err) {
		if (!(err instanceof SheetUnreadable)) throw err;
		if (err.reason === 'too_large') throw tooLarge(`The file is larger than ${MAX_PAPER_FILE_BYTES / 1024} KB: split it.`);
		if (err.reason === 'format') throw invalid('Send a .csv or .xlsx file.', [{ field: 'file', message: 'must be a .csv or .xlsx file' }]);
		throw invalid(`The file ${err.message}.`, [{ field: 'file', message: err.message }]);
	}
	return toRows(table);
}
