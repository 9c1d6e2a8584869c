/**
 * Community researchers' vouchers (issue 11): an amount for every full batch of validated
 * questionnaires, up to a cap per researcher (USE-IT!: £20 per 10, at most £100). Money in pence.
 */
export interface VoucherRule {
	amountPence: number;
	batchSize: number;
	capPence: number;
}

export const DEFAULT_VOUCHER_RULE: VoucherRule = { amountPence: 2000, batchSize: 10, capPence: 10000 };

export interface VoucherStanding {
	validated: number;
	earnedPence: number;
	issuedPence: number;
	/** Earned and not yet issued (never below zero). */
	owedPence: number;
}

/** What a researcher has earned for `validated` questionnaires under the rule, and what is still owed. */
export function voucherStanding(rule: VoucherRule, validated: number, issuedPence: number): VoucherStanding {
	if (!(rule.batchSize >= 1) || !(rule.amountPence >= 0) || !(rule.capPence >= 0)) throw new RangeError('voucher rule needs batchSize >= 1 and amounts >= 0');
	const batches = Math.floor(Math.max(0, validated) / rule.batchSize);
	const earnedPence = Math.min(rule.capPence, batches * rule.amountPence);
	return { validated, earnedPence, issuedPence, owedPence: Math.max(0, earnedPence - issuedPence) };
}

/** "£20.00" */
export function formatPounds(pence: number): string {
	return `£${(pence / 100).toFixed(2)}`;
}
