/**
 * `npm run place -- list | remove <id> [--force]`: the places in the configured database, and
 * removing one. Places are created by `npm run import -- place <file> --id <id> --name "<name>"`.
 * Exit status: 0 done, 1 refused (messages on stderr), 2 usage error.
 */
import { SYSTEM_ACTOR } from '../src/lib/server/audit/log';
import { DomainError } from '../src/lib/server/errors';
import { parsePlaceArguments, placeUsageText } from '../src/lib/server/places/command-line';
import { listPlaces, removePlace } from '../src/lib/server/places/service';
import { openDatabaseFor } from './lib/open-database';

const args = parsePlaceArguments(process.argv.slice(2));
if ('help' in args) console.log(placeUsageText());
else if ('usageError' in args) {
	console.error(`place: ${args.usageError}\n\n${placeUsageText()}`);
	process.exitCode = 2;
} else {
	const database = await openDatabaseFor('place');
	try {
		if ('list' in args) {
			const places = await listPlaces(database.db);
			if (places.length === 0) console.log('no places yet: npm run import -- place <file> --id <id> --name "<name>"');
			for (const p of places) {
				console.log(
					`${p.id}\t${p.name}\tEPSG:${p.projectedSrid}\t${p.areaKm2.toFixed(2)} km²\t` +
						`${p.macroAssets} capital projects, ${p.hubs} hubs, ${p.enterprises} enterprises, ${p.personLevelRecords} person-level records`
				);
			}
		} else {
			const removed = await removePlace(database.db, { ...SYSTEM_ACTOR, name: 'npm run place' }, args.remove, { force: args.force });
			console.log(
				`place ${removed.placeId} removed` +
					(removed.personLevelRecords ? ` with its ${removed.personLevelRecords} person-level records (--force; written to the audit log)` : '')
			);
		}
	} catch (err) {
		if (!(err instanceof DomainError)) throw err;
		console.error(`place: ${err.message}`);
		process.exitCode = 1;
	} finally {
		await database.close();
	}
}
