/**
 * An employer's vacancy list, checked row by row before anything is written: which columns it has,
 * and for each row the role, job family or Agenda for Change band, required qualification or
 * registration, count, site and closing date. Pure: cells in (text, numbers or dates from CSV or
 * XLSX), typed rows or problems out, each problem naming its row and field so the person holding
 * the file can fix it in one pass. Sites and roles are resolved against the database later
 * (server/matching/vacancies.ts).
 */
import { ProblemList, quote } from '../imports/problems';

/** What a spreadsheet cell can hold once read (read-excel-file gives dates as Date). */
export type Cell = string | number | boolean | Date | null | undefined;

export const VACANCY_COLUMNS = ['role', 'job_family', 'band', 'required_registration', 'count', 'site', 'closing_date', 'soc_code'] as const;
export type VacancyColumn = (typeof VACANCY_COLUMNS)[number];
export const REQUIRED_VACANCY_COLUMNS: readonly VacancyColumn[] = ['role', 'count', 'site', 'closing_date'];

/** Header spellings employers use, folded to the column they mean. */
const ALIASES: Record<string, VacancyColumn> = {
	role: 'role',
	job_role: 'role',
	job_title: 'role',
	title: 'role',
	job_family: 'job_family',
	family: 'job_family',
	band: 'band',
	afc_band: 'band',
	agenda_for_change_band: 'band',
	required_registration: 'required_registration',
	required_qualification: 'required_registration',
	qualification: 'required_registration',
	registration: 'required_registration',
	count: 'count',
	vacancies: 'count',
	posts: 'count',
	number: 'count',
	site: 'site',
	location: 'site',
	closing_date: 'closing_date',
	closes: 'closing_date',
	closing: 'closing_date',
	soc_code: 'soc_code',
	soc2020: 'soc_code',
	soc: 'soc_code'
};

/** At most this many rows: a trust's whole list is a few hundred. */
export const MAX_VACANCY_ROWS = 5000;
export const MAX_VACANCY_COUNT = 10_000;

export interface VacancyRow {
	/** Line in the file (the header is line 1). */
	readonly line: number;
	readonly role: string;
	readonly jobFamily: string | null;
	/** Agenda for Change band: 1-7, 8a-8d or 9. */
	readonly band: string | null;
	readonly requiredRegistration: string | null;
	readonly count: number;
	/** A macro-asset id or name, as written. */
	readonly site: string;
	/** ISO date YYYY-MM-DD. */
	readonly closingDate: string;
	readonly socCode: string | null;
}

export type VacancyParse = { ok: true; rows: VacancyRow[] } | { ok: false; problems: string[] };

const BAND = /^([1-7]|8[a-d]|9)$/;
const SOC = /^[0-9]{4}$/;

function headerName(cell: Cell): string {
	return String(cell ?? '')
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_|_$/g, '');
}

function text(cell: Cell): string {
	if (cell === null || cell === undefined) return '';
	if (cell instanceof Date) return cell.toISOString().slice(0, 10);
	return String(cell).trim();
}

/** Folds "Band 5", "AfC 8A", "8a" to "5", "8a"; anything else is returned as typed. */
export function normaliseBand(value: string): string {
	return value
		.trim()
		.toLowerCase()
		.replace(/^(afc\s*)?(band\s*)?/, '')
		.replace(/\s+/g, '');
}

