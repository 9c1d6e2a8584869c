/**
 * Importing an employer's vacancy list (CSV or XLSX) as opportunities at macro-assets (issue 14).
 * All or nothing: the sheet is checked row by row (domain/vacancies/rows.ts), then each row's site
 * is found by id or name and its role placed in the skills taxonomy (by its SOC 2020 code, else
 * through the role crosswalk); any problem refuses the whole file, naming row and field. A list is
 * named (by default after its file); importing a list again replaces that list's vacancies.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { ProblemList, quote } from '../../domain/imports/problems';
import { parseVacancySheet, roleKey, type Cell, type VacancyRow } from '../../domain/vacancies/rows';
import type { Database } from '../db/schema';
import { DomainError, invalid, notFound } from '../errors';
import { readSheetFile, SheetUnreadable } from '../imports/sheet';
import { markMatchingStale } from '../restricted/pipeline/publication';
import { deleteVacancyList, listCrosswalk, listSiteRefs, replaceVacancyList, socSkillGroups, type VacancyToStore } from './queries';

/** Bigger than any real list (a few hundred rows) by far; refuses what would be a mistake. */
export const MAX_VACANCY_FILE_BYTES = 5 * 1024 * 1024;

/** The import was refused; nothing was written. `details.problems` names each row and field. */
export function vacanciesRefused(file: string, problems: readonly string[]): DomainError {
	return new DomainError('invalid', `${file}: the vacancy list was refused and nothing was written (${problems.length} problem${problems.length === 1 ? '' : 's'}).`, { problems });
}

export function refusalProblems(err: unknown): string[] | undefined {
	if (!(err instanceof DomainError)) return undefined;
	const problems = (err.details as { problems?: unknown } | undefined)?.problems;
	return Array.isArray(problems) ? problems.map(String) : undefined;
}

/** The sheet's cells: the first worksheet of an XLSX, or a CSV's rows. */
export async function readVacancySheet(fileName: string, bytes: Uint8Array): Promise<Cell[][]> {
	try {
		return await readSheetFile(fileName, bytes, MAX_VACANCY_FILE_BYTES);
	} catch (err) {
		if (!(err instanceof SheetUnreadable)) throw err;
		if (err.reason === 'too_large') throw new DomainError('too_large', `${fileName} is ${bytes.byteLength} bytes; a vacancy list may be at most ${MAX_VACANCY_FILE_BYTES} bytes.`);
		throw vacanciesRefused(fileName, [err.message]);
	}
}

export interface ResolvedVacancy extends VacancyRow {
	siteId: string;
	siteName: string;
	placeId: string;
	skillGroupId: string;
	/** How the skill group was found. */
	matchedBy: 'soc_code' | 'crosswalk';
}

/** Checks the sheet and resolves each row's site and skill group; refuses (throws) with every problem. */
export async function resolveVacancies(db: Kysely<Database>, fileName: string, sheet: readonly (readonly Cell[])[]): Promise<ResolvedVacancy[]> {
	const parsed = parseVacancySheet(sheet);
	if (!parsed.ok) throw vacanciesRefused(fileName, parsed.problems);
	const [sites, socs, crosswalk] = await Promise.all([listSiteRefs(db), socSkillGroups(db), listCrosswalk(db)]);
	const byId = new Map(sites.map((s) => [s.id, s]));
	const byName = new Map(sites.map((s) => [s.name.trim().toLowerCase(), s]));
	const roles = new Map(crosswalk.map((c) => [c.roleKey, c]));
	const problems = new ProblemList();
	const out: ResolvedVacancy[] = [];
	for (const row of parsed.rows) {
		const where = `row ${row.line} (role ${quote(row.role)})`;
		const site = byId.get(row.site) ?? byName.get(row.site.trim().toLowerCase());
		if (!site) problems.add(`${where}: site: ${quote(row.site)} is not the id or name of a site here (e.g. ${sites.slice(0, 3).map((s) => quote(s.id)).join(', ')})`);
		const known = roles.get(roleKey(row.role));
		let skillGroupId: string | undefined;
		let matchedBy: ResolvedVacancy['matchedBy'] = 'crosswalk';
		if (row.socCode) {
			skillGroupId = socs.get(row.socCode);
			matchedBy = 'soc_code';
			if (!skillGroupId) problems.add(`${where}: soc_code: ${row.socCode} is in no skill group of the taxonomy`);
		} else if (known) skillGroupId = known.skillGroupId;
		else problems.add(`${where}: role: ${quote(row.role)} is not in the role crosswalk; add it on /matching/crosswalk or give the row a soc_code`);
		if (site && skillGroupId) {
			out.push({
				...row,
				jobFamily: row.jobFamily ?? known?.nhsJobFamily ?? null,
				band: row.band ?? known?.afcBand ?? null,
				siteId: site.id,
				siteName: site.name,
				placeId: site.placeId,
				skillGroupId,
				matchedBy
			});
		}
		if (problems.full) break;
	}
	if (problems.count) throw vacanciesRefused(fileName, problems.messages());
	return out;
}

