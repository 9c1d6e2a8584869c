import { getAppDatabase } from '$lib/server/db/app';
import { orukResponse, parseQuery, preflight, SERVICE_QUERY, serviceFilter } from '$lib/server/openreferral/http';
import { serviceAtLocationPage } from '$lib/server/openreferral/service';
import type { RequestHandler } from './$types';

/** Open Referral UK: the paginated list of services at locations (each with its location and service). */
export const GET: RequestHandler = ({ url }) =>
	orukResponse(async () => {
		const query = parseQuery(url, SERVICE_QUERY);
		const { db } = await getAppDatabase();
		return serviceAtLocationPage(db, serviceFilter(query), query.page, query.per_page);
	});

export const OPTIONS: RequestHandler = () => preflight();
