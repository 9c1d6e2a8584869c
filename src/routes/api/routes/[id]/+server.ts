import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { getRoute, removeRoute } from '$lib/server/outreach/service';
import type { RequestHandler } from './$types';

/** GET /api/routes/<id>: a saved route with its plan and the outcome of each visit (its owner and administrators only). */
export const GET: RequestHandler = ({ params, locals }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		return json(await getRoute(db, locals.user!, params.id), { headers: { 'Cache-Control': 'private, no-store' } });
	});

export const DELETE: RequestHandler = ({ params, locals }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		await removeRoute(db, locals.user!, params.id);
		return new Response(null, { status: 204 });
	});
