/**
 * HTTP for the Open Referral UK endpoints: open CORS (council directories and social prescribers
 * call them from their own pages), the standard's page parameters, and the one error JSON.
 */
import * as v from 'valibot';
import { errorResponse } from '../http/errors';
import { intParam, parseQuery, text } from '../http/validate';

export const CORS_HEADERS: Readonly<Record<string, string>> = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
	'Access-Control-Allow-Headers': 'Accept, Content-Type',
	'Access-Control-Max-Age': '86400'
};

const MAX_PER_PAGE = 200;

const PAGE_ENTRIES = {
	page: v.optional(intParam(1, 1_000_000), '1'),
	per_page: v.optional(intParam(1, MAX_PER_PAGE), '50')
};

export const PAGE_QUERY = v.strictObject(PAGE_ENTRIES);

export const SERVICE_QUERY = v.strictObject({
	...PAGE_ENTRIES,
	search: v.optional(text(200)),
	taxonomy_term_id: v.optional(text(100)),
	taxonomy_id: v.optional(text(100)),
	minimum_age: v.optional(intParam(0, 150)),
	maximum_age: v.optional(intParam(0, 150))
});

export function serviceFilter(query: v.InferOutput<typeof SERVICE_QUERY>) {
	return {
		search: query.search,
		taxonomyTermId: query.taxonomy_term_id?.toLowerCase(),
		taxonomyId: query.taxonomy_id?.toLowerCase(),
		minimumAge: query.minimum_age,
		maximumAge: query.maximum_age
	};
}

export { parseQuery };

function withCors(response: Response): Response {
	for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
	return response;
}

/** Runs an export endpoint: its JSON with CORS and a short public cache, or the error JSON with CORS. */
export async function orukResponse(body: () => Promise<unknown> | unknown): Promise<Response> {
	try {
		const value = await body();
		return withCors(
			new Response(JSON.stringify(value), {
				headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' }
			})
		);
	} catch (err) {
		return withCors(errorResponse(err));
	}
}

/** The CORS preflight: any origin may GET. */
export function preflight(): Response {
	return new Response(null, { status: 204, headers: { ...CORS_HEADERS } });
}
