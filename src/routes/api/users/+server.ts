import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { AccountError, actorOf, createAccount, listAccounts } from '$lib/server/auth/service';
import { ApiError, handleApi } from '$lib/server/http/errors';
import { checks, parseObject, readJsonBody } from '$lib/server/http/body';
import type { RequestHandler } from './$types';

/** Accounts, for administrators: list, and create with a JSON body. */
export const GET: RequestHandler = () =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		const users = await listAccounts(db);
		return json({ users }, { headers: { 'Cache-Control': 'private, no-store' } });
	});

export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseObject(await readJsonBody(request, 4096), {
			username: { check: checks.string(64) },
			displayName: { check: checks.string(120) },
			role: { check: checks.string(32) },
			password: { check: checks.string(256) }
		});
		const { db } = await getAppDatabase();
		try {
			const user = await createAccount(db, actorOf(locals.user!), input);
			return json({ user }, { status: 201 });
		} catch (err) {
			if (err instanceof AccountError) throw new ApiError('unprocessable', err.message, err.field ? { field: err.field } : undefined);
			throw err;
		}
	});
