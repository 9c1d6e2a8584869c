/**
 * `npm run import -- skill-groups <file.csv> [--dry-run]` (issue 16, part 2): a place's own skills
 * taxonomy, so a database needs neither the demo nor hand-written SQL. The CSV has a header with
 * `id`, `label` and `soc_codes` (SOC 2020 unit groups, 4 digits, separated by `;`, `,` or spaces).
 * All or nothing: every row is checked first and each problem is named by row and field; nothing
 * is written unless the whole file is good. A group is inserted or its label and codes replaced;
 * groups not in the file are left alone, because opportunities and residents of any place may
 * refer to them.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { ProblemList, quote } from '../../domain/imports/problems';
import type { Database } from '../db/schema';
import { ImportRefused } from './index';
import { knownSocTitles, upsertImportedSkillGroups } from './queries';

export interface SkillGroupRow {
	readonly id: string;
	readonly label: string;
	readonly socCodes: readonly string[];
}

export interface SkillGroupsReport {
	readonly file: string;
	readonly groups: number;
	readonly inserted: number;
	readonly updated: number;
	readonly socCodes: number;
	/** Codes the taxonomy held no title for: stored titled "SOC 2020 unit group <code>". */
	readonly untitledCodes: readonly string[];
	readonly dryRun: boolean;
	readonly milliseconds: number;
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SOC = /^[0-9]{4}$/;
const COLUMNS = ['id', 'label', 'soc_codes'] as const;
const MAX_ROWS = 1000;

/** Checks a skill-groups CSV's text; throws ImportRefused naming every problem (up to 50). */
export function parseSkillGroupsCsv(file: string, text: string): SkillGroupRow[] {
	let records: string[][];
	try {
		records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
	} catch (err) {
		throw new ImportRefused(file, [`is not readable CSV: ${(err as Error).message}`]);
	}
	const [header, ...rows] = records;
	if (!header) throw new ImportRefused(file, ['is empty: expected a header "id,label,soc_codes" and one row per skill group']);
	const names = header.map((h) => h.toLowerCase());
	const missing = COLUMNS.filter((c) => !names.includes(c));
	const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n));
	if (missing.length || unknown.length) {
		throw new ImportRefused(file, [
			`the header must be exactly ${COLUMNS.join(', ')} (in any order)` +
				(missing.length ? `; missing ${missing.join(', ')}` : '') +
				(unknown.length ? `; unknown ${unknown.map(quote).join(', ')}` : '')
		]);
	}
	if (rows.length === 0) throw new ImportRefused(file, ['has a header but no skill groups']);
	if (rows.length > MAX_ROWS) throw new ImportRefused(file, [`has ${rows.length} rows; at most ${MAX_ROWS} skill groups`]);
	const column = (row: string[], name: (typeof COLUMNS)[number]) => row[names.indexOf(name)] ?? '';

	const problems = new ProblemList();
	const seen = new Map<string, number>();
	const groups: SkillGroupRow[] = [];
	rows.forEach((row, k) => {
		if (problems.full) return;
		const line = k + 2; // the header is line 1
		const where = `row ${line}`;
		if (row.length !== header.length) problems.add(`${where}: has ${row.length} fields; the header has ${header.length}`);
		const id = column(row, 'id');
		const label = column(row, 'label');
		const codesText = column(row, 'soc_codes');
		let good = true;
		const fail = (message: string) => {
			good = false;
			problems.add(`${where}${id ? ` (id ${quote(id)})` : ''}: ${message}`);
		};
		if ((id + label + codesText).includes('\u0000')) fail('contains a NUL character');
		if (!ID.test(id)) fail(`id ${quote(id)} must be lower-case letters, digits and hyphens (at most 63), e.g. "care-support"`);
		else if (seen.has(id)) fail(`id ${quote(id)} is already on row ${seen.get(id)}`);
		else seen.set(id, line);
		if (!label) fail('label is empty');
		else if (label.length > 200) fail(`label has ${label.length} characters; at most 200`);
		const codes = codesText.split(/[\s;,]+/).filter(Boolean);
		if (codes.length === 0) fail('soc_codes is empty: list the SOC 2020 unit groups (4 digits) this group covers');
		for (const code of codes) if (!SOC.test(code)) fail(`soc_codes: ${quote(code)} is not a 4-digit SOC 2020 unit group`);
		const repeated = codes.filter((c, i) => codes.indexOf(c) !== i);
		if (repeated.length) fail(`soc_codes: ${[...new Set(repeated)].join(', ')} listed twice`);
		if (good) groups.push({ id, label, socCodes: codes });
	});
	if (problems.count) throw new ImportRefused(file, problems.messages());
	return groups;
}

