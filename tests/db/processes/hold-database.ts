/**
 * A second process for embedded-lock.test.ts, standing in for the running app: opens the embedded
 * database in PGLITE_DATA_DIR (migrating it), makes sure the place `lock-test` exists, prints
 * READY, then carries out `skill <id>` lines from standard input (a write through its own
 * connection, answered OK) until standard input ends, and closes the database.
 */
import readline from 'node:readline';
import { sql } from 'kysely';
import { openAppDatabase } from '../../../src/lib/server/db/app';

const database = await openAppDatabase();
const { db } = database;
await db
	.insertInto('place')
	.values({ id: 'lock-test', name: 'Lock test', projected_srid: 27700, boundary: sql`ST_Multi(ST_MakeEnvelope(-1.98, 52.46, -1.89, 52.51, 4326))` })
	.onConflict((oc) => oc.column('id').doNothing())
	.execute();
console.log(`READY ${process.pid}`);
for await (const line of readline.createInterface({ input: process.stdin })) {
	const [verb, id] = line.trim().split(/\s+/);
	if (verb === 'skill' && id) {
		await db.insertInto('skill_group').values({ id, name: `Written by the holder: ${id}` }).execute();
		console.log('OK');
	}
}
await database.close();
