import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { SESSION_COOKIE, signIn } from '$lib/server/auth/service';
import { safeNextPath } from '$lib/server/auth/redirect';
import { typedValues } from '$lib/server/http/forms';
import { secret, text } from '$lib/server/http/validate';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNextPath(url.searchParams.get('next')));
	return { next: safeNextPath(url.searchParams.get('next')) };
};

// One message for every failure: it must not reveal whether the account exists or is throttled.
const GENERIC_FAILURE = 'That username and password did not match, or too many attempts were made. Try again in a few minutes.';

const CREDENTIALS = v.strictObject({ username: text(64), password: secret(256) });

/** The one failure shape of form actions (http/forms.ts); the password is never sent back. */
function refused(message: string, username: string, next: string) {
	return fail(400, { key: 'signin', message, errors: { form: message }, values: { username, next } });
}

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const typed = typedValues(form, ['username', 'password']);
		const next = safeNextPath(String(form.get('next') ?? url.searchParams.get('next') ?? '/'));
		// Blank, too long or with a NUL: no account can match, and nothing is looked up.
		const checked = v.safeParse(CREDENTIALS, typed);
		if (!checked.success) return refused('Enter your username and password.', typed.username!, next);
		const { username, password } = checked.output;
		const { db } = await getAppDatabase();
		const result = await signIn(db, { username, password, clientKey: getClientAddress() });
		if (!result.ok) return refused(GENERIC_FAILURE, username, next);
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
