import { describe, expect, it } from 'vitest';
import { publishFinance, type FinanceAward } from './publish';

const award = (over: Partial<FinanceAward>): FinanceAward => ({
	amountGbp: 1000,
	kind: 'grant',
	recipientType: 'social_enterprise',
	receivedOn: '2024-05-01',
	cellId: 'hex1000:0:0',
	siteId: 'hospital',
	...over
});

describe('publishFinance', () => {
	it('sums organisations by kind, year, cell and site, to the pound', () => {
		const s = publishFinance([
			award({ amountGbp: 500.4 }),
			award({ amountGbp: 3000, kind: 'prize', receivedOn: '2025-01-02', cellId: 'hex1000:1:0', siteId: null }),
			award({ amountGbp: 250, kind: 'loan', recipientType: 'charity' })
		]);
		expect(s.total).toEqual({ amountGbp: 3750, awards: 3 });
		expect(s.byKind.map((k) => k.kind)).toEqual(['grant', 'loan', 'prize']);
		expect(s.byYear).toEqual([
			{ year: 2024, amountGbp: 750, awards: 2, byKind: { grant: 500, loan: 250, community_share: 0, prize: 0 } },
			{ year: 2025, amountGbp: 3000, awards: 1, byKind: { grant: 0, loan: 0, community_share: 0, prize: 3000 } }
		]);
		expect(s.byCell).toEqual([
			{ cellId: 'hex1000:1:0', amountGbp: 3000, awards: 1 },
			{ cellId: 'hex1000:0:0', amountGbp: 750, awards: 2 }
		]);
		expect(s.bySite).toEqual([
			{ siteId: null, amountGbp: 3000, awards: 1 },
			{ siteId: 'hospital', amountGbp: 750, awards: 2 }
		]);
	});

	it('never puts an award to an individual into any total, year, cell or site', () => {
		const orgs = [award({ amountGbp: 100 })];
		const withPerson = [...orgs, award({ amountGbp: 7391.37, recipientType: 'individual' })];
		const a = publishFinance(orgs);
		const b = publishFinance(withPerson);
		expect({ ...b, individuals: null }).toEqual({ ...a, individuals: null });
		expect(b.individuals.published).toBe(false);
		expect(JSON.stringify(b)).not.toMatch(/7391/);
	});

	it('publishes the individuals line only at k or more awards, count to base 5 and amount to £1,000', () => {
		const nine = Array.from({ length: 9 }, () => award({ amountGbp: 500, recipientType: 'individual' }));
		expect(publishFinance(nine, 10).individuals).toEqual({ published: false, reason: expect.stringMatching(/Fewer than 10/) });
		const twelve = [...nine, ...Array.from({ length: 3 }, () => award({ amountGbp: 733, recipientType: 'individual' }))];
		expect(publishFinance(twelve, 10).individuals).toEqual({ published: true, awards: 10, amountGbp: 7000 });
	});

	it('never lets k fall below 5', () => {
		const four = Array.from({ length: 4 }, () => award({ recipientType: 'individual' }));
		expect(publishFinance(four, 1).individuals.published).toBe(false);
		expect(publishFinance(four, 1).k).toBe(5);
	});
});
