import { getAppDatabase } from '$lib/server/db/app';
import { NO_PARAMETERS } from '$lib/server/http/validate';
import { orukResponse, parseQuery, preflight } from '$lib/server/openreferral/http';
import { serviceById } from '$lib/server/openreferral/service';
import type { RequestHandler } from './$types';

/** Open Referral UK: one service, fully nested (organisation, service at locations, taxonomy attributes). */
export const GET: RequestHandler = ({ url, params }) =>
	orukResponse(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		return serviceById(db, params.id);
	});

export const OPTIONS: RequestHandler = () => preflight();
