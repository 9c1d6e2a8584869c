import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { readPaperFile } from './paper-file';

async function refusal(pending: Promise<unknown>): Promise<DomainError> {
	try {
		await pending;
	} catch (err) {
		if (err instanceof DomainError) return err;
		throw err;
	}
	throw new Error('expected a refusal');
}

describe('readPaperFile', () => {
	it('reads an XLSX sheet into rows numbered as the spreadsheet shows them', async () => {
		const bytes = await fs.readFile('tests/fixtures/questionnaires/paper-two-rows.xlsx');
		const rows = await readPaperFile('forms.XLSX', new Uint8Array(bytes));
		expect(rows).toHaveLength(2);
		expect(rows[0]).toEqual({
			row: 2,
			values: { researcher: 'e2e.researcher', consent: 'yes', age_band: '35-49', main_language: 'ur', 'location.lon': '-1.94512', 'location.lat': '52.49233', occupation: 'nurse', ideas: 'typed from paper' }
		});
		expect(rows[1]!.row).toBe(3);
		expect(rows[1]!.values.researcher).toBe('');
	});
	it('reads CSV with a byte-order mark and skips blank rows', async () => {
		const rows = await readPaperFile('a.csv', new TextEncoder().encode('\uFEFFresearcher,occupation\nann,nurse\n,\nbob,care\n'));
		expect(rows).toEqual([
			{ row: 2, values: { researcher: 'ann', occupation: 'nurse' } },
			{ row: 4, values: { researcher: 'bob', occupation: 'care' } }
		]);
	});
	it('refuses other formats, a missing researcher column, an unreadable XLSX and too many rows', async () => {
		expect((await refusal(readPaperFile('a.txt', new Uint8Array([1])))).message).toMatch(/\.csv or \.xlsx/);
		expect((await refusal(readPaperFile('a.csv', new TextEncoder().encode('name,occupation\nann,nurse\n')))).message).toMatch(/no "researcher" column/);
		expect((await refusal(readPaperFile('a.xlsx', new TextEncoder().encode('not a zip')))).message).toMatch(/cannot be read/);
		const many = ['researcher', ...Array.from({ length: 501 }, (_, i) => `r${i}`)].join('\n');
		expect((await refusal(readPaperFile('a.csv', new TextEncoder().encode(many)))).message).toMatch(/at most 500/);
		expect((await refusal(readPaperFile('a.csv', new Uint8Array(1024 * 1024 + 1)))).kind).toBe('too_large');
	});
});
