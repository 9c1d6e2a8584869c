/** Creating and dropping the per-run test databases on a real server. */
import postgres from 'postgres';

export function adminSql(serverUrl: string) {
	return postgres(serverUrl, { max: 1, onnotice: () => {} });
}

/** The same server URL pointing at another database. */
export function databaseUrlFor(serverUrl: string, database: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${database}`;
	return url.toString();
}

/** Drops every database this run created (the template last, once nothing uses it). */
export async function dropRunDatabases(serverUrl: string, runId: string): Promise<void> {
	const admin = adminSql(serverUrl);
	try {
		const rows = await admin<{ datname: string }[]>`
			SELECT datname FROM pg_database WHERE datname LIKE ${runId + '%'} ORDER BY datname DESC`;
		for (const { datname } of rows) {
			await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
		}
	} finally {
		await admin.end();
	}
}
