/**
 * Forward-only SQL migrations from migrations/NNNN_name.sql, the same files on both backends.
 * Each file runs in its own transaction with its bookkeeping row, so a failing migration leaves
 * the database exactly as it was. A landed migration must never be edited: its checksum is kept
 * and a changed file stops start-up with a message that says which one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

export interface MigrationFile {
	version: number;
	name: string;
	sql: string;
	checksum: string;
}

export interface MigrationReport {
	applied: string[];
	total: number;
}

export class MigrationError extends Error {
	override name = 'MigrationError';
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads and orders the migration files; refuses gaps, duplicates and stray names. */
export async function readMigrations(dir: string): Promise<MigrationFile[]> {
	const entries = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
	const files: MigrationFile[] = [];
	for (const entry of entries) {
		const match = FILE_PATTERN.exec(entry);
		if (!match) throw new MigrationError(`migration file ${entry} must be named NNNN_name.sql`);
		const version = Number(match[1]);
		const expected = files.length + 1;
		if (version !== expected) {
			throw new MigrationError(`migration ${entry}: expected version ${String(expected).padStart(4, '0')}`);
		}
		const text = await fs.readFile(path.join(dir, entry), 'utf8');
		files.push({
			version,
			name: match[2]!,
			sql: text,
			checksum: createHash('sha256').update(text).digest('hex')
		});
	}
	return files;
}

/** Applies pending migrations in order. Safe to call at every start-up, and concurrently. */
export async function migrate(db: Kysely<Database>, dir: string): Promise<MigrationReport> {
	const files = await readMigrations(dir);
	await sql`CREATE TABLE IF NOT EXISTS schema_migration (
		version    integer PRIMARY KEY,
		name       text NOT NULL,
		checksum   text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`.execute(db);

	const applied: string[] = [];
	for (const file of files) {
		const done = await db.transaction().execute(async (trx) => {
			// Two processes starting together (app + CLI) must not both apply a migration.
			await sql`SELECT pg_advisory_xact_lock(727210)`.execute(trx);
			const existing = await trx
				.selectFrom('schema_migration')
				.select(['checksum'])
				.where('version', '=', file.version)
				.executeTakeFirst();
			if (existing) {
				if (existing.checksum !== file.checksum) {
					throw new MigrationError(
						`migration ${file.version}_${file.name} was changed after it was applied; ` +
							'add a new migration instead of editing a landed one'
					);
				}
				return false;
			}
			try {
				await sql.raw(file.sql).execute(trx);
			} catch (err) {
				const detail = err instanceof Error ? err.message : String(err);
				throw new MigrationError(
					`migration ${String(file.version).padStart(4, '0')}_${file.name} failed and was rolled back: ${detail}`
				);
			}
			await trx
				.insertInto('schema_migration')
				.values({ version: file.version, name: file.name, checksum: file.checksum })
				.execute();
			return true;
		});
		if (done) applied.push(`${String(file.version).padStart(4, '0')}_${file.name}`);
	}
	return { applied, total: files.length };
}

/** Number of migrations recorded as applied. */
export async function appliedMigrationCount(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('schema_migration')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
