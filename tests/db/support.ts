/**
 * `openTestDatabase()` gives a test file its own freshly migrated database on the backend this run
 * uses (see global-setup.ts). Close it in afterAll; on a real server it is dropped as well.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { inject } from 'vitest';
import { openDatabase, type AtlasDatabase } from '../../src/lib/server/db/index';
import { adminSql, databaseUrlFor } from './admin';
import { DomainError } from '../../src/lib/server/errors';
import { toApiError } from '../../src/lib/server/http/errors';

export interface TestDatabase extends AtlasDatabase {
	/** Connection string, for code under test that opens its own connection (real server only). */
	readonly url: string | undefined;
}

export async function openTestDatabase(): Promise<TestDatabase> {
	const target = inject('testDatabase');
	if (target.backend === 'pglite') {
		const bytes = await fs.readFile(target.dumpPath);
		const database = await openDatabase({ pgliteDump: new Blob([bytes]) });
		return { ...database, url: undefined };
	}
	const name = `${target.runId}_${crypto.randomBytes(4).toString('hex')}`;
	const admin = adminSql(target.serverUrl);
	try {
		await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${target.template}"`);
	} finally {
		await admin.end();
	}
	const url = databaseUrlFor(target.serverUrl, name);
	const database = await openDatabase({ databaseUrl: url, maxConnections: 4 });
	return {
		...database,
		url,
		close: async () => {
			await database.close();
			const dropper = adminSql(target.serverUrl);
			try {
				await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			} finally {
				await dropper.end();
			}
		}
	};
}

/**
 * A service's refusal as the API would answer it: services throw domain errors, and the one
 * mapper (http/errors.ts) gives them their wire code and status, which is what these tests check.
 */
export async function asApiError<T>(pending: Promise<T>): Promise<T> {
	try {
		return await pending;
	} catch (err) {
		throw err instanceof DomainError ? toApiError(err) : err;
	}
}
