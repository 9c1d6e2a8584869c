import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedMigrationCount, migrate, MigrationError, readMigrations } from '../../src/lib/server/db/migrator';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('migrations', () => {
	it('records every migration file as applied, and a second run applies nothing', async () => {
		const files = await readMigrations(path.resolve('migrations'));
		expect(await appliedMigrationCount(database.db)).toBe(files.length);
		const again = await migrate(database.db, path.resolve('migrations'));
		expect(again.applied).toEqual([]);
	});

	it('has PostGIS and the projected CRS the first place uses', async () => {
		const { rows } = await sql<{ version: string; bng: string }>`
			SELECT postgis_lib_version() AS version,
			       ST_AsText(ST_SnapToGrid(ST_Transform(ST_SetSRID(ST_MakePoint(-1.9605, 52.4959), 4326), 27700), 1)) AS bng`.execute(
			database.db
		);
		expect(rows[0]!.version).toMatch(/^3\./);
		// Midland Metropolitan University Hospital lies near BNG (402xxx, 288xxx).
		expect(rows[0]!.bng).toMatch(/^POINT\(40\d{4} 28\d{4}\)$/);
	});

	it('rolls a failing migration back completely and names it', async () => {
		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-migrations-'));
		try {
			for (const f of await fs.readdir(path.resolve('migrations'))) {
				await fs.copyFile(path.resolve('migrations', f), path.join(dir, f));
			}
			const next = String((await readMigrations(dir)).length + 1).padStart(4, '0');
			await fs.writeFile(
				path.join(dir, `${next}_broken.sql`),
				'CREATE TABLE half_done (id integer);\nINSERT INTO no_such_table VALUES (1);\n'
			);
			await expect(migrate(database.db, dir)).rejects.toThrow(
				new RegExp(`migration ${next}_broken failed and was rolled back`)
			);
			const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('public.half_done')::text AS t`.execute(
				database.db
			);
			expect(rows[0]!.t).toBeNull();
			expect(await appliedMigrationCount(database.db)).toBe(Number(next) - 1);
		} finally {
			await fs.rm(dir, { recursive: true, force: true });
		}
	});

	it('refuses to start when a landed migration was edited', async () => {
		const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-migrations-'));
		try {
			for (const f of await fs.readdir(path.resolve('migrations'))) {
				await fs.copyFile(path.resolve('migrations', f), path.join(dir, f));
			}
			await fs.appendFile(path.join(dir, '0001_foundation.sql'), '\n-- edited\n');
			await expect(migrate(database.db, dir)).rejects.toBeInstanceOf(MigrationError);
		} finally {
			await fs.rm(dir, { recursive: true, force: true });
		}
	});
});
