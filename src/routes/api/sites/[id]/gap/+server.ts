import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { parseQuery } from '$lib/server/http/validate';
import { getSiteGap } from '$lib/server/scores/gap';
import { GAP_QUERY, gapRequestFrom } from '$lib/server/scores/gap-query';
import type { RequestHandler } from './$types';

/**
 * GET /api/sites/{id}/gap?walk=20&skill=nursing-midwifery&readiness=any&distance=straight&scenario=<uuid>
 * The site's gap headline per skill group at one walk, its rank (1st = most local talent per post)
 * and the ring at that walk. Public for the baseline; a scenario is for planners.
 */
export const GET: RequestHandler = ({ params, url, locals }) =>
	handleApi(async () => {
		const query: v.InferOutput<typeof GAP_QUERY> = parseQuery(url, GAP_QUERY);
		const { db } = await getAppDatabase();
		const gap = await getSiteGap(db, gapRequestFrom(params.id, query, locals.user?.role));
		return json(gap, { headers: { 'Cache-Control': query.scenario ? 'private, no-store' : 'public, max-age=60' } });
	});
