/** The only SQL for accounts, sessions and sign-in failures. Returns domain types, never rows. */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';

export interface User {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	disabled: boolean;
	createdAt: Date;
}

const USER_COLUMNS = ['id', 'username', 'display_name', 'role', 'disabled', 'created_at'] as const;

function toUser(row: {
	id: string;
	username: string;
	display_name: string;
	role: Role;
	disabled: boolean;
	created_at: Date;
}): User {
	return {
		id: row.id,
		username: row.username,
		displayName: row.display_name,
		role: row.role,
		disabled: row.disabled,
		createdAt: new Date(row.created_at)
	};
}

export async function insertUser(
	db: Kysely<Database>,
	user: { id: string; username: string; displayName: string; role: Role; passwordHash: string; createdBy: string | null }
): Promise<User> {
	const row = await db
		.insertInto('app_user')
		.values({
			id: user.id,
			username: user.username,
			display_name: user.displayName,
			role: user.role,
			password_hash: user.passwordHash,
			created_by: user.createdBy
		})
		.returning(USER_COLUMNS)
		.executeTakeFirstOrThrow();
	return toUser(row);
}

export async function findUserByUsername(db: Kysely<Database>, username: string) {
	const row = await db
		.selectFrom('app_user')
		.select([...USER_COLUMNS, 'password_hash'])
		.where('username', '=', username)
		.executeTakeFirst();
	return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<User | undefined> {
	const row = await db.selectFrom('app_user').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
	return row ? toUser(row) : undefined;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
	const rows = await db.selectFrom('app_user').select(USER_COLUMNS).orderBy('username').execute();
	return rows.map(toUser);
}

export async function updateUser(
	db: Kysely<Database>,
	id: string,
	changes: { disabled?: boolean; role?: Role; passwordHash?: string; displayName?: string }
): Promise<User | undefined> {
	const row = await db
		.updateTable('app_user')
		.set({
			...(changes.disabled === undefined ? {} : { disabled: changes.disabled }),
			...(changes.role === undefined ? {} : { role: changes.role }),
			...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
			...(changes.displayName === undefined ? {} : { display_name: changes.displayName }),
			updated_at: new Date()
		})
		.where('id', '=', id)
		.returning(USER_COLUMNS)
		.executeTakeFirst();
	return row ? toUser(row) : undefined;
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
	const row = await db
		.selectFrom('app_user')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function insertSession(
	db: Kysely<Database>,
	session: { tokenHash: string; userId: string; expiresAt: Date }
): Promise<void> {
	await db
		.insertInto('user_session')
		.values({ token_hash: session.tokenHash, user_id: session.userId, expires_at: session.expiresAt })
		.execute();
}

/** The live session for a token hash with its (enabled) user, or undefined. */
export async function findLiveSession(db: Kysely<Database>, tokenHash: string, now: Date) {
	const row = await db
		.selectFrom('user_session')
		.innerJoin('app_user', 'app_user.id', 'user_session.user_id')
		.select([
			'user_session.expires_at',
			'user_session.last_seen_at',
			'app_user.id',
			'app_user.username',
			'app_user.display_name',
			'app_user.role',
			'app_user.disabled',
			'app_user.created_at'
		])
		.where('user_session.token_hash', '=', tokenHash)
		.where('user_session.expires_at', '>', now)
		.where('app_user.disabled', '=', false)
		.executeTakeFirst();
	if (!row) return undefined;
	return { user: toUser(row), expiresAt: new Date(row.expires_at), lastSeenAt: new Date(row.last_seen_at) };
}

export async function extendSession(db: Kysely<Database>, tokenHash: string, expiresAt: Date, now: Date) {
	await db
		.updateTable('user_session')
		.set({ expires_at: expiresAt, last_seen_at: now })
		.where('token_hash', '=', tokenHash)
		.execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
	await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<void> {
	await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<void> {
	await db.deleteFrom('user_session').where('expires_at', '<=', now).execute();
}

export async function recordSignInFailure(db: Kysely<Database>, username: string, clientKey: string) {
	await db.insertInto('sign_in_failure').values({ username, client_key: clientKey }).execute();
}

/** Failures since `since`, for this account name and for this client address. */
export async function countRecentFailures(db: Kysely<Database>, username: string, clientKey: string, since: Date) {
	const row = await db
		.selectFrom('sign_in_failure')
		.select((eb) => [
			eb.fn.count<string>('id').filterWhere('username', '=', username).as('by_username'),
			eb.fn.count<string>('id').filterWhere('client_key', '=', clientKey).as('by_client')
		])
		.where('attempted_at', '>', since)
		.where((eb) => eb.or([eb('username', '=', username), eb('client_key', '=', clientKey)]))
		.executeTakeFirstOrThrow();
	return { byUsername: Number(row.by_username), byClient: Number(row.by_client) };
}

export async function clearFailures(db: Kysely<Database>, username: string): Promise<void> {
	await db.deleteFrom('sign_in_failure').where('username', '=', username).execute();
}
