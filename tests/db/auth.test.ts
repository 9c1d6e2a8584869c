import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, SYSTEM_ACTOR } from '../../src/lib/server/audit/log';
import {
	actorOf,
	authenticate,
	AccountError,
	createAccount,
	hashToken,
	resetPassword,
	SESSION_IDLE_MS,
	setAccountDisabled,
	signIn,
	signOut,
	THROTTLE
} from '../../src/lib/server/auth/service';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

const PASSWORD = 'a long enough passphrase';

describe('accounts and sign-in', () => {
	it('stores only an argon2id hash and audits the creation', async () => {
		const user = await createAccount(database.db, SYSTEM_ACTOR, {
			username: 'Researcher.One',
			displayName: 'Researcher One',
			role: 'researcher',
			password: PASSWORD
		});
		expect(user.username).toBe('researcher.one');
		const row = await database.db.selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
		expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(row.password_hash).not.toContain(PASSWORD);
		const audit = await listAudit(database.db, { action: 'user_create' });
		expect(audit[0]).toMatchObject({ actorName: 'system', subject: 'app_user', detail: { username: 'researcher.one', role: 'researcher' } });
	});

	it('refuses bad accounts with a message naming the field', async () => {
		await expect(createAccount(database.db, SYSTEM_ACTOR, { username: 'x', displayName: 'X', role: 'planner', password: PASSWORD })).rejects.toMatchObject({ field: 'username' });
		await expect(createAccount(database.db, SYSTEM_ACTOR, { username: 'xavier', displayName: 'X', role: 'king', password: PASSWORD })).rejects.toMatchObject({ field: 'role' });
		await expect(createAccount(database.db, SYSTEM_ACTOR, { username: 'xavier', displayName: 'X', role: 'planner', password: 'short' })).rejects.toMatchObject({ field: 'password' });
		await expect(createAccount(database.db, SYSTEM_ACTOR, { username: 'researcher.one', displayName: 'X', role: 'planner', password: PASSWORD })).rejects.toBeInstanceOf(AccountError);
	});

	it('signs in, authenticates the session by its cookie, and signs out', async () => {
		const result = await signIn(database.db, { username: ' RESEARCHER.ONE ', password: PASSWORD, clientKey: '10.0.0.1' });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		// Only the token's hash is stored.
		const stored = await database.db.selectFrom('user_session').select('token_hash').execute();
		expect(stored.map((s) => s.token_hash)).toContain(hashToken(result.token));
		expect(stored.map((s) => s.token_hash)).not.toContain(result.token);
		const session = await authenticate(database.db, result.token);
		expect(session?.user.username).toBe('researcher.one');
		expect(await authenticate(database.db, result.token, new Date(Date.now() + SESSION_IDLE_MS + 1000))).toBeUndefined();
		await signOut(database.db, result.token);
		expect(await authenticate(database.db, result.token)).toBeUndefined();
	});

	it('gives the same answer for an unknown user and a wrong password', async () => {
		const unknown = await signIn(database.db, { username: 'nobody', password: PASSWORD, clientKey: '10.0.0.2' });
		const wrong = await signIn(database.db, { username: 'researcher.one', password: 'not the password', clientKey: '10.0.0.2' });
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
	});

	it('throttles an account after repeated failures, even for the right password', async () => {
		await createAccount(database.db, SYSTEM_ACTOR, { username: 'planner.p', displayName: 'P', role: 'planner', password: PASSWORD });
		for (let i = 0; i < THROTTLE.perUsername; i++) {
			expect((await signIn(database.db, { username: 'planner.p', password: 'wrong password!', clientKey: `10.1.0.${i}` })).ok).toBe(false);
		}
		expect(await signIn(database.db, { username: 'planner.p', password: PASSWORD, clientKey: '10.1.1.1' })).toEqual({ ok: false, reason: 'throttled' });
		// After the window, the right password works again.
		const later = new Date(Date.now() + THROTTLE.window + 60_000);
		expect((await signIn(database.db, { username: 'planner.p', password: PASSWORD, clientKey: '10.1.1.1' }, later)).ok).toBe(true);
	});

	it('ends every session of an account that is disabled or whose password is reset', async () => {
		const admin = await createAccount(database.db, SYSTEM_ACTOR, { username: 'admin.a', displayName: 'A', role: 'administrator', password: PASSWORD });
		const target = await createAccount(database.db, SYSTEM_ACTOR, { username: 'planner.q', displayName: 'Q', role: 'planner', password: PASSWORD });
		const s1 = await signIn(database.db, { username: 'planner.q', password: PASSWORD, clientKey: '10.2.0.1' });
		if (!s1.ok) throw new Error('sign-in failed');
		await setAccountDisabled(database.db, actorOf(admin), target.id, true);
		expect(await authenticate(database.db, s1.token)).toBeUndefined();
		expect((await signIn(database.db, { username: 'planner.q', password: PASSWORD, clientKey: '10.2.0.1' })).ok).toBe(false);
		await setAccountDisabled(database.db, actorOf(admin), target.id, false);
		const s2 = await signIn(database.db, { username: 'planner.q', password: PASSWORD, clientKey: '10.2.0.1' });
		if (!s2.ok) throw new Error('sign-in failed');
		await resetPassword(database.db, actorOf(admin), target.id, 'another long passphrase');
		expect(await authenticate(database.db, s2.token)).toBeUndefined();
		await expect(setAccountDisabled(database.db, actorOf(admin), admin.id, true)).rejects.toThrow(/your own account/);
		// Not an account id at all: a clear refusal, not a database error.
		await expect(setAccountDisabled(database.db, actorOf(admin), '', true)).rejects.toThrow(/no such account/);
		await expect(resetPassword(database.db, actorOf(admin), 'nobody', 'another long passphrase')).rejects.toThrow(/no such account/);
		const audit = await listAudit(database.db, { actor: 'admin.a' });
		expect(audit.map((a) => a.action)).toEqual(['user_update', 'user_update', 'user_update']);
	});
});
