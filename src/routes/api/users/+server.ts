import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { actorOf, createAccount, listAccounts, NEW_ACCOUNT } from '$lib/server/auth/service';
import { handleApi } from '$lib/server/http/errors';
import { readJsonBody } from '$lib/server/http/body';
import { NO_PARAMETERS, parseInput, parseQuery } from '$lib/server/http/validate';
import type { RequestHandler } from './$types';

/** Accounts, for administrators: list, and create with a JSON body. */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		const users = await listAccounts(db);
		return json({ users }, { headers: { 'Cache-Control': 'private, no-store' } });
	});

/** POST /api/users {"username", "displayName", "role", "password"}: refusals (AccountError) are 422s naming the field. */
export const POST: RequestHandler = ({ request, locals }) =>
	handleApi(async () => {
		const input = parseInput(NEW_ACCOUNT, await readJsonBody(request, 4096));
		const { db } = await getAppDatabase();
		const user = await createAccount(db, actorOf(locals.user!), input);
		return json({ user }, { status: 201 });
	});
