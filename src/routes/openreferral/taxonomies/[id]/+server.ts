import { NO_PARAMETERS } from '$lib/server/http/validate';
import { orukResponse, parseQuery, preflight } from '$lib/server/openreferral/http';
import { taxonomyById } from '$lib/server/openreferral/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, params }) =>
	orukResponse(() => {
		parseQuery(url, NO_PARAMETERS);
		return taxonomyById(params.id);
	});

export const OPTIONS: RequestHandler = () => preflight();
