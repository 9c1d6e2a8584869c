/** `npm run migrate`: applies pending migrations to the configured database and reports them. */
import { openDatabaseFor } from './lib/open-database';

const started = Date.now();
const database = await openDatabaseFor('migrate');
try {
	const { applied, total } = database.migrations;
	console.log(
		`${database.backend}: ${applied.length ? `applied ${applied.join(', ')}` : 'nothing to apply'}; ` +
			`${total} migration(s) in all (${Date.now() - started} ms)`
	);
} finally {
	await database.close();
}
