import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { handleApi } from '$lib/server/http/errors';
import { parseInput, parseQuery, text } from '$lib/server/http/validate';
import { resolvePlace } from '$lib/server/network/directory';
import { IDEA_INPUT, listPublicIdeas, submitIdea } from '$lib/server/network/ideas';
import type { RequestHandler } from './$types';

const PLACE_QUERY = v.strictObject({ place: v.optional(text(63)) });

/** Approved ideas (never a contact, never an idea still waiting for moderation). */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const { place } = parseQuery(url, PLACE_QUERY);
		const { db } = await getAppDatabase();
		const resolved = await resolvePlace(db, place);
		return json({ place: resolved.id, ideas: await listPublicIdeas(db, resolved.id) });
	});

/** Submits an idea (no account; rate-limited per client): 201 with the private status link. */
export const POST: RequestHandler = ({ url, request, getClientAddress }) =>
	handleApi(async () => {
		const { place } = parseQuery(url, PLACE_QUERY);
		const input = parseInput(IDEA_INPUT, await readJsonBody(request, 16 * 1024));
		const { db } = await getAppDatabase();
		const resolved = await resolvePlace(db, place);
		const { token } = await submitIdea(db, resolved.id, input, getClientAddress());
		const statusUrl = new URL(`/ideas/status/${token}`, url).href;
		return json({ status: 'submitted', statusUrl, message: 'Thank you. Keep this link: it is the only way to follow your idea.' }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
	});
