import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { parseQuery, text } from '$lib/server/http/validate';
import { resolvePlace } from '$lib/server/network/directory';
import { upcomingEvents } from '$lib/server/network/support';
import type { RequestHandler } from './$types';

/** The network's upcoming events, soonest first. */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const { place } = parseQuery(url, v.strictObject({ place: v.optional(text(63)) }));
		const { db } = await getAppDatabase();
		const resolved = await resolvePlace(db, place);
		return json({ place: resolved.id, events: await upcomingEvents(db, resolved.id) }, { headers: { 'Cache-Control': 'public, max-age=60' } });
	});
