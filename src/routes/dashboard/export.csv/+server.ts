import { listPlaces } from '$lib/server/assets/queries';
import { getAppDatabase } from '$lib/server/db/app';
import { notFound } from '$lib/server/errors';
import { handleApi } from '$lib/server/http/errors';
import { NO_PARAMETERS, parseQuery } from '$lib/server/http/validate';
import { dashboardCsv, getDashboard } from '$lib/server/matching/dashboard';
import type { RequestHandler } from './$types';

/** GET /dashboard/export.csv: the dashboard's figures (published only) with their history, as CSV. */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		parseQuery(url, NO_PARAMETERS);
		const { db } = await getAppDatabase();
		const place = (await listPlaces(db))[0];
		if (!place) throw notFound('There is no place yet.');
		const csv = dashboardCsv(await getDashboard(db, place.id));
		return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="progress-${place.id}.csv"` } });
	});
