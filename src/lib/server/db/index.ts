/**
 * Opens the one Kysely instance over either backend:
 *  - a real PostgreSQL + PostGIS server through postgres.js (kysely-postgres-js), or
 *  - the embedded PGlite (PostgreSQL 18 + PostGIS 3.6) persisted in a folder.
 * Everything above this module sees only `Kysely<Database>` and the backend's name.
 */
import fs from 'node:fs/promises';
import { Kysely } from 'kysely';
import { lockDatabaseFolder, type FolderLock } from './folder-lock';
import type { Database } from './schema';

export type { Database } from './schema';

export type Backend = 'pglite' | 'postgres';

export interface AtlasDatabase {
	readonly db: Kysely<Database>;
	readonly backend: Backend;
	/** Whether the data folder already held a database when the embedded backend opened it. */
	readonly reopened: boolean;
	close(): Promise<void>;
}

export type OpenOptions =
	| { databaseUrl: string; maxConnections?: number }
	| {
			databaseUrl?: undefined;
			/** Folder that persists the database; omitted keeps it in memory. */
			pgliteDataDir?: string;
			/** A dump from `dumpEmbeddedDatabase` to start from (tests use a migrated template). */
			pgliteDump?: Blob;
	  };

export async function openDatabase(options: OpenOptions): Promise<AtlasDatabase> {
	if (options.databaseUrl !== undefined) {
		return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
	}
	return openPglite(options.pgliteDataDir, options.pgliteDump);
}

async function openPostgres(url: string, max: number): Promise<AtlasDatabase> {
	const { default: postgres } = await import('postgres');
	const { PostgresJSDialect } = await import('kysely-postgres-js');
	const client = postgres(url, {
		max,
		onnotice: () => {},
		// bigint (identity columns, counts) as strings is postgres.js's default; say so explicitly.
		types: {}
	});
	const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: client }) });
	return {
		db,
		backend: 'postgres',
		reopened: true,
		close: () => db.destroy()
	};
}

async function openPglite(dataDir: string | undefined, dump: Blob | undefined): Promise<AtlasDatabase> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { postgis } = await import('@electric-sql/pglite-postgis');
	const { PgliteDialect } = await import('./pglite-dialect');
	let reopened = false;
	let lock: FolderLock | undefined;
	if (dataDir) {
		// Before anything reads the folder: a second process on it would corrupt it (folder-lock.ts).
		lock = await lockDatabaseFolder(dataDir);
		reopened = await fs
			.stat(`${dataDir}/PG_VERSION`)
			.then(() => true)
			.catch(() => false);
		await fs.mkdir(dataDir, { recursive: true });
	}
	let pg;
	try {
		pg = await PGlite.create({
			dataDir,
			loadDataDir: dump,
			extensions: { postgis }
		});
	} catch (err) {
		await lock?.release();
		throw err;
	}
	const db = new Kysely<Database>({ dialect: new PgliteDialect(pg) });
	return {
		db,
		backend: 'pglite',
		reopened,
		close: async () => {
			try {
				await db.destroy();
			} finally {
				await lock?.release();
			}
		}
	};
}

/** Dumps an embedded database (after migrations, say) so that tests can start from it quickly. */
export async function dumpEmbeddedDatabase(dataDir: string): Promise<Blob> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { postgis } = await import('@electric-sql/pglite-postgis');
	const lock = await lockDatabaseFolder(dataDir);
	try {
		const pg = await PGlite.create({ dataDir, extensions: { postgis } });
		try {
			return await pg.dumpDataDir('none');
		} finally {
			await pg.close();
		}
	} finally {
		await lock.release();
	}
}
