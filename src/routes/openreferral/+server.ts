import { NO_PARAMETERS } from '$lib/server/http/validate';
import { orukResponse, parseQuery, preflight } from '$lib/server/openreferral/http';
import { ORUK_PROFILE, ORUK_VERSION } from '$lib/server/openreferral/service';
import type { RequestHandler } from './$types';

// The standard names the API's root "/openreferral/": answer with and without the slash.
export const trailingSlash = 'ignore';

/** Open Referral UK: what this API is (the standard's getAPIMetaInformation). */
export const GET: RequestHandler = ({ url }) =>
	orukResponse(() => {
		parseQuery(url, NO_PARAMETERS);
		return {
			version: ORUK_VERSION,
			profile: ORUK_PROFILE,
			openapi_url: 'https://raw.githubusercontent.com/openreferral/uk-profile/main/docs/extras/openapi30.json'
		};
	});

export const OPTIONS: RequestHandler = () => preflight();
