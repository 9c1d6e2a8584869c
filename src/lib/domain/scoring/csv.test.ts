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
});
