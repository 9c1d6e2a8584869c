import { json } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { ApiError, handleApi } from '$lib/server/http/errors';
import { scoreRequestFromUrl } from '$lib/server/scores/request';
import { explainCell, explainSite } from '$lib/server/scores/service';
import type { RequestHandler } from './$types';

/**
 * GET /api/scores/explain?…score parameters…&cell=<hex250 id> — which sites and bands gave a cell its score;
 * GET /api/scores/explain?…&site=<site id> — where a site's local supply comes from, band by band.
 * Supply figures are published (rounded, suppressed) counts only.
 */
export const GET: RequestHandler = ({ url, locals }) =>
	handleApi(async () => {
		const request = scoreRequestFromUrl(url, locals.user?.role, ['cell', 'site']);
		const cell = url.searchParams.get('cell');
		const site = url.searchParams.get('site');
		if (!cell === !site) throw new ApiError('bad_request', 'Give exactly one of cell=<cell id> or site=<site id>.');
		const { db } = await getAppDatabase();
		const explanation = cell ? await explainCell(db, request, cell) : await explainSite(db, request, site!);
		return json(explanation, { headers: { 'Cache-Control': request.spec.scenario ? 'private, no-store' : 'public, max-age=60' } });
	});
