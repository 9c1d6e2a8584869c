import { json } from '@sveltejs/kit';
import { CONFORMANCE } from '$lib/server/ogc/collections';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => json({ conformsTo: CONFORMANCE }, { headers: { 'Cache-Control': 'public, max-age=300' } });
