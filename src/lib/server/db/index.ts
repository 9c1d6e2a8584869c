/**
 * Opens the one Kysely instance over either backend:
 *  - a real PostgreSQL + PostGIS server through postgres.js (our own Kysely dialect), or
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

/** Seconds a new connection to the server may take before the request is answered 503. */
export const CONNECT_TIMEOUT_SECONDS = 3;

/** The longest wait between reconnection attempts while the server is away. */
const RECONNECT_CEILING_SECONDS = 1;

/** postgres.js and Node socket error codes that mean "the server cannot be reached right now". */
const UNREACHABLE_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN',
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED'
]);

/**
 * SQLSTATEs of a server that is shutting down, starting up or out of connection slots
 * (admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections); class 08 is
 * "connection exception".
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Whether an error means the database is unreachable or restarting, not that the query or the
 * data was wrong: such a request can be retried in a moment (the API answers 503). Looks through
 * `cause` and AggregateError's `errors` (Node's connect attempts to several addresses).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
	const seen = new Set<unknown>();
	const pending: unknown[] = [err];
	while (pending.length) {
		const item = pending.pop();
		if (typeof item !== 'object' || item === null || seen.has(item)) continue;
		seen.add(item);
		const code = 'code' in item && typeof item.code === 'string' ? item.code : undefined;
		if (code && (UNREACHABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
		if ('cause' in item) pending.push(item.cause);
		if ('errors' in item && Array.isArray(item.errors)) pending.push(...item.errors);
	}
	return false;
}

async function openPostgres(url: string, max: number): Promise<AtlasDatabase> {
	const { default: postgres } = await import('postgres');
	const { PostgresJsDialect } = await import('./postgres-js-dialect');
	const client = postgres(url, {
		max,
		onnotice: () => {},
		// While the server is away, fail fast so requests get a 503 in seconds, not after 30 s
		// (postgres.js's default); a refused port fails at once anyway.
		connect_timeout: CONNECT_TIMEOUT_SECONDS,
		// Idle connections are dropped and re-made, so few stale sockets meet a restarted server.
		idle_timeout: 30,
		// Seconds before a closed connection reconnects. postgres.js's default grows 3^n/100 s with a
		// count shared by the whole pool, so ten connections failing through one restart waited up
		// to 20 s each and queries queued on them timed out; capped at 1 s it retries within reach
		// of the 5-s recovery the app promises.
		backoff: (retries: number) => Math.min(0.1 * 2 ** retries, RECONNECT_CEILING_SECONDS),
		// bigint (identity columns, counts) as strings is postgres.js's default; say so explicitly.
		types: {}
	});
	const db = new Kysely<Database>({ dialect: new PostgresJsDialect(client, isDatabaseUnavailable) });
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
