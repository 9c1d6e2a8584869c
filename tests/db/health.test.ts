import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/lib/server/db/migrator';
import { checkHealth } from '../../src/lib/server/health/queries';
import path from 'node:path';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('checkHealth', () => {
	it('reports the backend, the PostGIS version and the applied migrations', async () => {
		const report = await checkHealth(database.db, database.backend);
		expect(report.status).toBe('ok');
		expect(report.database).toBe(database.backend);
		expect(report.postgis).toMatch(/^3\.\d+\.\d+/);
		expect(report.migrations).toBe((await readMigrations(path.resolve('migrations'))).length);
	});
});
