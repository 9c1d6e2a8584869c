import { orukResponse, PAGE_QUERY, parseQuery, preflight } from '$lib/server/openreferral/http';
import { taxonomyTermPage } from '$lib/server/openreferral/service';
import type { RequestHandler } from './$types';

/** Open Referral UK: the terms of the project's service taxonomy. */
export const GET: RequestHandler = ({ url }) =>
	orukResponse(() => {
		const query = parseQuery(url, PAGE_QUERY);
		return taxonomyTermPage(query.page, query.per_page);
	});

export const OPTIONS: RequestHandler = () => preflight();
