/**
 * `npm run seed [-- --force]`: replaces the demo place (Greater Icknield and its labelled
 * synthetic population) in the configured database and reports what was loaded.
 * --force reseeds even when the place holds non-synthetic resident records.
 */
import { openDatabaseFor } from './lib/open-database';
import { reseedDemoData } from '../src/lib/server/seed/index';

const force = process.argv.slice(2).includes('--force');
const database = await openDatabaseFor('seed');
try {
	const report = await reseedDemoData(database.db, { force });
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
