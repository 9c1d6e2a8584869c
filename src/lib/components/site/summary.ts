/**
 * Words and tables for a site's page: opportunities counted by skill group and kind, local talent
 * per opportunity as bars, nearby organisations grouped, distances and numbers as people read them.
 * Pure, so the server renders the same text the tests check.
 */
import { CONSORTIA, HUB_TYPES, OPPORTUNITY_KINDS } from '../../domain/vocabulary';

export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

/** Column headings: what one unit of each kind is. Soft hyphens let a phone's narrow table break them. */
export const OPPORTUNITY_KIND_LABELS: Record<OpportunityKind, string> = {
	job: 'Jobs',
	training: 'Train\u00ading places',
	procurement: 'Con\u00adtracts (lots)',
	placement: 'Place\u00adments'
};

export const HUB_TYPE_LABELS: Record<(typeof HUB_TYPES)[number], string> = {
	community_centre: 'Community centres',
	health_centre: 'Health centres',
	faith_centre: 'Faith centres',
	school: 'Schools',
	supermarket: 'Supermarkets',
	library: 'Libraries',
	training_centre: 'Training and employment',
	other: 'Other hubs'
};

export const CONSORTIUM_LABELS: Record<(typeof CONSORTIA)[number], string> = {
	health: 'Health',
	social_care: 'Social care',
	food: 'Food',
	creative_industries: 'Creative industries',
	retail: 'Retail',
	construction: 'Construction',
	tourism: 'Tourism'
};

export interface OpportunityLike {
	skillGroupId: string;
	kind: string;
	count: number;
	illustrative: boolean;
}

export interface OpportunityRow {
	skillGroupId: string;
	name: string;
	/** Count per kind, one entry per column of the table (0 where none). */
	counts: number[];
	total: number;
	/** Some count in this row is an estimate, not a published figure. */
	illustrative: boolean;
}

export interface OpportunityTable {
	/** The kinds that occur, in the vocabulary's order. */
	kinds: OpportunityKind[];
	rows: OpportunityRow[];
	totals: number[];
	total: number;
	illustrative: boolean;
}

/**
 * Opportunities by skill group (rows, in the taxonomy's order) and kind (columns), with totals.
 * Groups without opportunities are left out; a group missing from the taxonomy is shown by its id.
 */
export function opportunityTable(opportunities: readonly OpportunityLike[], skillGroups: readonly { id: string; name: string }[]): OpportunityTable {
	const kinds = OPPORTUNITY_KINDS.filter((kind) => opportunities.some((o) => o.kind === kind));
	const order = [...skillGroups.map((g) => g.id), ...opportunities.map((o) => o.skillGroupId)];
	const groupIds = [...new Set(order)].filter((id) => opportunities.some((o) => o.skillGroupId === id));
	const rows = groupIds.map((id) => {
		const mine = opportunities.filter((o) => o.skillGroupId === id);
		const counts = kinds.map((kind) => mine.filter((o) => o.kind === kind).reduce((sum, o) => sum + o.count, 0));
		return {
			skillGroupId: id,
			name: skillGroups.find((g) => g.id === id)?.name ?? id,
			counts,
			total: counts.reduce((a, b) => a + b, 0),
			illustrative: mine.some((o) => o.illustrative)
		};
	});
	const totals = kinds.map((_, k) => rows.reduce((sum, r) => sum + r.counts[k]!, 0));
	return { kinds, rows, totals, total: totals.reduce((a, b) => a + b, 0), illustrative: rows.some((r) => r.illustrative) };
}

export interface TalentBar {
	skillGroupId: string;
	name: string;
	opportunities: number;
	localSupply: number;
	supplyPerOpportunity: number | null;
	/** Bar length as a share of the axis, 0–100; a value beyond the axis is drawn full and marked. */
	percent: number;
	beyondAxis: boolean;
}

/** Axis ends: round numbers, so the scale reads at a glance. */
const AXIS_STEPS = [1, 2, 5, 10];
/**
 * Beyond 10 local residents per opportunity there is plenty of local talent; finer resolution up
 * there would flatten the bars that matter (one large ratio, e.g. two retail lots among 120 shop
 * workers, would otherwise squash every other bar). Larger values are drawn full and marked.
 */
