/**
 * `npm run import -- <kind> <file> [options]`: loads a GeoJSON, CSV or shapefile (or, as `osm`, a
 * walking network from an OpenStreetMap .osm/.osm.pbf file, or as `skill-groups` a CSV skills
 * taxonomy) into the configured database in one
 * transaction. `npm run import -- --help` lists kinds, formats and options.
 * Exit status: 0 imported (or dry run passed), 1 refused (nothing written), 2 usage error.
 */
import { usageText } from '../src/lib/domain/imports/arguments';
import { parseImportArguments } from '../src/lib/server/imports/command-line';
import { CRS_LABELS } from '../src/lib/domain/imports/crs';
import { FORMAT_LABELS, recordNoun } from '../src/lib/domain/imports/source';
import { importFile, ImportRefused, type ImportReport } from '../src/lib/server/imports/index';
import { describeSkillGroupsImport, importSkillGroups, parseSkillGroupsArguments, skillGroupsUsageText } from '../src/lib/server/imports/skill-groups';
import { describeOsmImport, importOsmNetwork, PlaceNotChosen } from '../src/lib/server/walking/import';
import { describeVacancyImport, importVacancies, refusalProblems, vacanciesUsageText } from '../src/lib/server/matching/vacancies';
import { parseArgs } from 'node:util';
import fs from 'node:fs/promises';
import { openDatabaseFor } from './lib/open-database';
import { parsePlaceImportArguments, placeImportUsageText } from '../src/lib/server/places/command-line';
import { describePlaceImport, importPlaceBoundary } from '../src/lib/server/places/service';
import { readSourceFile, UnreadableFile } from '../src/lib/server/imports/read-file';

function summarise(report: ImportReport): string {
	const noun = recordNoun(report.format);
	const lines = [
		`${report.kind}: ${report.file} (${FORMAT_LABELS[report.format]}, ${report.records} ${noun}${report.records === 1 ? '' : 's'}` +
			(report.crs ? `, ${CRS_LABELS[report.crs.crs]} from ${report.crs.from}` : '') +
			')',
		`  fields: ${[...report.fieldSources].map(([field, source]) => `${field} <- ${source}`).join(', ')}`
	];
	const seconds = `${report.milliseconds} ms`;
	const done = (verb: string) => (report.dryRun ? `would be ${verb}` : verb);
	if (report.population) {
		const { matched, unmatched, unmatchedExamples, areaType } = report.population;
		lines.push(
			`  ${matched} ${areaType} area${matched === 1 ? '' : 's'} matched by code and ${done('updated')}; ` +
				`${unmatched} code${unmatched === 1 ? '' : 's'} in the file matched no ${areaType} area here` +
				(unmatched ? ` (e.g. ${unmatchedExamples.join(', ')})` : '') +
				` (${seconds})`
		);
		if (matched === 0) lines.push(`  note: nothing matched: import the boundaries first (reference-areas --area-type ${areaType})`);
	} else if (report.imd) {
		const { matched, unmatched, unmatchedExamples } = report.imd;
		lines.push(
			`  ${matched} LSOA${matched === 1 ? '' : 's'} matched by code and ${done('updated')}; ` +
				`${unmatched} code${unmatched === 1 ? '' : 's'} in the file matched no LSOA here` +
				(unmatched ? ` (e.g. ${unmatchedExamples.join(', ')})` : '') +
				` (${seconds})`
		);
		if (matched === 0) lines.push('  note: nothing matched: import the LSOA boundaries first (reference-areas --area-type lsoa)');
	} else {
		lines.push(
			`  ${report.place ? `place ${report.place}: ` : ''}${report.inserted} ${done('inserted')}, ` +
				`${report.updated} ${done('updated')} (${seconds})`
		);
		if (report.repaired) lines.push(`  note: ${report.repaired} invalid polygon(s) stored repaired by ST_MakeValid`);
		if (report.asPoints) lines.push(`  note: ${report.asPoints} polygon(s) stored as a point on their surface (--as-point)`);
		if (report.outsidePlace) {
			lines.push(
				`  note: ${report.outsidePlace} of ${report.records} lie outside the boundary of place ${report.place} (e.g. ${report.outsideExamples.join(', ')})`
			);
		}
	}
	if (report.dryRun) lines.push('  dry run: everything checked, nothing written');
	return lines.join('\n');
}

/** `skill-groups <file.csv>`: the skills taxonomy, not a place's features (src/lib/server/imports/skill-groups.ts). */
async function runSkillGroups(argv: readonly string[]): Promise<void> {
	const args = parseSkillGroupsArguments(argv);
	if ('help' in args) return console.log(skillGroupsUsageText());
	if ('usageError' in args) {
		console.error(`import: ${args.usageError}\n\n${skillGroupsUsageText()}`);
		process.exitCode = 2;
		return;
	}
	const database = await openDatabaseFor('import');
	try {
		console.log(describeSkillGroupsImport(await importSkillGroups(database.db, args)));
	} catch (err) {
		if (!(err instanceof ImportRefused)) throw err;
		console.error(`import refused, nothing written: ${err.file}\n  ${err.problems.join('\n  ')}`);
		process.exitCode = 1;
	} finally {
		await database.close();
	}
}

