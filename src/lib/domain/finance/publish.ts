/**
 * Community finance published in aggregate (issue 15, part 5). Awards to organisations (social
 * enterprises, community groups, charities, businesses, public bodies) are summed by cell, by
 * macro-asset catchment, by year and kind. Awards to individuals are never shown one by one and
 * never broken down (a breakdown could be subtracted from the total to reveal a small group): they
 * appear only as one place-wide line, and only when there are at least k of them (the publication
 * threshold of DESIGN.md, default 10, never below 5), with the count rounded to base 5
 * (as published resident counts are) and the amount to the nearest £1,000.
 */
import { roundForRelease } from '../privacy/rounding';
import { DEFAULT_K, DEFAULT_ROUNDING_BASE, MIN_K } from '../privacy/publish';

export const FINANCE_KINDS = ['grant', 'loan', 'community_share', 'prize'] as const;
export const RECIPIENT_TYPES = ['individual', 'social_enterprise', 'community_group', 'charity', 'business', 'public_body'] as const;
export type FinanceKind = (typeof FINANCE_KINDS)[number];
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

/** Amounts to individuals are published to this many pounds. */
export const INDIVIDUAL_AMOUNT_ROUNDING_GBP = 1000;

export interface FinanceAward {
	amountGbp: number;
	kind: FinanceKind;
	recipientType: RecipientType;
	/** ISO date, YYYY-MM-DD. */
	receivedOn: string;
	/** The published cell the award landed in, if any. */
	cellId: string | null;
	/** The macro-asset whose catchment it belongs to, if any. */
	siteId: string | null;
}

export interface FinanceTotal {
	amountGbp: number;
	awards: number;
}

export interface FinanceSummary {
	k: number;
	/** Organisations' awards only. */
	total: FinanceTotal;
	byKind: (FinanceTotal & { kind: FinanceKind })[];
	byRecipientType: (FinanceTotal & { recipientType: Exclude<RecipientType, 'individual'> })[];
	byYear: (FinanceTotal & { year: number; byKind: Record<FinanceKind, number> })[];
	byCell: (FinanceTotal & { cellId: string })[];
	/** siteId null: outside every site's catchment. */
	bySite: (FinanceTotal & { siteId: string | null })[];
	individuals: { published: true; awards: number; amountGbp: number } | { published: false; reason: string };
}

/** Whole pounds: the published sums are to the pound (pence add nothing and help nobody). */
const pounds = (x: number) => Math.round(x);

function sumBy<K>(awards: readonly FinanceAward[], key: (a: FinanceAward) => K): Map<K, FinanceTotal> {
	const totals = new Map<K, FinanceTotal>();
	for (const a of awards) {
		const k = key(a);
		const t = totals.get(k) ?? { amountGbp: 0, awards: 0 };
		t.amountGbp += a.amountGbp;
		t.awards += 1;
		totals.set(k, t);
	}
	return totals;
}

const rounded = (t: FinanceTotal): FinanceTotal => ({ amountGbp: pounds(t.amountGbp), awards: t.awards });

/**
 * The published summary of a place's awards.
 * @param k the threshold for the individuals' line (clamped to at least MIN_K).
 */
export function publishFinance(awards: readonly FinanceAward[], k = DEFAULT_K): FinanceSummary {
	const threshold = Math.max(MIN_K, Math.floor(k));
	const organisations = awards.filter((a) => a.recipientType !== 'individual');
	const individuals = awards.filter((a) => a.recipientType === 'individual');

	const total = rounded(organisations.reduce((t, a) => ({ amountGbp: t.amountGbp + a.amountGbp, awards: t.awards + 1 }), { amountGbp: 0, awards: 0 }));
	const byKind = [...sumBy(organisations, (a) => a.kind)].map(([kind, t]) => ({ kind, ...rounded(t) })).sort((a, b) => FINANCE_KINDS.indexOf(a.kind) - FINANCE_KINDS.indexOf(b.kind));
	const byRecipientType = [...sumBy(organisations, (a) => a.recipientType as Exclude<RecipientType, 'individual'>)]
		.map(([recipientType, t]) => ({ recipientType, ...rounded(t) }))
		.sort((a, b) => b.amountGbp - a.amountGbp);
	const byYear = [...sumBy(organisations, (a) => Number(a.receivedOn.slice(0, 4)))]
		.map(([year, t]) => {
			const byKindOfYear = Object.fromEntries(FINANCE_KINDS.map((kind) => [kind, 0])) as Record<FinanceKind, number>;
			for (const a of organisations) if (Number(a.receivedOn.slice(0, 4)) === year) byKindOfYear[a.kind] += a.amountGbp;
			for (const kind of FINANCE_KINDS) byKindOfYear[kind] = pounds(byKindOfYear[kind]);
			return { year, ...rounded(t), byKind: byKindOfYear };
		})
		.sort((a, b) => a.year - b.year);
	const byCell = [...sumBy(organisations.filter((a) => a.cellId !== null), (a) => a.cellId!)]
		.map(([cellId, t]) => ({ cellId, ...rounded(t) }))
		.sort((a, b) => b.amountGbp - a.amountGbp || a.cellId.localeCompare(b.cellId));
	const bySite = [...sumBy(organisations, (a) => a.siteId)]
		.map(([siteId, t]) => ({ siteId, ...rounded(t) }))
		.sort((a, b) => b.amountGbp - a.amountGbp);

	const individualLine: FinanceSummary['individuals'] =
		individuals.length >= threshold
			? {
					published: true,
					awards: roundForRelease(individuals.length, DEFAULT_ROUNDING_BASE, threshold),
					amountGbp: Math.round(individuals.reduce((s, a) => s + a.amountGbp, 0) / INDIVIDUAL_AMOUNT_ROUNDING_GBP) * INDIVIDUAL_AMOUNT_ROUNDING_GBP
				}
			: { published: false, reason: `Fewer than ${threshold} awards to individuals: not shown.` };

	return { k: threshold, total, byKind, byRecipientType, byYear, byCell, bySite, individuals: individualLine };
}
