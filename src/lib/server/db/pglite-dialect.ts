/**
 * A small Kysely dialect for the embedded PGlite database.
 * PGlite is one connection in one process, so connections are handed out one at a time behind a
 * queue: a transaction owns the database until it ends, and no other request's statements can
 * slip into it. kysely-pglite-dialect exists but declares pglite <= 0.4 as its peer; this is the
 * interface Kysely documents (Driver, DatabaseConnection), nothing more.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	type Kysely,
	type QueryResult,
	type TransactionSettings
} from 'kysely';

class PgliteConnection implements DatabaseConnection {
	constructor(private readonly pg: PGlite) {}

	async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
		const parameters = compiled.parameters as unknown[];
		// Without parameters we use the simple protocol, which also runs multi-statement scripts
		// (migrations); postgres.js does the same, so both backends behave alike.
		if (parameters.length === 0) {
			const results = await this.pg.exec(compiled.sql);
			const last = results[results.length - 1];
			return {
				rows: (last?.rows ?? []) as R[],
				numAffectedRows:
					last?.affectedRows !== undefined ? BigInt(last.affectedRows) : undefined
			};
		}
		const result = await this.pg.query<R>(compiled.sql, parameters);
		return {
			rows: result.rows,
			numAffectedRows:
				result.affectedRows !== undefined ? BigInt(result.affectedRows) : undefined
		};
	}

	// eslint-disable-next-line require-yield
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('streaming queries are not supported on the embedded database');
	}
}

class PgliteDriver implements Driver {
	private readonly connection: PgliteConnection;
	private queue: Promise<void> = Promise.resolve();
	private releaseCurrent: (() => void) | undefined;

	constructor(private readonly pg: PGlite) {
		this.connection = new PgliteConnection(pg);
	}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		const previous = this.queue;
		let release!: () => void;
		this.queue = new Promise<void>((resolve) => (release = resolve));
		await previous;
		this.releaseCurrent = release;
		return this.connection;
	}

	async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		const isolation = settings.isolationLevel ? ` ISOLATION LEVEL ${settings.isolationLevel.toUpperCase()}` : '';
		await conn.executeQuery(CompiledQuery.raw(`BEGIN${isolation}`));
	}

	async commitTransaction(conn: DatabaseConnection): Promise<void> {
		await conn.executeQuery(CompiledQuery.raw('COMMIT'));
	}

	async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
		await conn.executeQuery(CompiledQuery.raw('ROLLBACK'));
	}

	async releaseConnection(): Promise<void> {
		const release = this.releaseCurrent;
		this.releaseCurrent = undefined;
		release?.();
	}

	async destroy(): Promise<void> {
		await this.queue;
		if (!this.pg.closed) await this.pg.close();
	}
}

export class PgliteDialect implements Dialect {
	constructor(private readonly pg: PGlite) {}
	createAdapter() {
		return new PostgresAdapter();
	}
	createDriver(): Driver {
		return new PgliteDriver(this.pg);
	}
	createQueryCompiler() {
		return new PostgresQueryCompiler();
	}
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	createIntrospector(db: Kysely<any>) {
		return new PostgresIntrospector(db);
	}
}