export interface VacancyImportReport {
	list: string;
	vacancies: number;
	posts: number;
	live: number;
	closed: number;
	replaced: number;
	dryRun: boolean;
	rows: ResolvedVacancy[];
}

/** The default list name: the file's name without folder or extension. */
export function listNameOf(fileName: string): string {
	return path.basename(fileName, path.extname(fileName)).slice(0, 200) || 'vacancies';
}

function vacancyId(list: string, line: number): string {
	return `vac-${createHash('sha256').update(`${list}\n${line}`).digest('hex').slice(0, 24)}`;
}

class DryRunDone extends Error {
	constructor(readonly replaced: number) {
		super('dry run');
	}
}

/**
 * Checks and (unless a dry run) stores a vacancy list in one transaction, replacing the vacancies
 * an earlier import of the same list left. `today` (YYYY-MM-DD) decides which are live.
 */
export async function importVacancies(
	db: Kysely<Database>,
	input: { fileName: string; bytes: Uint8Array; list?: string; dryRun?: boolean; today?: string }
): Promise<VacancyImportReport> {
	const sheet = await readVacancySheet(input.fileName, input.bytes);
	const list = (input.list ?? listNameOf(input.fileName)).trim();
	if (!list || list.length > 200 || list.includes('\u0000')) throw vacanciesRefused(input.fileName, ['list: a list name of 1 to 200 characters is needed']);
	const rows = await resolveVacancies(db, input.fileName, sheet);
	const today = input.today ?? new Date().toISOString().slice(0, 10);
	const toStore: VacancyToStore[] = rows.map((r) => ({
		id: vacancyId(list, r.line),
		siteId: r.siteId,
		skillGroupId: r.skillGroupId,
		role: r.role,
		jobFamily: r.jobFamily,
		afcBand: r.band,
		requiredRegistration: r.requiredRegistration,
		count: r.count,
		closesOn: r.closingDate,
		list
	}));
	const replaced = await db
		.transaction()
		.execute(async (trx) => {
			const { replaced } = await replaceVacancyList(trx, list, toStore);
			if (input.dryRun) throw new DryRunDone(replaced);
			for (const placeId of new Set(rows.map((r) => r.placeId))) await markMatchingStale(trx, placeId);
			return replaced;
		})
		.catch((err) => {
			if (err instanceof DryRunDone) return err.replaced;
			throw err;
		});
	const live = rows.filter((r) => r.closingDate >= today);
	return {
		list,
		vacancies: rows.length,
		posts: rows.reduce((n, r) => n + r.count, 0),
		live: live.length,
		closed: rows.length - live.length,
		replaced,
		dryRun: !!input.dryRun,
		rows
	};
}

/**
 * Withdraws a whole vacancy list (a wrong file, a list the employer took back): its vacancies leave
 * every count, and the matching publication of the places concerned is rebuilt. One transaction.
 */
export async function removeVacancyList(db: Kysely<Database>, list: string): Promise<{ list: string; places: number }> {
	const name = list.trim();
	if (!name || name.length > 200 || name.includes('\u0000')) throw invalid('Name the vacancy list to remove.', [{ field: 'list', message: 'a list name of 1 to 200 characters' }]);
	return db.transaction().execute(async (trx) => {
		const places = await deleteVacancyList(trx, name);
		if (places.length === 0) throw notFound(`There is no vacancy list “${name}”.`);
		for (const placeId of places) await markMatchingStale(trx, placeId);
		return { list: name, places: places.length };
	});
}

export function describeVacancyImport(report: VacancyImportReport): string {
	const done = (verb: string) => (report.dryRun ? `would be ${verb}` : verb);
	const lines = [
		`vacancies: list “${report.list}”: ${report.vacancies} vacancies (${report.posts} posts) ${done('imported')}; ${report.live} live, ${report.closed} already closed`,
		`  ${report.replaced} vacancies of an earlier import of this list ${done('replaced')}`
	];
	if (report.dryRun) lines.push('  dry run: everything checked, nothing written');
	return lines.join('\n');
}

export function vacanciesUsageText(): string {
	return [
		'usage: npm run import -- vacancies <file.csv|file.xlsx> [--list <name>] [--dry-run]',
		'',
		'An employer\'s vacancy list: a header row, then one vacancy per row. Columns: role, count, site,',
		'closing_date (required); job_family, band (Agenda for Change 1-7, 8a-8d, 9), required_registration,',
		'soc_code (optional). site is a macro-asset id or name; the role is placed in the skills taxonomy by',
		'soc_code, else by the role crosswalk (/matching/crosswalk). Dates: YYYY-MM-DD or DD/MM/YYYY.',
		'All or nothing: any bad row refuses the whole file and names the row and field. Importing a list',
		'again (same --list, by default the file name) replaces its vacancies.',
		'',
		'  --list <name>  the list these vacancies belong to (default: the file name without extension)',
		'  --dry-run      check everything, write nothing'
	].join('\n');
}
