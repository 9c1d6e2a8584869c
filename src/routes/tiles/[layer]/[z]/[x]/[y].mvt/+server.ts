import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { getTile, MVT_CONTENT_TYPE } from '$lib/server/tiles/index';
import type { RequestHandler } from './$types';

/**
 * GET /tiles/<layer>/<z>/<x>/<y>.mvt[?place=…&skill=…]: a Mapbox vector tile (layer name = <layer>).
 * Cacheable for 5 minutes (scenario tiles: private); a strong ETag answers a repeat with 304.
 */
export const GET: RequestHandler = ({ params, url, request, locals }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		const tile = await getTile(db, {
			layer: params.layer,
			z: Number(params.z),
			x: Number(params.x),
			y: Number(params.y),
			params: url.searchParams,
			viewer: locals.user?.role
		});
		const etag = tile.etag!;
		const headers = {
			'Content-Type': MVT_CONTENT_TYPE,
			'Cache-Control': tile.shared ? 'public, max-age=300' : 'private, no-store',
			ETag: etag,
			'X-Tile-Engine': tile.engine,
			Vary: 'Cookie'
		};
		if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
		return new Response(new Uint8Array(tile.bytes), { headers });
	});
