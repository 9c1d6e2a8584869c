/** CSV for score tables (the CLI's --format csv): RFC 4180 quoting, a header row, no geometry. */

function field(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of objects as CSV with the given columns, in order. */
export function toCsv<T extends Record<string, unknown>>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
	const lines = [columns.map(field).join(',')];
	for (const row of rows) lines.push(columns.map((column) => field(row[column])).join(','));
	return `${lines.join('\r\n')}\r\n`;
}
