import { describe, expect, it } from 'vitest';
import { readAward } from './award-input';

const good = { source: 'National Lottery Community Fund', amount_gbp: '£1,250.50', kind: 'grant', recipient_type: 'community_group', received_on: '2025-03-01', lon: '-1.95', lat: '52.49', site: '', note: '' };

describe('readAward', () => {
	it('reads a good award, pounds with a £ sign and thousands separators', () => {
		expect(readAward(good, '2026-01-01')).toEqual({
			value: { source: 'National Lottery Community Fund', amountGbp: 1250.5, kind: 'grant', recipientType: 'community_group', receivedOn: '2025-03-01', lon: -1.95, lat: 52.49, macroAssetId: null, note: null },
			problems: []
		});
	});

	it('names every wrong field', () => {
		const { value, problems } = readAward({ ...good, source: '', amount_gbp: '-3', kind: 'gift', recipient_type: 'person', received_on: '2025-02-30', lon: '1e3', lat: '', site: 'Bad Site' }, '2026-01-01');
		expect(value).toBeUndefined();
		expect(problems.map((p) => p.field)).toEqual(['source', 'amount_gbp', 'kind', 'recipient_type', 'received_on', 'lon', 'lat', 'site']);
	});

	it('refuses a date in the future and a NUL anywhere', () => {
		expect(readAward({ ...good, received_on: '2026-06-01' }, '2026-01-01').problems).toEqual([{ field: 'received_on', message: 'must not be in the future' }]);
		expect(readAward({ ...good, note: 'a\u0000b' }, '2026-01-01').problems[0]!.field).toBe('note');
	});
});
