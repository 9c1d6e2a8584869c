/**
 * Sign-in, sessions and account administration.
 *  - Sessions are server-side: the cookie holds 32 random bytes, the database its SHA-256.
 *  - Sign-in failures are throttled per account name and per client address; the message a
 *    person sees never says which of username or password was wrong, nor that they are throttled
 *    for one account rather than another.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { DomainError } from '../errors';
import { secret, text } from '../http/validate';
import { isUuid } from '../../domain/uuid';
import { ROLES, type Database, type Role } from '../db/schema';
import { writeAudit, type Actor } from '../audit/log';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import * as q from './queries';

export type { User } from './queries';

export const SESSION_COOKIE = 'atlas_session';
/** Idle sessions end after 8 hours (a working day); each use extends it. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** At most this many failures per account name, or per client address, in the window. */
export const THROTTLE = { window: 15 * 60 * 1000, perUsername: 5, perClient: 20 } as const;

/** A refused account change: invalid values (422), the field named when one is to blame. */
export class AccountError extends DomainError {
	override name = 'AccountError';
	constructor(
		message: string,
		readonly field?: string
	) {
		super('invalid', message, field ? { fields: [{ field, message }] } : undefined);
	}
}

/** A new account as the API's body and the administration form give it; the rules are createAccount's. */
export const NEW_ACCOUNT = v.strictObject({ username: text(64), displayName: text(120), role: text(32), password: secret(256) });

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Account ids are uuids; anything else names no account (and must not reach a uuid column). */
function assertAccountId(id: string): void {
	if (!isUuid(id)) throw new AccountError('no such account');
}

export function normaliseUsername(username: string): string {
	return username.trim().toLowerCase();
}

export type SignInResult =
	| { ok: true; token: string; user: q.User; expiresAt: Date }
	| { ok: false; reason: 'invalid' | 'throttled' };

export async function signIn(
	db: Kysely<Database>,
	input: { username: string; password: string; clientKey: string },
	now = new Date()
): Promise<SignInResult> {
	const username = normaliseUsername(input.username);
	const failures = await q.countRecentFailures(db, username, input.clientKey, new Date(now.getTime() - THROTTLE.window));
	if (failures.byUsername >= THROTTLE.perUsername || failures.byClient >= THROTTLE.perClient) {
		await q.recordSignInFailure(db, username, input.clientKey);
		return { ok: false, reason: 'throttled' };
	}
	const found = username ? await q.findUserByUsername(db, username) : undefined;
	const valid = found
		? await verifyPassword(found.passwordHash, input.password)
		: (await verifyPassword(await decoyHash(), input.password), false);
	if (!found || !valid || found.user.disabled) {
		await q.recordSignInFailure(db, username, input.clientKey);
		return { ok: false, reason: 'invalid' };
	}
	await q.clearFailures(db, username);
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
	await q.insertSession(db, { tokenHash: hashToken(token), userId: found.user.id, expiresAt });
	return { ok: true, token, user: found.user, expiresAt };
}

/** The signed-in user for a session cookie value, extending the session; undefined if none. */
export async function authenticate(
	db: Kysely<Database>,
	token: string | undefined,
	now = new Date()
): Promise<{ user: q.User; expiresAt: Date } | undefined> {
	if (!token || token.length > 100) return undefined;
	const tokenHash = hashToken(token);
	const session = await q.findLiveSession(db, tokenHash, now);
	if (!session) return undefined;
	// Extend at most once a minute: a page with many requests should not write on each one.
	if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
		const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
		await q.extendSession(db, tokenHash, expiresAt, now);
		return { user: session.user, expiresAt };
	}
	return { user: session.user, expiresAt: session.expiresAt };
}

export async function signOut(db: Kysely<Database>, token: string | undefined): Promise<void> {
	if (token) await q.deleteSession(db, hashToken(token));
}

export interface NewAccount {
	username: string;
	displayName: string;
	role: string;
	password: string;
}

/** Creates an account; only administrators (or the command line, as `system`) may. */
export async function createAccount(db: Kysely<Database>, actor: Actor, input: NewAccount): Promise<q.User> {
	const username = normaliseUsername(input.username);
	if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) {
		throw new AccountError(
			'a username has 3 to 64 characters: letters, digits, dot, dash or underscore, starting with a letter or digit',
			'username'
		);
	}
	const displayName = input.displayName.trim();
	if (!displayName || displayName.length > 120) throw new AccountError('a display name has 1 to 120 characters', 'displayName');
	if (!(ROLES as readonly string[]).includes(input.role)) {
		throw new AccountError(`role must be one of ${ROLES.join(', ')}`, 'role');
	}
	const problem = passwordProblem(input.password);
	if (problem) throw new AccountError(problem, 'password');
	const passwordHash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		if (await q.findUserByUsername(trx, username)) throw new AccountError('that username is taken', 'username');
		const user = await q.insertUser(trx, {
			id: randomUUID(),
			username,
			displayName,
			role: input.role as Role,
			passwordHash,
			createdBy: actor.id
		});
		await writeAudit(trx, actor, {
			action: 'user_create',
			subject: 'app_user',
			recordCount: 1,
			detail: { username, role: user.role }
		});
		return user;
	});
}

/** Enables or disables an account; disabling ends its sessions at once. */
export async function setAccountDisabled(db: Kysely<Database>, actor: Actor, userId: string, disabled: boolean) {
	assertAccountId(userId);
	if (actor.id === userId && disabled) throw new AccountError('you cannot disable your own account');
	return db.transaction().execute(async (trx) => {
		const user = await q.updateUser(trx, userId, { disabled });
		if (!user) throw new AccountError('no such account');
		if (disabled) await q.deleteSessionsOfUser(trx, userId);
		await writeAudit(trx, actor, {
			action: 'user_update',
			subject: 'app_user',
			recordCount: 1,
			detail: { username: user.username, disabled }
		});
		return user;
	});
}

export async function resetPassword(db: Kysely<Database>, actor: Actor, userId: string, password: string) {
	assertAccountId(userId);
	const problem = passwordProblem(password);
	if (problem) throw new AccountError(problem, 'password');
	const passwordHash = await hashPassword(password);
	return db.transaction().execute(async (trx) => {
		const user = await q.updateUser(trx, userId, { passwordHash });
		if (!user) throw new AccountError('no such account');
		await q.deleteSessionsOfUser(trx, userId);
		await writeAudit(trx, actor, {
			action: 'user_update',
			subject: 'app_user',
			recordCount: 1,
			detail: { username: user.username, passwordReset: true }
		});
		return user;
	});
}

export const listAccounts = q.listUsers;
export const findAccount = q.findUserById;
export const findAccountByUsername = async (db: Kysely<Database>, username: string) =>
	(await q.findUserByUsername(db, normaliseUsername(username)))?.user;

export function actorOf(user: q.User): Actor {
	return { id: user.id, name: user.username, role: user.role };
}
