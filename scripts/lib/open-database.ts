/**
 * How a command (migrate, seed, user, score, import) opens the configured database: a database it
 * cannot open — an embedded folder another process holds, a bad DATABASE_URL, a failed migration —
 * ends the command at once with the reason (which says what to do) and exit status 1, not a stack.
 */
import { openAppDatabase, type OpenedAppDatabase } from '../../src/lib/server/db/app';

export async function openDatabaseFor(command: string): Promise<OpenedAppDatabase> {
	try {
		return await openAppDatabase();
	} catch (err) {
		console.error(`${command}: cannot open the database: ${(err as Error).message}`);
		process.exit(1);
	}
}
