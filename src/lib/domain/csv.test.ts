import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
	it('writes a header and quotes only what needs it', () => {
		const csv = toCsv(
			[
				{ cell: 'hex250:1:2', score: 1.5, name: 'Spring Hill, "the" site' },
				{ cell: 'hex250:1:3', score: 0, name: null }
			],
			['cell', 'score', 'name']
		);
		expect(csv).toBe('cell,score,name\r\nhex250:1:2,1.5,"Spring Hill, ""the"" site"\r\nhex250:1:3,0,\r\n');
	});

	it('writes booleans, dates and lists as a reader expects them', () => {
		const csv = toCsv(
			[{ id: 'a', ok: true, no: false, at: new Date('2026-12-05T10:00:00Z'), languages: ['ur', 'en'], line: 'two\nlines' }],
			['id', 'ok', 'no', 'at', 'languages', 'line']
		);
		expect(csv).toBe('id,ok,no,at,languages,line\r\na,true,false,2026-12-05T10:00:00.000Z,ur;en,"two\nlines"\r\n');
	});
});
