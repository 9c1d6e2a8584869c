/**
 * The public pages' words and numbers in the reader's language (issue 13.2): the site page, the
 * explorer's site list, /enterprises, /finance and /dashboard. Each function takes the locale (the
 * page's, by default) so that a test can ask for any language.
 *
 * English must read exactly as before (other browser tests and the API's own sentences check it):
 * English numbers are formatted for en-GB, as the English-only helpers did, and the gap sentence
 * is the same template as `gapSentence` in src/lib/domain/scoring/gap.ts, cut into messages.
 * Numbers follow the locale through Intl (Bengali digits in Bengali, "12 345" in Polish), and
 * every message with a count is a plural variant chosen by the locale's plural rules.
 */
import { m } from '../../paraglide/messages';
import { getLocale } from '../../paraglide/runtime';
import { formatGbp } from '../../map/macro-assets';
import type { LanguageCode } from '../../domain/i18n/languages';
import type { SkillGapView } from '../../contracts/gap';

type Locale = LanguageCode;
type Text = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;
const here = (): Locale => getLocale() as Locale;
const opts = (locale: Locale) => ({ locale });

/** The Intl locale for numbers and dates: English is British English, as the pages always were. */
export function intlLocale(locale: Locale = here()): string {
	return locale === 'en' ? 'en-GB' : locale;
}

/** A count as people read it in the language: 1,027 · ১,০২৭ · 1027. */
export function whole(value: number, locale: Locale = here()): string {
	return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(value);
}

/** Local talent per opportunity: 2 significant figures below 10, whole numbers above (as formatRatio). */
export function ratio(value: number | null, locale: Locale = here()): string {
	if (value === null || !Number.isFinite(value)) return '–';
	if (value === 0) return whole(0, locale);
	if (value >= 10) return whole(value, locale);
	const digits = value < 1 ? 2 : 1;
	return new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(value.toPrecision(2)));
}

/** Distance from a site's edge: "on site", "180 m" (to 10 m), "1.2 km" (as formatDistance). */
export function distance(metres: number, locale: Locale = here()): string {
	if (metres < 5) return m.site_on_site({}, opts(locale));
	if (metres < 995) return m.site_metres({ n: whole(Math.max(10, Math.round(metres / 10) * 10), locale) }, opts(locale));
	const km = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(metres / 1000);
	return m.site_km({ n: km }, opts(locale));
}

/** Money: English keeps the planning-document style (£350m, £1.2bn); other languages use Intl's compact form. */
export function compactGbp(amount: number, locale: Locale = here()): string {
	if (locale === 'en') return formatGbp(amount);
	return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'GBP', currencyDisplay: 'narrowSymbol', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(amount);
}

/** Money to the pound: £1,234 (en-GB), 1234 £ (pl). */
export function gbp(amount: number, locale: Locale = here()): string {
	return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'GBP', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(Math.round(amount));
}

const KINDS: Record<string, Text> = {
	hospital: m.site_kind_hospital,
	housing: m.site_kind_housing,
	mixed_use: m.site_kind_mixed_use,
	regeneration: m.site_kind_regeneration,
	leisure: m.site_kind_leisure,
	education: m.site_kind_education,
	infrastructure: m.site_kind_infrastructure,
	commercial: m.site_kind_commercial,
	other: m.site_kind_other
};
/** A capital project's kind ("Hospital"); an unknown kind reads as "Other", as kindStyle does. */
export function kindText(kind: string, locale: Locale = here()): string {
	return (KINDS[kind] ?? KINDS.other!)({}, opts(locale));
}

const STATUSES: Record<string, Text> = {
	proposed: m.site_status_proposed,
	planned: m.site_status_planned,
	consented: m.site_status_consented,
	under_construction: m.site_status_under_construction,
	complete: m.site_status_complete,
	operational: m.site_status_operational,
	released: m.site_status_released,
	cancelled: m.site_status_cancelled
};
export function statusText(status: string, locale: Locale = here()): string {
	return STATUSES[status]?.({}, opts(locale)) ?? status.replace(/_/g, ' ');
}

/** The years a project runs: "2016–2024", "from 2024", "by 2016" (years are not grouped: 2024, not 2,024). */
export function yearsText({ start, end }: { start: number | null; end: number | null }, locale: Locale = here()): string | null {
	const year = (y: number) => new Intl.NumberFormat(intlLocale(locale), { useGrouping: false }).format(y);
	if (start !== null && end !== null) return start === end ? year(start) : `${year(start)}–${year(end)}`;
	if (start !== null) return m.site_from_year({ year: year(start) }, opts(locale));
	if (end !== null) return m.site_by_year({ year: year(end) }, opts(locale));
	return null;
}

