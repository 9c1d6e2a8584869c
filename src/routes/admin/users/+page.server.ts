import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { attempt, typedValues } from '$lib/server/http/forms';
import { parseInput, secret, text } from '$lib/server/http/validate';
import {
	actorOf,
	NEW_ACCOUNT,
	createAccount,
	listAccounts,
	resetPassword,
	setAccountDisabled
} from '$lib/server/auth/service';
import { ROLES } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const users = await listAccounts(db);
	return {
		roles: [...ROLES],
		users: users.map((u) => ({
			id: u.id,
			username: u.username,
			displayName: u.displayName,
			role: u.role,
			disabled: u.disabled,
			createdAt: u.createdAt.toISOString()
		}))
	};
};

const DISABLED = v.strictObject({ id: text(64), disabled: v.picklist(['true', 'false'], 'must be true or false') });
const NEW_PASSWORD = v.strictObject({ id: text(64), password: secret(256) });

const LABELS = { username: 'The username', displayName: 'The display name', role: 'The role', password: 'The password' };

/** Form actions: the policy lets only administrators POST here (hooks.server.ts). */
export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		// The password is never sent back to the page.
		const values = typedValues(form, ['username', 'displayName', 'role']);
		const outcome = await attempt(
			async () => {
				const input = parseInput(NEW_ACCOUNT, typedValues(form, ['username', 'displayName', 'role', 'password']), 'form');
				const { db } = await getAppDatabase();
				return createAccount(db, actorOf(locals.user!), input);
			},
			{ key: 'create', values, labels: LABELS }
		);
		return outcome.ok ? { created: outcome.result.username } : outcome.failure;
	},
	setDisabled: async ({ request, locals }) => {
		const form = await request.formData();
		const outcome = await attempt(async () => {
			const input = parseInput(DISABLED, typedValues(form, ['id', 'disabled']), 'form');
			const { db } = await getAppDatabase();
			return setAccountDisabled(db, actorOf(locals.user!), input.id, input.disabled === 'true');
		}, { key: 'setDisabled' });
		return outcome.ok ? { updated: outcome.result.username } : outcome.failure;
	},
	resetPassword: async ({ request, locals }) => {
		const form = await request.formData();
		const outcome = await attempt(async () => {
			const input = parseInput(NEW_PASSWORD, typedValues(form, ['id', 'password']), 'form');
			const { db } = await getAppDatabase();
			return resetPassword(db, actorOf(locals.user!), input.id, input.password);
		}, { key: 'resetPassword' });
		return outcome.ok ? { updated: outcome.result.username } : outcome.failure;
	}
};
