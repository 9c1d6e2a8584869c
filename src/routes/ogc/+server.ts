import { json } from '@sveltejs/kit';
import { handleApi } from '$lib/server/http/errors';
import type { RequestHandler } from './$types';

/** OGC API – Features landing page (QGIS: Layer › Add WFS / OGC API – Features; GDAL: OAPIF:<url>). */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const base = url.origin;
		return json(
			{
				title: 'Asset Atlas — OGC API – Features',
				description: 'Public layers of Asset Atlas (Greater Icknield): capital projects, community hubs, social enterprises, reference areas, published (anonymised) local talent and opportunity scores.',
				links: [
					{ href: `${base}/ogc`, rel: 'self', type: 'application/json', title: 'This document' },
					{ href: `${base}/ogc/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
					{ href: `${base}/ogc/collections`, rel: 'data', type: 'application/json', title: 'Collections' }
				]
			},
			{ headers: { 'Cache-Control': 'public, max-age=300' } }
		);
	});