/** "Jan 2025 – Dec 2025", "from Apr 2025", "until Mar 2026" in the language; "" when neither is known. */
export function periodText(start: string | null, end: string | null, locale: Locale = here()): string {
	const month = (iso: string) => new Intl.DateTimeFormat(intlLocale(locale), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
	if (start && end) return `${month(start)} – ${month(end)}`;
	if (start) return m.site_period_from({ date: month(start) }, opts(locale));
	if (end) return m.site_period_until({ date: month(end) }, opts(locale));
	return '';
}

export type DistanceKind = 'straight' | 'walk';
const distanceWords = (kind: DistanceKind, locale: Locale) => (kind === 'walk' ? m.site_distance_walk : m.site_distance_straight)({}, opts(locale));

/** "20-minute walk (straight line)". */
export function walkWords(minutes: number, kind: DistanceKind, locale: Locale = here()): string {
	return m.site_walk_words({ count: minutes, n: whole(minutes, locale), distance: distanceWords(kind, locale) }, opts(locale));
}

/** A skill group's name inside a sentence, as gap.ts's inSentence: "Nursing & midwifery" → "nursing & midwifery". */
function inSentence(name: string): string {
	return /^[A-Z][a-z]/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
}

/**
 * One skill group's gap sentence: "104 nursing & midwifery posts; about 30 local people with
 * nursing & midwifery skills within 20 minutes' walk (straight line); about 75 short". The same
 * template and rules as gapSentence (src/lib/domain/scoring/gap.ts), so the English is identical;
 * skill group names stay as recorded (English).
 */
export function gapText(gap: Pick<SkillGapView, 'name' | 'opportunities' | 'people' | 'balance'>, walkMinutes: number, kind: DistanceKind, locale: Locale = here()): string {
	const o = opts(locale);
	const group = inSentence(gap.name);
	const walk = m.site_gap_walk({ count: walkMinutes, n: whole(walkMinutes, locale), distance: distanceWords(kind, locale) }, o);
	const posts = m.site_gap_posts({ count: gap.opportunities, n: whole(gap.opportunities, locale), group }, o);
	const people = gap.people === 0 ? m.site_gap_nobody({ group, walk }, o) : m.site_gap_people({ count: gap.people, n: whole(gap.people, locale), group, walk }, o);
	const balance =
		gap.people === 0 && gap.opportunities > 0
			? m.site_gap_short_exact({ n: whole(gap.opportunities, locale) }, o)
			: gap.balance < 0
				? m.site_gap_short({ n: whole(-gap.balance, locale) }, o)
				: gap.balance > 0
					? m.site_gap_more({ n: whole(gap.balance, locale) }, o)
					: m.site_gap_even({}, o);
	return m.site_gap_sentence({ posts, people, balance }, o);
}

/** "2nd of 5 (1st = most local talent per post)", as rankPhrase in English. */
export function rankText(rank: number, of: number, locale: Locale = here()): string {
	return m.site_rank({ count: rank, n: whole(rank, locale), of: whole(of, locale) }, opts(locale));
}

const READINESS: Record<string, Text> = {
	any: m.site_readiness_any,
	overseas_qualification: m.site_readiness_overseas_qualification,
	english_test_passed: m.site_readiness_english_test_passed,
	professionally_registered: m.site_readiness_professionally_registered
};
/** The readiness choices in their order (READINESS_LABELS in gap.ts), in the language. */
export function readinessChoices(locale: Locale = here()): { id: string; label: string }[] {
	return Object.entries(READINESS).map(([id, text]) => ({ id, label: text({}, opts(locale)) }));
}
export function readinessText(id: string, locale: Locale = here()): string {
	return READINESS[id]?.({}, opts(locale)) ?? id;
}

const COLUMN: Record<string, Text> = { job: m.site_col_job, training: m.site_col_training, procurement: m.site_col_procurement, placement: m.site_col_placement };
const ONE_OF: Record<string, Text> = { job: m.site_kindword_job, training: m.site_kindword_training, procurement: m.site_kindword_procurement, placement: m.site_kindword_placement };
type CountText = (inputs: { count: number; n: string }, options?: { locale?: Locale }) => string;
const COUNTED: Record<string, CountText> = { job: m.site_count_job, training: m.site_count_training, procurement: m.site_count_procurement, placement: m.site_count_placement };
/** An opportunity kind as a column heading ("Jobs"), as one of it ("job"), and counted ("39 training places"). */
export const opportunityKind = {
	column: (kind: string, locale: Locale = here()) => COLUMN[kind]?.({}, opts(locale)) ?? kind,
	one: (kind: string, locale: Locale = here()) => ONE_OF[kind]?.({}, opts(locale)) ?? kind,
	counted: (kind: string, count: number, locale: Locale = here()) => COUNTED[kind]?.({ count, n: whole(count, locale) }, opts(locale)) ?? `${whole(count, locale)} ${kind}`
};

const HUBS: Record<string, Text> = {
	community_centre: m.site_hub_community_centre,
	health_centre: m.site_hub_health_centre,
	faith_centre: m.site_hub_faith_centre,
	school: m.site_hub_school,
	supermarket: m.site_hub_supermarket,
	library: m.site_hub_library,
	training_centre: m.site_hub_training_centre,
	other: m.site_hub_other
};
/** Hub types in the language, keyed as HUB_TYPE_LABELS. */
export function hubTypeLabels(locale: Locale = here()): Record<string, string> {
	return Object.fromEntries(Object.entries(HUBS).map(([id, text]) => [id, text({}, opts(locale))]));
}

const CONSORTIA: Record<string, Text> = {
	health: m.site_consortium_health,
	social_care: m.site_consortium_social_care,
	food: m.site_consortium_food,
	creative_industries: m.site_consortium_creative_industries,
	retail: m.site_consortium_retail,
	construction: m.site_consortium_construction,
	tourism: m.site_consortium_tourism
};
/** Consortia in the language, keyed and ordered as CONSORTIUM_LABELS. */
export function consortiumLabels(locale: Locale = here()): Record<string, string> {
	return Object.fromEntries(Object.entries(CONSORTIA).map(([id, text]) => [id, text({}, opts(locale))]));
}
