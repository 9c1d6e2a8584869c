/**
 * `npm run seed [-- --force]`: replaces the demo place (Greater Icknield and its labelled
 * synthetic population) in the configured database and reports what was loaded.
 * --force reseeds even when the place holds non-synthetic resident records.
 * `--help` prints usage and changes nothing; an unknown option is refused before the database is
 * opened. Exit status: 0 seeded (or help), 1 refused or failed, 2 usage error.
 */
import { openDatabaseFor } from './lib/open-database';
import { parseSeedArguments, seedUsageText } from '../src/lib/server/seed/command-line';
import { reseedDemoData } from '../src/lib/server/seed/index';

const parsed = parseSeedArguments(process.argv.slice(2));
if ('help' in parsed) {
	console.log(seedUsageText());
} else if ('usageError' in parsed) {
	console.error(`seed: ${parsed.usageError}\n\n${seedUsageText()}`);
	process.exitCode = 2;
} else {
	const database = await openDatabaseFor('seed');
	try {
		const report = await reseedDemoData(database.db, { force: parsed.force });
		console.log(
			`${database.backend}: seeded ${report.place} — ${report.skillGroups} skill groups, ` +
				`${report.macroAssets} sites, ${report.opportunities} opportunities, ${report.hubs} hubs, ` +
				`${report.enterprises} synthetic enterprises, ${report.residents} synthetic residents ` +
				`(${report.elapsedMs} ms)`
		);
	} catch (err) {
		console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
		process.exitCode = 1;
	} finally {
		await database.close();
	}
}
