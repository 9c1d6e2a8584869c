import { fail } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import {
	AccountError,
	actorOf,
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

function field(form: FormData, name: string): string {
	return String(form.get(name) ?? '');
}

/** Form actions: the policy lets only administrators POST here (hooks.server.ts). */
export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const values = { username: field(form, 'username'), displayName: field(form, 'displayName'), role: field(form, 'role') };
		try {
			const { db } = await getAppDatabase();
			const user = await createAccount(db, actorOf(locals.user!), { ...values, password: field(form, 'password') });
			return { created: user.username };
		} catch (err) {
			if (err instanceof AccountError) return fail(400, { ...values, message: err.message, field: err.field });
			throw err;
		}
	},
	setDisabled: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			const user = await setAccountDisabled(db, actorOf(locals.user!), field(form, 'id'), field(form, 'disabled') === 'true');
			return { updated: user.username };
		} catch (err) {
			if (err instanceof AccountError) return fail(400, { message: err.message });
			throw err;
		}
	},
	resetPassword: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			const user = await resetPassword(db, actorOf(locals.user!), field(form, 'id'), field(form, 'password'));
			return { updated: user.username };
		} catch (err) {
			if (err instanceof AccountError) return fail(400, { message: err.message });
			throw err;
		}
	}
};
