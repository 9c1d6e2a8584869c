/**
 * Reading one cell of a file as a typed value. Cells arrive as whatever the format gives: strings
 * from CSV and .dbf, numbers and booleans from GeoJSON. Each reader returns the value, `null` for an
 * empty cell, or a problem phrased for the person fixing the file.
 */
import { quote } from './problems';

export type CellResult<T> = { readonly value: T | null } | { readonly problem: string };

/** A cell is empty when it is missing, null, or only whitespace. */
export function isEmptyCell(cell: unknown): boolean {
	return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}

export function readText(cell: unknown, maxLength?: number): CellResult<string> {
	if (isEmptyCell(cell)) return { value: null };
	if (typeof cell === 'object') return { problem: `${quote(cell)} is not text` };
	const text = String(cell).trim();
	if (maxLength !== undefined && text.length > maxLength) {
		return { problem: `is ${text.length} characters long; at most ${maxLength} are allowed` };
	}
	return { value: text };
}

/**
 * Whole numbers, accepting the thousands separators that published statistics keep
 * (the IoD2019 CSVs write ranks as "3,924") and a redundant ".0" from spreadsheets.
 */
export function readInteger(cell: unknown, min?: number, max?: number): CellResult<number> {
	if (isEmptyCell(cell)) return { value: null };
	let value: number;
	if (typeof cell === 'number') value = cell;
	else if (typeof cell === 'string' && /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.0*)?$/.test(cell.trim())) {
		value = Number(cell.trim().replace(/,/g, ''));
	} else return { problem: `${quote(cell)} is not a whole number` };
	if (!Number.isSafeInteger(value)) return { problem: `${quote(cell)} is not a whole number` };
	return checkRange(value, cell, min, max);
}

/** Decimal numbers (money, counts with fractions), thousands separators allowed. */
export function readDecimal(cell: unknown, min?: number, max?: number): CellResult<number> {
	if (isEmptyCell(cell)) return { value: null };
	let value: number;
	if (typeof cell === 'number') value = cell;
	else if (typeof cell === 'string' && /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(cell.trim())) {
		value = Number(cell.trim().replace(/,/g, ''));
	} else return { problem: `${quote(cell)} is not a number` };
	if (!Number.isFinite(value)) return { problem: `${quote(cell)} is not a number` };
	return checkRange(value, cell, min, max);
}

function checkRange(value: number, cell: unknown, min?: number, max?: number): CellResult<number> {
	if (min !== undefined && value < min) return { problem: `${quote(cell)} is below the minimum ${min}` };
	if (max !== undefined && value > max) return { problem: `${quote(cell)} is above the maximum ${max}` };
	return { value };
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'f']);

export function readBoolean(cell: unknown): CellResult<boolean> {
	if (isEmptyCell(cell)) return { value: null };
	if (typeof cell === 'boolean') return { value: cell };
	const word = String(cell).trim().toLowerCase();
	if (TRUE_WORDS.has(word)) return { value: true };
	if (FALSE_WORDS.has(word)) return { value: false };
	return { problem: `${quote(cell)} is not true/false (yes/no, 1/0 also work)` };
}

/** ISO calendar dates only: "03/04/2025" means different days in the UK and the US. */
export function readDate(cell: unknown): CellResult<string> {
	if (isEmptyCell(cell)) return { value: null };
	const text = String(cell).trim();
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (match) {
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		const date = new Date(Date.UTC(year, month - 1, day));
		if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) {
			return { value: text };
		}
	}
	return { problem: `${quote(cell)} is not a date written as YYYY-MM-DD` };
}

/**
 * One of a fixed list of codes. Spelling in files varies ("Under construction", "health-centre"),
 * so case, spaces and hyphens are folded to the schema's snake_case before comparing.
 */
export function readChoice(cell: unknown, allowed: readonly string[]): CellResult<string> {
	if (isEmptyCell(cell)) return { value: null };
	const folded = String(cell)
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	if (allowed.includes(folded)) return { value: folded };
	return { problem: `${quote(cell)} is not one of ${allowed.join(', ')}` };
}

/**
 * A list of names: a JSON array (GeoJSON properties), a JSON array written into a cell, or text
 * separated by ";" or "|" (commas are left alone: organisation names contain them).
 */
export function readList(cell: unknown): CellResult<string[]> {
	if (isEmptyCell(cell)) return { value: null };
	let items: unknown[];
	if (Array.isArray(cell)) items = cell;
	else if (typeof cell === 'string' && cell.trim().startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(cell);
			if (!Array.isArray(parsed)) return { problem: `${quote(cell)} is not a list` };
			items = parsed;
		} catch {
			return { problem: `${quote(cell)} starts like a JSON list but is not valid JSON` };
		}
	} else if (typeof cell === 'string') items = cell.split(/[;|]/);
	else return { problem: `${quote(cell)} is not a list` };
	if (items.some((item) => typeof item === 'object' && item !== null)) {
		return { problem: `${quote(cell)} must be a list of names` };
	}
	return { value: items.map((item) => String(item ?? '').trim()).filter((item) => item !== '') };
}
