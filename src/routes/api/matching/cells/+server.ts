import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { oneOfParam, parseQuery, text } from '$lib/server/http/validate';
import { STAGES } from '$lib/domain/matching/candidates';
import { getCandidateCells } from '$lib/server/matching/matching';
import type { RequestHandler } from './$types';

const QUERY = v.strictObject({
	place: text(63),
	skill: v.optional(text(63), 'all'),
	stage: v.optional(oneOfParam(['all', ...STAGES] as const), 'all')
});

/** GET /api/matching/cells?place=&skill=all|<group>&stage=all|<stage>: where candidates live, as published cell units (GeoJSON). */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const query = parseQuery(url, QUERY);
		const { db } = await getAppDatabase();
		return json(await getCandidateCells(db, { placeId: query.place, skill: query.skill, stage: query.stage }), { headers: { 'Cache-Control': 'public, max-age=60' } });
	});