function isRealDate(y: number, m: number, d: number): boolean {
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A closing date as YYYY-MM-DD from ISO text, a UK day/month/year, or a spreadsheet date; undefined if none of these. */
export function closingDateOf(cell: Cell): string | undefined {
	if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
	const value = text(cell);
	let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (m && isRealDate(+m[1]!, +m[2]!, +m[3]!)) return value;
	m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
	if (m && isRealDate(+m[3]!, +m[2]!, +m[1]!)) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
	return undefined;
}

/** Folds a role's name for matching against the crosswalk: lower case, single spaces. */
export function roleKey(role: string): string {
	return role.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Checks the header and every row of a vacancy list. `sheet` is the header row then the data rows. */
export function parseVacancySheet(sheet: readonly (readonly Cell[])[]): VacancyParse {
	const nonEmpty = sheet.filter((row) => row.some((cell) => text(cell) !== ''));
	const [header, ...rows] = nonEmpty;
	if (!header) return { ok: false, problems: [`the file is empty: expected a header row with ${REQUIRED_VACANCY_COLUMNS.join(', ')} and one row per vacancy`] };
	const columnAt = new Map<VacancyColumn, number>();
	const problems = new ProblemList();
	header.forEach((cell, index) => {
		const name = headerName(cell);
		if (name === '') return;
		const column = ALIASES[name];
		if (!column) problems.add(`header: column ${quote(text(cell))} is not one of ${VACANCY_COLUMNS.join(', ')}`);
		else if (columnAt.has(column)) problems.add(`header: column ${quote(text(cell))} repeats ${column}`);
		else columnAt.set(column, index);
	});
	const missing = REQUIRED_VACANCY_COLUMNS.filter((c) => !columnAt.has(c));
	if (missing.length) problems.add(`header: missing column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}`);
	if (problems.count) return { ok: false, problems: problems.messages() };
	if (rows.length === 0) return { ok: false, problems: ['the file has a header but no vacancies'] };
	if (rows.length > MAX_VACANCY_ROWS) return { ok: false, problems: [`the file has ${rows.length} rows; at most ${MAX_VACANCY_ROWS} vacancies per list`] };

	const get = (row: readonly Cell[], column: VacancyColumn): Cell => {
		const at = columnAt.get(column);
		return at === undefined ? undefined : row[at];
	};
	const out: VacancyRow[] = [];
	// Blank lines were dropped above; count lines in the sheet as the person sees them.
	const lineOf = new Map(rows.map((row) => [row, sheet.indexOf(row) + 1]));
	for (const row of rows) {
		if (problems.full) break;
		const line = lineOf.get(row)!;
		const role = text(get(row, 'role'));
		const where = `row ${line}${role ? ` (role ${quote(role)})` : ''}`;
		let good = true;
		const fail = (field: VacancyColumn, message: string) => {
			good = false;
			problems.add(`${where}: ${field}: ${message}`);
		};
		if (row.some((cell) => typeof cell === 'string' && cell.includes('\u0000'))) fail('role', 'contains a NUL character');
		if (!role) fail('role', 'is empty: name the job role, e.g. "Staff nurse"');
		else if (role.length > 200) fail('role', `has ${role.length} characters; at most 200`);
		const jobFamily = text(get(row, 'job_family'));
		if (jobFamily.length > 100) fail('job_family', `has ${jobFamily.length} characters; at most 100`);
		const bandText = text(get(row, 'band'));
		const band = bandText ? normaliseBand(bandText) : '';
		if (bandText && !BAND.test(band)) fail('band', `${quote(bandText)} is not an Agenda for Change band (1-7, 8a-8d or 9)`);
		const registration = text(get(row, 'required_registration'));
		if (registration.length > 200) fail('required_registration', `has ${registration.length} characters; at most 200`);
		const countCell = get(row, 'count');
		const countText = text(countCell);
		const count = typeof countCell === 'number' ? countCell : /^\d+$/.test(countText) ? Number(countText) : NaN;
		if (!Number.isInteger(count) || count < 1 || count > MAX_VACANCY_COUNT) fail('count', `${quote(countText)} is not a whole number from 1 to ${MAX_VACANCY_COUNT}`);
		const site = text(get(row, 'site'));
		if (!site) fail('site', 'is empty: give the site id (e.g. "midland-metropolitan-university-hospital") or its name');
		const closingCell = get(row, 'closing_date');
		const closingDate = closingDateOf(closingCell);
		if (!closingDate) fail('closing_date', `${quote(text(closingCell))} is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
		const soc = text(get(row, 'soc_code'));
		if (soc && !SOC.test(soc)) fail('soc_code', `${quote(soc)} is not a 4-digit SOC 2020 unit group`);
		if (good) {
			out.push({
				line,
				role,
				jobFamily: jobFamily || null,
				band: band || null,
				requiredRegistration: registration || null,
				count,
				site,
				closingDate: closingDate!,
				socCode: soc || null
			});
		}
	}
	if (problems.count) return { ok: false, problems: problems.messages() };
	return { ok: true, rows: out };
}
