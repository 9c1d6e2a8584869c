import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { withdrawResponse } from '$lib/server/restricted/responses/service';
import type { RequestHandler } from './$types';

/** DELETE /api/responses/<id>: withdrawn consent; the response and its skills record go, the layers are rebuilt. Audited. */
export const DELETE: RequestHandler = ({ params, locals }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		await withdrawResponse(db, locals.user!, params.id);
		return new Response(null, { status: 204 });
	});
