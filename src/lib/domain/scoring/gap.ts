/**
 * The gap headline of a site: for each skill group, the posts it offers, the local people with
 * those skills within one chosen walk, and the shortfall or surplus, in words a room reads at a
 * glance ("104 nursing & midwifery posts; about 30 local people with nursing & midwifery skills
 * within 20 minutes' walk (straight line); about 75 short").
 *
 * "Local people within T minutes" is the 2SFCA catchment count of a site (Luo & Wang 2003, step
 * one): Σ_k P(k,s)·[d(k,j) ≤ T], P from the published resident layer (rounded, small cells
 * withheld). The same sum divided by the posts is the site's supply per post, which ranks the
 * sites, so the headline, the rank and the map panel are one computation. People are shown as
 * whole people rounded to 5, the publication's own rounding base: a sum of rounded counts is
 * not more exact than its parts.
 */

/** The walks a planner may choose, in minutes (80 m/min, TfL's PTAL walking speed). */
export const WALK_MINUTES_CHOICES = [10, 15, 20, 30] as const;
/** The walk everything uses unless the URL names another. */
export const DEFAULT_WALK_MINUTES = 20;

/** Published counts are rounded to this base; sums of them are shown at the same grain. */
export const PEOPLE_ROUNDING_BASE = 5;

/** A walk time from a URL value: one of the choices, else the default (a mistyped link still opens). */
export function walkMinutesFrom(value: string | null | undefined): number {
	const n = Number(value);
	return (WALK_MINUTES_CHOICES as readonly number[]).includes(n) ? n : DEFAULT_WALK_MINUTES;
}

/** Whole people, rounded to the publication's base (12.4 → 10, 12.5 → 15, 1 → 0). */
export function aboutPeople(value: number): number {
	if (!Number.isFinite(value) || value <= 0) return 0;
	return Math.round(value / PEOPLE_ROUNDING_BASE) * PEOPLE_ROUNDING_BASE;
}

export type DistanceKind = 'straight' | 'walk';

/** What the distance is, said where it is used. */
export function distanceKindLabel(kind: DistanceKind): string {
	return kind === 'walk' ? 'walking network' : 'straight line';
}

/** "within 20 minutes' walk (straight line)". */
export function walkPhrase(minutes: number, kind: DistanceKind): string {
	return `within ${minutes} minutes' walk (${distanceKindLabel(kind)})`;
}

export interface SkillGap {
	skill: string;
	/** The skill group's display name. */
	name: string;
	/** Posts, training places, contract lots and placements the site offers in the group. */
	opportunities: number;
	/** Published local people with the skills within the walk, whole, rounded to 5. */
	people: number;
	/** people − opportunities, rounded to 5: negative is a shortfall. */
	balance: number;
	/** 'short' when fewer people than posts, 'surplus' when more, 'even' within the rounding. */
	kind: 'short' | 'surplus' | 'even';
	/** The unrounded supply per post (for ranking, never shown as people); null without posts. */
	supplyPerPost: number | null;
}

/**
 * One skill group's gap from a site's posts and the unrounded published supply within the walk.
 * The balance is taken from the rounded people so that the three numbers read consistently.
 */
export function skillGap(skill: string, name: string, opportunities: number, supplyWithinWalk: number): SkillGap {
	const people = aboutPeople(supplyWithinWalk);
	const raw = people - opportunities;
	// With nobody counted the shortfall is the posts themselves, exactly.
	const balance = people === 0 ? -opportunities : Math.sign(raw) * aboutPeople(Math.abs(raw));
	const kind = balance < 0 ? 'short' : balance > 0 ? 'surplus' : 'even';
	return { skill, name, opportunities, people, balance, kind, supplyPerPost: opportunities > 0 ? supplyWithinWalk / opportunities : null };
}

/** Shortfalls first (largest first), then even, then surpluses (smallest first); ties by name. */
export function orderGaps<T extends Pick<SkillGap, 'balance' | 'name'>>(gaps: readonly T[]): T[] {
	return [...gaps].sort((a, b) => a.balance - b.balance || a.name.localeCompare(b.name));
}

const count = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A skill group's name as it reads inside a sentence: "Nursing & midwifery" → "nursing & midwifery". */
export function inSentence(name: string): string {
	return /^[A-Z][a-z]/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
}

/**
 * The headline: "104 nursing & midwifery posts; about 30 local people with nursing & midwifery
 * skills within 20 minutes' walk (straight line); about 75 short". For all groups pooled, name
 * "all skills" reads "104 posts; about 30 local people with matching skills …".
 */
export function gapSentence(gap: Pick<SkillGap, 'name' | 'opportunities' | 'people' | 'balance'>, walkMinutes: number, kind: DistanceKind): string {
	const pooled = gap.name === '';
	const group = inSentence(gap.name);
	const posts = `${count.format(gap.opportunities)} ${pooled ? '' : `${group} `}${gap.opportunities === 1 ? 'post' : 'posts'}`;
	const skills = `with ${pooled ? 'matching' : group} skills ${walkPhrase(walkMinutes, kind)}`;
	const people = gap.people === 0 ? `no local people counted ${skills}` : `about ${count.format(gap.people)} local people ${skills}`;
	const balance =
		gap.people === 0 && gap.opportunities > 0
			? `${count.format(gap.opportunities)} short`
			: gap.balance < 0
				? `about ${count.format(-gap.balance)} short` : gap.balance > 0 ? `about ${count.format(gap.balance)} more people than posts` : 'about as many people as posts';
	return `${posts}; ${people}; ${balance}`;
}

/** The direction a site rank runs, said every time a rank is shown. */
export const SITE_RANK_DIRECTION = '1st = most local talent per post';

/** "2nd of 5 (1st = most local talent per post)". */
export function rankPhrase(rank: number, of: number): string {
	const mod100 = rank % 100;
	const suffix = mod100 >= 11 && mod100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][rank % 10] ?? 'th');
	return `${rank}${suffix} of ${of} (${SITE_RANK_DIRECTION})`;
}

/** Readiness of the local people counted, in plain words (the published layers' filters). */
export const READINESS_LABELS: Record<string, string> = {
	any: 'everyone with the skills',
	overseas_qualification: 'holding an overseas qualification',
	english_test_passed: 'passed an English test',
	professionally_registered: 'registered with a UK body'
};