/** `place <file> --id <id> --name "<name>"`: a place's boundary (src/lib/server/places). */
async function runPlace(argv: readonly string[]): Promise<void> {
	const args = parsePlaceImportArguments(argv);
	if ('help' in args) return console.log(placeImportUsageText());
	if ('usageError' in args) {
		console.error(`import: ${args.usageError}\n\n${placeImportUsageText()}`);
		process.exitCode = 2;
		return;
	}
	let file;
	try {
		file = await readSourceFile(args.file, args.format);
	} catch (err) {
		if (!(err instanceof UnreadableFile)) throw err;
		console.error(`import refused, nothing written: ${args.file}\n  ${err.message}`);
		process.exitCode = 1;
		return;
	}
	const database = await openDatabaseFor('import');
	try {
		console.log(describePlaceImport(await importPlaceBoundary(database.db, file, args)));
	} catch (err) {
		if (!(err instanceof ImportRefused)) throw err;
		console.error(`import refused, nothing written: ${err.file}\n  ${err.problems.join('\n  ')}`);
		process.exitCode = 1;
	} finally {
		await database.close();
	}
}

/** `vacancies <file.csv|xlsx> [--list name] [--dry-run]`: an employer's vacancy list (src/lib/server/matching/vacancies.ts). */
async function runVacancies(argv: readonly string[]): Promise<void> {
	const { values, positionals } = parseArgs({
		args: [...argv],
		options: { list: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
		strict: false,
		allowPositionals: true
	});
	if (values.help) return console.log(vacanciesUsageText());
	const unknown = Object.keys(values).filter((k) => !['list', 'dry-run', 'help'].includes(k));
	const usageError = unknown.length
		? `unknown option --${unknown[0]} for vacancies`
		: positionals.length !== 1
			? 'say which one .csv or .xlsx file to import as vacancies'
			: typeof values.list === 'boolean'
				? '--list needs a value'
				: undefined;
	if (usageError) {
		console.error(`import: ${usageError}\n\n${vacanciesUsageText()}`);
		process.exitCode = 2;
		return;
	}
	const file = positionals[0]!;
	let bytes: Uint8Array;
	try {
		bytes = await fs.readFile(file);
	} catch (err) {
		console.error(`import refused, nothing written: ${file}\n  cannot be read: ${(err as Error).message}`);
		process.exitCode = 1;
		return;
	}
	const database = await openDatabaseFor('import');
	try {
		const report = await importVacancies(database.db, { fileName: file, bytes, list: values.list as string | undefined, dryRun: values['dry-run'] === true });
		console.log(describeVacancyImport(report));
	} catch (err) {
		const problems = refusalProblems(err);
		if (!problems) throw err;
		console.error(`import refused, nothing written: ${file}\n  ${problems.join('\n  ')}`);
		process.exitCode = 1;
	} finally {
		await database.close();
	}
}

const argv = process.argv.slice(2);
const parsed = argv[0] === 'skill-groups' || argv[0] === 'place' || argv[0] === 'vacancies' ? undefined : parseImportArguments(argv);
if (!parsed) {
	if (argv[0] === 'place') await runPlace(argv.slice(1));
	else if (argv[0] === 'vacancies') await runVacancies(argv.slice(1));
	else await runSkillGroups(argv.slice(1));
} else if ('help' in parsed) {
	console.log(`${usageText()}\n\n${skillGroupsUsageText()}\n\n${placeImportUsageText()}\n\n${vacanciesUsageText()}`);
} else if ('usageError' in parsed) {
	console.error(`import: ${parsed.usageError}\n\n${usageText()}`);
	process.exitCode = 2;
} else {
	const database = await openDatabaseFor('import');
	try {
		if ('osm' in parsed) {
			const { file, place, dryRun } = parsed.osm;
			console.log(describeOsmImport(await importOsmNetwork(database.db, { file, placeId: place, dryRun })));
		} else console.log(summarise(await importFile(database.db, parsed.command)));
	} catch (err) {
		if (err instanceof PlaceNotChosen) {
			console.error(`import: ${err.problems.join('; ')}`);
			process.exitCode = 2;
		} else if (err instanceof ImportRefused) {
			console.error(`import refused, nothing written: ${err.file}\n  ${err.problems.join('\n  ')}`);
			process.exitCode = 1;
		} else throw err;
	} finally {
		await database.close();
	}
}
