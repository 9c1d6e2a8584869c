/**
 * The application's database: opened once per process from the configuration, migrated before
 * first use. Routes and services receive `Kysely<Database>` from here and nowhere else.
 */
import { config, type AppConfig } from '../config';
import { openDatabase, type AtlasDatabase } from './index';
import { migrate, type MigrationReport } from './migrator';

export interface OpenedAppDatabase extends AtlasDatabase {
	readonly migrations: MigrationReport;
}

/** Opens and migrates the database the configuration names. */
export async function openAppDatabase(cfg: AppConfig = config()): Promise<OpenedAppDatabase> {
	const opened = cfg.databaseUrl
		? await openDatabase({ databaseUrl: cfg.databaseUrl })
		: await openDatabase({ pgliteDataDir: cfg.pgliteDataDir });
	try {
		const migrations = await migrate(opened.db, cfg.migrationsDir);
		return { ...opened, migrations };
	} catch (err) {
		await opened.close();
		throw err;
	}
}

let appDatabase: Promise<OpenedAppDatabase> | undefined;

/** The process-wide database, opened on first call. */
export function getAppDatabase(): Promise<OpenedAppDatabase> {
	appDatabase ??= openAppDatabase();
	return appDatabase;
}
