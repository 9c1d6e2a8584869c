import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readSheetFile, SheetUnreadable } from './sheet';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function reasonOf(pending: Promise<unknown>): Promise<[string, string]> {
	try {
		await pending;
	} catch (err) {
		if (err instanceof SheetUnreadable) return [err.reason, err.message];
		throw err;
	}
	throw new Error('expected SheetUnreadable');
}

describe('readSheetFile', () => {
	it('reads CSV rows, dropping a byte-order mark and keeping ragged rows', async () => {
		await expect(readSheetFile('List.CSV', utf8('\uFEFFrole,count\nNurse,3\nPorter\n'), 1000)).resolves.toEqual([['role', 'count'], ['Nurse', '3'], ['Porter']]);
	});
	it('reads the first worksheet of an XLSX with dates as Date', async () => {
		const rows = await readSheetFile('v.xlsx', new Uint8Array(await fs.readFile('tests/fixtures/vacancies/trust-vacancies.xlsx')), 1_000_000);
		expect(rows[0]).toContain('role');
		expect(rows.slice(1).some((row) => row.some((cell) => cell instanceof Date))).toBe(true);
	});
	it('says why a file cannot be read', async () => {
		expect(await reasonOf(readSheetFile('a.txt', utf8('x'), 10))).toEqual(['format', 'is not a .csv or .xlsx file']);
		expect(await reasonOf(readSheetFile('a.csv', new Uint8Array(), 10))).toEqual(['empty', 'is empty']);
		expect((await reasonOf(readSheetFile('a.csv', utf8('12345678901'), 10)))[0]).toBe('too_large');
		expect(await reasonOf(readSheetFile('a.csv', new Uint8Array([0x61, 0xff, 0x62]), 10))).toEqual(['unreadable', 'cannot be read as CSV: it is not UTF-8 text']);
		expect(await reasonOf(readSheetFile('a.csv', utf8('a,b\u0000'), 10))).toEqual(['unreadable', 'cannot be read as CSV: it contains a NUL character']);
		expect((await reasonOf(readSheetFile('a.csv', utf8('"open quote\n'), 100)))[1]).toMatch(/^cannot be read as CSV: /);
		expect((await reasonOf(readSheetFile('a.xlsx', utf8('not a zip'), 100)))[1]).toMatch(/^cannot be read as XLSX: /);
	});
});
