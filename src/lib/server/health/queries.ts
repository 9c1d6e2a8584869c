import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appliedMigrationCount } from '../db/migrator';
import type { Backend } from '../db/index';

export interface HealthReport {
	status: 'ok';
	database: Backend;
	postgis: string;
	migrations: number;
}

/** Proves the database answers, PostGIS is loaded, and how many migrations are applied. */
export async function checkHealth(db: Kysely<Database>, backend: Backend): Promise<HealthReport> {
	const { rows } = await sql<{ version: string }>`SELECT postgis_lib_version() AS version`.execute(db);
	return {
		status: 'ok',
		database: backend,
		postgis: rows[0]!.version,
		migrations: await appliedMigrationCount(db)
	};
}
