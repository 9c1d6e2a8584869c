import { orukResponse, PAGE_QUERY, parseQuery, preflight } from '$lib/server/openreferral/http';
import { taxonomyPage } from '$lib/server/openreferral/service';
import type { RequestHandler } from './$types';

/** Open Referral UK: the taxonomies the services are classified by (the project's own). */
export const GET: RequestHandler = ({ url }) =>
	orukResponse(() => {
		const query = parseQuery(url, PAGE_QUERY);
		return taxonomyPage(query.page, query.per_page);
	});

export const OPTIONS: RequestHandler = () => preflight();
