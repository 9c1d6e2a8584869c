import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { routeAsGpx } from '$lib/server/outreach/service';
import type { RequestHandler } from './$types';

/** GET /api/routes/<id>/gpx: the route as a GPX 1.1 file (waypoints in visiting order, the walk as a track). */
export const GET: RequestHandler = ({ params, locals }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		const { filename, xml } = await routeAsGpx(db, locals.user!, params.id);
		return new Response(xml, {
			headers: {
				'Content-Type': 'application/gpx+xml; charset=utf-8',
				'Content-Disposition': `attachment; filename="${filename}"`,
				'Cache-Control': 'private, no-store'
			}
		});
	});
