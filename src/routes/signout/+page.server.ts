import { redirect } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { SESSION_COOKIE, signOut } from '$lib/server/auth/service';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ cookies }) => {
		const { db } = await getAppDatabase();
		await signOut(db, cookies.get(SESSION_COOKIE));
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/');
	}
};
