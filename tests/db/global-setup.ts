/**
 * Once per `vitest --project db` run: builds a migrated template database that every test file
 * copies, so no state is shared between files and migrations run once.
 *  - TEST_DATABASE_URL set: a real PostgreSQL + PostGIS server. A template database named for this
 *    run is created and migrated; each test file clones it (CREATE DATABASE ... TEMPLATE) and
 *    everything this run created is dropped at the end.
 *  - unset: embedded PGlite. The migrated data folder is dumped to a tarball that each file loads.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpEmbeddedDatabase, openDatabase } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrator';
import { adminSql, databaseUrlFor, dropRunDatabases } from './admin';

declare module 'vitest' {
	export interface ProvidedContext {
		testDatabase:
			| { backend: 'postgres'; serverUrl: string; template: string; runId: string }
			| { backend: 'pglite'; dumpPath: string };
	}
}

const MIGRATIONS = path.resolve('migrations');

export default async function setup(project: TestProject) {
	const serverUrl = process.env.TEST_DATABASE_URL?.trim();
	if (serverUrl) {
		const runId = `atlas_test_${process.pid}_${Date.now().toString(36)}`;
		const template = `${runId}_template`;
		const admin = adminSql(serverUrl);
		await admin.unsafe(`CREATE DATABASE "${template}"`);
		const database = await openDatabase({ databaseUrl: databaseUrlFor(serverUrl, template), maxConnections: 1 });
		try {
			await migrate(database.db, MIGRATIONS);
		} finally {
			await database.close();
		}
		await admin.end();
		project.provide('testDatabase', { backend: 'postgres', serverUrl, template, runId });
		return async () => {
			await dropRunDatabases(serverUrl, runId);
		};
	}

	const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-db-tests-'));
	const dataDir = path.join(workDir, 'template');
	const database = await openDatabase({ pgliteDataDir: dataDir });
	try {
		await migrate(database.db, MIGRATIONS);
	} finally {
		await database.close();
	}
	const dump = await dumpEmbeddedDatabase(dataDir);
	const dumpPath = path.join(workDir, 'template.tar');
	await fs.writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
	project.provide('testDatabase', { backend: 'pglite', dumpPath });
	return async () => {
		await fs.rm(workDir, { recursive: true, force: true });
	};
}
