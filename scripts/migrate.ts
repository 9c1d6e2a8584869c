/** `npm run migrate`: applies pending migrations to the configured database and reports them. */
import { openAppDatabase } from '../src/lib/server/db/app';

const started = Date.now();
const database = await openAppDatabase();
try {
	const { applied, total } = database.migrations;
	console.log(
		`${database.backend}: ${applied.length ? `applied ${applied.join(', ')}` : 'nothing to apply'}; ` +
			`${total} migration(s) in all (${Date.now() - started} ms)`
	);
} finally {
	await database.close();
}
