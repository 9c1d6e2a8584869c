import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import { ownStanding, voucherLedger } from '$lib/server/restricted/responses/vouchers';
import type { RequestHandler } from './$types';

/** A researcher's own count, earned and issued; coordinators and administrators get every researcher's. */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		const user = locals.user!;
		const body = user.role === 'researcher' ? await ownStanding(db, user) : await voucherLedger(db, user);
		return json(body, { headers: { 'Cache-Control': 'private, no-store' } });
	});
