import { getAppDatabase } from '$lib/server/db/app';
import { pageError } from '$lib/server/http/errors';
import { ideaStatus } from '$lib/server/network/ideas';
import type { PageServerLoad } from './$types';

/** The submitter's private view of their idea: found by the token in the link, nothing else. */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	try {
		const { db } = await getAppDatabase();
		// A private page: kept out of shared caches and search engines.
		setHeaders({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' });
		return { idea: await ideaStatus(db, params.token) };
	} catch (err) {
		pageError(err);
	}
};