/** Reads, checks and (unless a dry run) writes a skill-groups CSV in one transaction. */
export async function importSkillGroups(
	db: Kysely<Database>,
	options: { file: string; dryRun: boolean }
): Promise<SkillGroupsReport> {
	const started = performance.now();
	let text: string;
	try {
		text = await fs.readFile(options.file, 'utf8');
	} catch (err) {
		throw new ImportRefused(options.file, [`cannot be read: ${(err as Error).message}`]);
	}
	const groups = parseSkillGroupsCsv(options.file, text);
	const titles = await knownSocTitles(db, groups.flatMap((g) => g.socCodes));
	const untitledCodes = [...new Set(groups.flatMap((g) => g.socCodes).filter((c) => !titles.has(c)))].sort();
	const rows = groups.map((g) => ({
		id: g.id,
		name: g.label,
		soc: g.socCodes.map((code) => ({ code, title: titles.get(code) ?? `SOC 2020 unit group ${code}` }))
	}));
	const written = await db.transaction().execute(async (trx) => {
		const result = await upsertImportedSkillGroups(trx, rows);
		// A dry run checks against the database (the same writes, constraints and all) and undoes them.
		if (options.dryRun) throw new DryRunDone(result);
		return result;
	}).catch((err) => {
		if (err instanceof DryRunDone) return err.result;
		throw err;
	});
	return {
		file: options.file,
		groups: groups.length,
		inserted: written.inserted,
		updated: written.updated,
		socCodes: rows.reduce((n, g) => n + g.soc.length, 0),
		untitledCodes,
		dryRun: options.dryRun,
		milliseconds: Math.round(performance.now() - started)
	};
}

class DryRunDone extends Error {
	constructor(readonly result: { inserted: number; updated: number }) {
		super('dry run');
	}
}

export function skillGroupsUsageText(): string {
	return [
		'usage: npm run import -- skill-groups <file.csv> [--dry-run]',
		'',
		'A CSV with the header id,label,soc_codes: one skill group per row, soc_codes the SOC 2020 unit',
		'groups it covers (4 digits, separated by ";", "," or spaces; quote the field when using ",").',
		'A group in the file is added, or its label and codes replaced; groups not in the file are kept.',
		'All or nothing: any bad row refuses the whole file and names the row and field.',
		'',
		'  --dry-run    check everything, write nothing'
	].join('\n');
}

export type SkillGroupsArguments = { help: true } | { usageError: string } | { file: string; dryRun: boolean };

/** The words after `skill-groups`. */
export function parseSkillGroupsArguments(argv: readonly string[]): SkillGroupsArguments {
	const { tokens } = parseArgs({
		args: [...argv],
		options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
		strict: false,
		allowPositionals: true,
		tokens: true
	});
	const files: string[] = [];
	let dryRun = false;
	for (const token of tokens) {
		if (token.kind === 'positional') files.push(token.value);
		if (token.kind !== 'option') continue;
		if (token.name === 'help') return { help: true };
		if (token.name === 'dry-run' && token.value === undefined) dryRun = true;
		else return { usageError: `unknown option ${token.rawName} for skill-groups` };
	}
	if (files.length === 0) return { usageError: 'say which CSV file to import as skill-groups' };
	if (files.length > 1) return { usageError: `unexpected argument "${files[1]}" (one file per import)` };
	if (!files[0]!.toLowerCase().endsWith('.csv')) return { usageError: `skill-groups are read from a .csv file; "${files[0]}" is not one` };
	return { file: files[0]!, dryRun };
}

export function describeSkillGroupsImport(report: SkillGroupsReport): string {
	const done = (verb: string) => (report.dryRun ? `would be ${verb}` : verb);
	const lines = [
		`skill-groups: ${report.file} (CSV, ${report.groups} group${report.groups === 1 ? '' : 's'}, ${report.socCodes} SOC 2020 codes)`,
		`  ${report.inserted} ${done('inserted')}, ${report.updated} ${done('updated')} (${report.milliseconds} ms)`
	];
	if (report.untitledCodes.length) {
		lines.push(`  note: ${report.untitledCodes.length} code(s) new to this database, titled "SOC 2020 unit group <code>": ${report.untitledCodes.slice(0, 10).join(', ')}`);
	}
	if (report.dryRun) lines.push('  dry run: everything checked, nothing written');
	return lines.join('\n');
}
