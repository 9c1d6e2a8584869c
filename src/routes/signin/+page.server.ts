import { fail, redirect } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { SESSION_COOKIE, signIn } from '$lib/server/auth/service';
import { safeNextPath } from '$lib/server/auth/redirect';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNextPath(url.searchParams.get('next')));
	return { next: safeNextPath(url.searchParams.get('next')) };
};

// One message for every failure: it must not reveal whether the account exists or is throttled.
const GENERIC_FAILURE = 'That username and password did not match, or too many attempts were made. Try again in a few minutes.';

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '');
		const password = String(form.get('password') ?? '');
		const next = safeNextPath(String(form.get('next') ?? url.searchParams.get('next') ?? '/'));
		if (!username || !password) {
			return fail(400, { username, next, message: 'Enter your username and password.' });
		}
		const { db } = await getAppDatabase();
		const result = await signIn(db, { username, password, clientKey: getClientAddress() });
		if (!result.ok) return fail(400, { username, next, message: GENERIC_FAILURE });
		cookies.set(SESSION_COOKIE, result.token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			// Secure everywhere but plain http on this machine itself, so tokens never cross a network in clear.
			secure: !(url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)),
			expires: result.expiresAt
		});
		redirect(303, next);
	}
};