export const TALENT_AXIS_CAP = 10;

/** The axis maximum for some ratios: the smallest of 1, 2, 5, 10 that holds the largest, at most 10. */
export function talentAxisMax(values: readonly number[]): number {
	const largest = Math.max(0, ...values.filter(Number.isFinite));
	return AXIS_STEPS.find((step) => step >= largest) ?? TALENT_AXIS_CAP;
}

/** Bars of local talent per opportunity, one per skill group, in the taxonomy's order. */
export function talentBars(
	bySkillGroup: readonly { skill: string; opportunities: number; localSupply: number; supplyPerOpportunity: number | null }[],
	skillGroups: readonly { id: string; name: string }[]
): { axisMax: number; bars: TalentBar[] } {
	const position = (id: string) => {
		const i = skillGroups.findIndex((g) => g.id === id);
		return i < 0 ? skillGroups.length : i;
	};
	const sorted = [...bySkillGroup].sort((a, b) => position(a.skill) - position(b.skill) || a.skill.localeCompare(b.skill));
	const axisMax = talentAxisMax(sorted.map((s) => s.supplyPerOpportunity ?? 0));
	return {
		axisMax,
		bars: sorted.map((s) => {
			const value = s.supplyPerOpportunity ?? 0;
			return {
				skillGroupId: s.skill,
				name: skillGroups.find((g) => g.id === s.skill)?.name ?? s.skill,
				opportunities: s.opportunities,
				localSupply: s.localSupply,
				supplyPerOpportunity: s.supplyPerOpportunity,
				percent: Math.min(100, (100 * value) / axisMax),
				beyondAxis: value > axisMax
			};
		})
	};
}

/** Items grouped by a key, groups in the vocabulary's order, items keeping their order (nearest first). */
export function groupByKey<T>(items: readonly T[], keyOf: (item: T) => string, order: readonly string[], labels: Record<string, string>): { key: string; label: string; items: T[] }[] {
	const keys = [...new Set([...order, ...items.map(keyOf)])];
	return keys
		.map((key) => ({ key, label: labels[key] ?? key.replace(/_/g, ' '), items: items.filter((item) => keyOf(item) === key) }))
		.filter((group) => group.items.length > 0);
}

const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A count as people read it: 1,027. */
export function formatWhole(value: number): string {
	return wholeNumber.format(value);
}

/** Local talent per opportunity: 2 significant figures below 10 (0.30, 2.2), whole numbers above (15, 60). */
export function formatRatio(value: number | null): string {
	if (value === null || !Number.isFinite(value)) return '–';
	if (value === 0) return '0';
	if (value >= 10) return wholeNumber.format(value);
	return Number(value.toPrecision(2)).toLocaleString('en-GB', { minimumFractionDigits: value < 1 ? 2 : 1, maximumFractionDigits: value < 1 ? 2 : 1 });
}

/** Distance from a site's edge: "on site", "180 m" (to 10 m), "1.2 km". */
export function formatDistance(metres: number): string {
	if (metres < 5) return 'on site';
	if (metres < 995) return `${Math.max(10, Math.round(metres / 10) * 10)} m`;
	return `${(metres / 1000).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} km`;
}

/** Walking minutes at 80 m/min (TfL's PTAL speed), in a straight line: a lower bound. */
export function walkingMinutes(metres: number): number {
	return Math.max(1, Math.round(metres / 80));
}

/** The name with "(synthetic)" after it when it is a synthetic record and does not already say so. */
export function labelledName(name: string, synthetic: boolean): string {
	return synthetic && !/\(synthetic\)\s*$/i.test(name) ? `${name} (synthetic)` : name;
}

const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "Jan 2025 – Dec 2025" from ISO dates; "from Apr 2025", "until Mar 2026"; "" when neither is known. */
export function formatPeriod(start: string | null, end: string | null): string {
	const month = (iso: string) => monthYear.format(new Date(`${iso}T00:00:00Z`));
	if (start && end) return `${month(start)} – ${month(end)}`;
	if (start) return `from ${month(start)}`;
	if (end) return `until ${month(end)}`;
	return '';
}

/** 1 → "1st", 12 → "12th", 22 → "22nd". */
export function ordinal(n: number): string {
	const mod100 = n % 100;
	const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n}${suffix}`;
}
