/**
 * The embedded backend's own promises: a stored database is reopened, not rebuilt; and the single
 * PGlite connection is shared so that one caller's transaction never sees another's statements.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrator';
import { openTestDatabase, type TestDatabase } from './support';

const onPglite = inject('testDatabase').backend === 'pglite';

describe.runIf(onPglite)('embedded PGlite', () => {
	let workDir: string;
	beforeAll(async () => {
		workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-embedded-'));
	});
	afterAll(async () => {
		await fs.rm(workDir, { recursive: true, force: true });
	});

	// Creates PostGIS from nothing and applies every migration, then reopens: the costliest thing in
	// the suite (about 10 s on an idle 2-core machine, 112 s once on a loaded one), so it gets a
	// timeout of its own rather than the tier's 60 s.
	it('keeps data in its folder and reopens it without migrating again', { timeout: 300_000 }, async () => {
		const dataDir = path.join(workDir, 'db');
		const first = await openDatabase({ pgliteDataDir: dataDir });
		expect(first.reopened).toBe(false);
		const report = await migrate(first.db, path.resolve('migrations'));
		expect(report.applied.length).toBe(report.total);
		await first.db
			.insertInto('skill_group')
			.values({ id: 'nursing', name: 'Nursing and midwifery' })
			.execute();
		await first.close();

		const second = await openDatabase({ pgliteDataDir: dataDir });
		try {
			expect(second.reopened).toBe(true);
			expect((await migrate(second.db, path.resolve('migrations'))).applied).toEqual([]);
			// Only the row written above: migration 0009's default taxonomy is there as well.
			const rows = await second.db.selectFrom('skill_group').select('name').where('id', '=', 'nursing').execute();
			expect(rows).toEqual([{ name: 'Nursing and midwifery' }]);
		} finally {
			await second.close();
		}
	});
});

describe('transactions', () => {
	let database: TestDatabase;
	beforeAll(async () => {
		database = await openTestDatabase();
	});
	afterAll(async () => {
		await database?.close();
	});

	it('do not leak a rolled-back write to a concurrent reader', async () => {
		const { db } = database;
		let release!: () => void;
		let inserted!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const insertDone = new Promise<void>((resolve) => (inserted = resolve));
		const failing = db
			.transaction()
			.execute(async (trx) => {
				await trx.insertInto('skill_group').values({ id: 'ghost', name: 'Never committed' }).execute();
				inserted();
				await held;
				throw new Error('abort');
			})
			.catch((err: Error) => err.message);
		await insertDone;
		// A reader that starts while the transaction is open (its row written, not committed) must
		// not see that row: on the single PGlite connection it has to wait for the transaction.
		const reader = db.selectFrom('skill_group').select('id').where('id', '=', 'ghost').execute();
		await new Promise((resolve) => setTimeout(resolve, 50));
		release();
		expect(await failing).toBe('abort');
		expect(await reader).toEqual([]);
		const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM skill_group WHERE id = 'ghost'`.execute(db);
		expect(rows[0]!.n).toBe('0');
	});
});
