/**
 * The one rule for a live opportunity (issue 14): a vacancy past its closing date is no longer an
 * opportunity; anything without a closing date (training places, lots, placements) always is.
 * Every query module that counts or lists opportunities (scores, assets, scenarios, near me,
 * matching) uses this fragment, so the rule cannot drift between them.
 *
 * "Today" is the database's CURRENT_DATE (its session time zone), as it always was. Tests may fix
 * it (`fixTodayForTests`) to see a vacancy close without waiting for midnight; caches that hold
 * live counts key them by this date, so an answer never outlives its day.
 */
import { sql, type RawBuilder } from 'kysely';

let fixedToday: string | undefined;

/** Fixes "today" for every live-opportunity query of this process (tests only); undefined restores CURRENT_DATE. */
export function fixTodayForTests(isoDate: string | undefined): void {
	if (isoDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`fixTodayForTests: "${isoDate}" is not a YYYY-MM-DD date`);
	fixedToday = isoDate;
}

/** SQL for today's date as the live rule reads it. */
export function todaySql(): RawBuilder<Date> {
	return fixedToday === undefined ? sql<Date>`CURRENT_DATE` : sql<Date>`${fixedToday}::date`;
}

/** SQL for a given YYYY-MM-DD date (one read once by readToday, so rows and the key that labels them agree). */
export function dateSql(isoDate: string): RawBuilder<Date> {
	return sql<Date>`${isoDate}::date`;
}

/**
 * SQL (boolean): the opportunity row `alias` (a table alias or name) is live on `on` (default:
 * today). Usable as a Kysely `.where(...)` argument or inside a `sql` template.
 */
export function isLiveOpportunity(alias: string, on: RawBuilder<Date> = todaySql()): RawBuilder<boolean> {
	const closesOn = sql.ref(`${alias}.closes_on`);
	return sql<boolean>`(${closesOn} IS NULL OR ${closesOn} >= ${on})`;
}
