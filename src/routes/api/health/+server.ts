import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { checkHealth } from '$lib/server/health/queries';
import { handleApi } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () =>
	handleApi(async () => {
		const database = await getAppDatabase();
		return json(await checkHealth(database.db, database.backend), {
			headers: { 'Cache-Control': 'no-store' }
		});
	});
