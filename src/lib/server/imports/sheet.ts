/**
 * A spreadsheet upload, CSV or XLSX, as a table of cells: the one reader behind every tabular
 * import (vacancy lists, typed-up paper questionnaires). The format comes from the file name;
 * CSV must be UTF-8 (a byte-order mark is dropped) with no NUL character; XLSX is read by
 * read-excel-file (pinned in package.json), first worksheet only, dates as Date. Each importer
 * turns a `SheetUnreadable` into its own refusal, so its messages stay in its own words.
 */
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';

export type SheetFormat = 'csv' | 'xlsx';
/** What a cell can hold once read. */
export type SheetCell = string | number | boolean | Date | null;

export class SheetUnreadable extends Error {
	override name = 'SheetUnreadable';
	constructor(
		/** format: not .csv/.xlsx; empty; too_large: over the caller's cap; unreadable: the bytes are not what the name says. */
		readonly reason: 'format' | 'empty' | 'too_large' | 'unreadable',
		message: string
	) {
		super(message);
	}
}

export function sheetFormatOf(fileName: string): SheetFormat | undefined {
	const ext = path.extname(fileName).toLowerCase();
	return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : undefined;
}

/** The file's rows of cells, header row included; throws `SheetUnreadable` saying why not. */
export async function readSheetFile(fileName: string, bytes: Uint8Array, maxBytes: number): Promise<SheetCell[][]> {
	const format = sheetFormatOf(fileName);
	if (!format) throw new SheetUnreadable('format', 'is not a .csv or .xlsx file');
	if (bytes.byteLength === 0) throw new SheetUnreadable('empty', 'is empty');
	if (bytes.byteLength > maxBytes) throw new SheetUnreadable('too_large', `is ${bytes.byteLength} bytes, more than the ${maxBytes} allowed`);
	if (format === 'xlsx') {
		try {
			return (await readSheet(Buffer.from(bytes))) as SheetCell[][];
		} catch (err) {
			throw new SheetUnreadable('unreadable', `cannot be read as XLSX: ${(err as Error).message}`);
		}
	}
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new SheetUnreadable('unreadable', 'cannot be read as CSV: it is not UTF-8 text');
	}
	if (text.includes('\u0000')) throw new SheetUnreadable('unreadable', 'cannot be read as CSV: it contains a NUL character');
	try {
		return parseCsv(text, { bom: true, relax_column_count: true }) as string[][];
	} catch (err) {
		throw new SheetUnreadable('unreadable', `cannot be read as CSV: ${(err as Error).message}`);
	}
}
