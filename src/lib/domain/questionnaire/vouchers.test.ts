import { describe, expect, it } from 'vitest';
import { DEFAULT_VOUCHER_RULE, formatPounds, voucherStanding } from './vouchers';

describe('voucherStanding', () => {
	it('pays £20 per full 10 validated, capped at £100', () => {
		expect(voucherStanding(DEFAULT_VOUCHER_RULE, 9, 0).earnedPence).toBe(0);
		expect(voucherStanding(DEFAULT_VOUCHER_RULE, 10, 0).earnedPence).toBe(2000);
		expect(voucherStanding(DEFAULT_VOUCHER_RULE, 39, 0).earnedPence).toBe(6000);
		expect(voucherStanding(DEFAULT_VOUCHER_RULE, 50, 0).earnedPence).toBe(10000);
		expect(voucherStanding(DEFAULT_VOUCHER_RULE, 94, 0).earnedPence).toBe(10000);
	});
	it('owes what is earned and not issued, never less than nothing', () => {
		expect(voucherStanding(DEFAULT_VOUCHER_RULE, 25, 2000).owedPence).toBe(2000);
		expect(voucherStanding(DEFAULT_VOUCHER_RULE, 5, 2000).owedPence).toBe(0);
	});
	it('follows a configured rule', () => {
		expect(voucherStanding({ amountPence: 500, batchSize: 3, capPence: 1200 }, 10, 0).earnedPence).toBe(1200);
		expect(voucherStanding({ amountPence: 500, batchSize: 3, capPence: 5000 }, 10, 0).earnedPence).toBe(1500);
		expect(() => voucherStanding({ amountPence: 500, batchSize: 0, capPence: 5000 }, 10, 0)).toThrow(RangeError);
	});
	it('formats pence as pounds', () => expect(formatPounds(2000)).toBe('£20.00'));
});
