/**
 * Kysely over postgres.js, written here instead of kysely-postgres-js because that driver reserves
 * a connection (`sql.reserve()`) for every query. postgres.js 3.4.9 crashes the whole process
 * when a reserved connection whose server went away is written to again (an uncatchable
 * TypeError in connection.js nextWrite: porsager/postgres#1154, #1208, fixes unreleased), which
 * `npm run soak` met on the first `pg_ctl restart -m fast`. So: plain queries go through the
 * pool, which replaces dead connections itself; only a transaction reserves a connection, and
 * once a query on it has failed because the server is away, nothing more is written to it
 * (no ROLLBACK: the server has already rolled the transaction back with the session).
 */
import {
	CompiledQuery,
	PostgresAdapter,
	PostgresIntrospector,
	PostgresQueryCompiler,
	type DatabaseConnection,
	type DatabaseIntrospector,
	type Dialect,
	type DialectAdapter,
	type Driver,
	type Kysely,
	type QueryCompiler,
	type QueryResult,
	type TransactionSettings
} from 'kysely';
import type { ReservedSql, Sql } from 'postgres';

/** Decides whether a failure means the server is away (db/index.ts's one classification). */
export type UnavailableTest = (err: unknown) => boolean;

class PostgresJsConnection implements DatabaseConnection {
	#reserved: ReservedSql | undefined;
	#dead = false;

	constructor(
		private readonly sql: Sql,
		private readonly isUnavailable: UnavailableTest
	) {}

	get dead(): boolean {
		return this.#dead;
	}

	async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
		if (this.#dead) {
			throw Object.assign(new Error('the database connection closed during this transaction'), { code: 'CONNECTION_CLOSED' });
		}
		const runner = this.#reserved ?? this.sql;
		try {
			const result = await runner.unsafe(query.sql, [...query.parameters] as never[]);
			const { command, count } = result;
			return {
				numAffectedRows: ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(command) ? BigInt(count) : undefined,
				rows: Array.from(result) as R[]
			};
		} catch (err) {
			if (this.#reserved && this.isUnavailable(err)) this.#dead = true;
			throw err;
		}
	}

	// eslint-disable-next-line require-yield -- the interface asks for a generator; nothing here streams.
	async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
		throw new Error('streaming queries are not used in this app');
	}

	async reserve(): Promise<void> {
		this.#reserved = await this.sql.reserve();
	}

	release(): void {
		this.#reserved?.release();
		this.#reserved = undefined;
		this.#dead = false;
	}
}

class PostgresJsDriver implements Driver {
	constructor(
		private readonly sql: Sql,
		private readonly isUnavailable: UnavailableTest
	) {}

	async init(): Promise<void> {}

	async acquireConnection(): Promise<DatabaseConnection> {
		return new PostgresJsConnection(this.sql, this.isUnavailable);
	}

	async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
		const pinned = connection as PostgresJsConnection;
		await pinned.reserve();
		let statement = 'start transaction';
		if (settings.isolationLevel) statement += ` isolation level ${settings.isolationLevel}`;
		if (settings.accessMode) statement += ` ${settings.accessMode}`;
		await pinned.executeQuery(CompiledQuery.raw(statement));
	}

	async commitTransaction(connection: DatabaseConnection): Promise<void> {
		await connection.executeQuery(CompiledQuery.raw('commit'));
	}

	async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		if ((connection as PostgresJsConnection).dead) return;
		await connection.executeQuery(CompiledQuery.raw('rollback'));
	}

	async releaseConnection(connection: DatabaseConnection): Promise<void> {
		(connection as PostgresJsConnection).release();
	}

	async destroy(): Promise<void> {
		// Without a timeout, end() waited forever for a connection still reconnecting after a restart.
		await this.sql.end({ timeout: 5 });
	}
}

export class PostgresJsDialect implements Dialect {
	constructor(
		private readonly sql: Sql,
		private readonly isUnavailable: UnavailableTest
	) {}

	createAdapter(): DialectAdapter {
		return new PostgresAdapter();
	}

	createDriver(): Driver {
		return new PostgresJsDriver(this.sql, this.isUnavailable);
	}

	createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
		return new PostgresIntrospector(db);
	}

	createQueryCompiler(): QueryCompiler {
		return new PostgresQueryCompiler();
	}
}
