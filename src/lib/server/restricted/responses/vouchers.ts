/**
 * The voucher ledger: what each researcher has earned for validated questionnaires under the
 * configured rule, what has been issued, and issuing what is owed (coordinators, administrators).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { voucherStanding, type VoucherRule, type VoucherStanding } from '../../../domain/questionnaire/vouchers';
import { writeAudit } from '../../audit/log';
import type { Database } from '../../db/schema';
import { forbidden, invalid, notFound } from '../../errors';
import { insertVoucherIssue, issuedByResearcher, listResearchers, lockVoucherLedger, selectVoucherRule, updateVoucherRule } from '../../questionnaires/queries';
import { countsByResearcher } from './queries';
import { REVIEWING_ROLES, type Viewer } from './service';

export interface ResearcherStanding extends VoucherStanding {
	researcherId: string;
	name: string;
	pending: number;
	rejected: number;
}

/** The signed-in researcher's own count, earned and issued. */
export async function ownStanding(db: Kysely<Database>, viewer: Viewer): Promise<{ rule: VoucherRule; standing: VoucherStanding & { pending: number; rejected: number } }> {
	const [rule, counts, issued] = await Promise.all([selectVoucherRule(db), countsByResearcher(db, viewer.id), issuedByResearcher(db, viewer.id)]);
	const c = counts.get(viewer.id) ?? { pending: 0, validated: 0, rejected: 0 };
	return { rule, standing: { ...voucherStanding(rule, c.validated, issued.get(viewer.id) ?? 0), pending: c.pending, rejected: c.rejected } };
}

/** Every researcher's standing (coordinators and administrators). */
export async function voucherLedger(db: Kysely<Database>, viewer: Viewer): Promise<{ rule: VoucherRule; researchers: ResearcherStanding[] }> {
	if (!REVIEWING_ROLES.includes(viewer.role)) throw forbidden('Only coordinators and administrators see the voucher ledger.');
	const [rule, researchers, counts, issued] = await Promise.all([selectVoucherRule(db), listResearchers(db), countsByResearcher(db), issuedByResearcher(db)]);
	return {
		rule,
		researchers: researchers.map((r) => {
			const c = counts.get(r.id) ?? { pending: 0, validated: 0, rejected: 0 };
			return { researcherId: r.id, name: r.displayName, pending: c.pending, rejected: c.rejected, ...voucherStanding(rule, c.validated, issued.get(r.id) ?? 0) };
		})
	};
}

/** Issues what a researcher is owed (earned minus issued); refused when nothing is owed. Audited. */
export async function issueOwedVoucher(db: Kysely<Database>, viewer: Viewer, researcherId: string, note: string | null): Promise<{ amountPence: number }> {
	if (!REVIEWING_ROLES.includes(viewer.role)) throw forbidden('Only coordinators and administrators issue vouchers.');
	return db.transaction().execute(async (trx) => {
		await lockVoucherLedger(trx);
		const researcher = (await listResearchers(trx)).find((r) => r.id === researcherId);
		if (!researcher) throw notFound('No such researcher.');
		const [rule, counts, issued] = await Promise.all([selectVoucherRule(trx), countsByResearcher(trx, researcherId), issuedByResearcher(trx, researcherId)]);
		const standing = voucherStanding(rule, counts.get(researcherId)?.validated ?? 0, issued.get(researcherId) ?? 0);
		if (standing.owedPence <= 0) throw invalid(`${researcher.displayName} is owed nothing now.`, [{ field: 'researcherId', message: 'is owed nothing now' }]);
		await insertVoucherIssue(trx, { id: randomUUID(), researcherId, amountPence: standing.owedPence, issuedBy: viewer.id, note });
		await writeAudit(trx, { id: viewer.id, name: viewer.username, role: viewer.role }, { action: 'create', subject: 'voucher_issue', recordCount: 1, detail: { researcherId, amountPence: standing.owedPence } });
		return { amountPence: standing.owedPence };
	});
}

/** Administrators set the rule: amount per batch, batch size, cap (pence). */
export async function setVoucherRule(db: Kysely<Database>, viewer: Viewer, rule: VoucherRule): Promise<void> {
	if (viewer.role !== 'administrator') throw forbidden('Only administrators change the voucher rule.');
	await db.transaction().execute(async (trx) => {
		await updateVoucherRule(trx, rule);
		await writeAudit(trx, { id: viewer.id, name: viewer.username, role: viewer.role }, { action: 'update', subject: 'voucher_rule', recordCount: 1, detail: { ...rule } });
	});
}
