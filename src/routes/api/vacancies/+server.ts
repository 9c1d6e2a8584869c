import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { getAppDatabase } from '$lib/server/db/app';
import { readJsonBody } from '$lib/server/http/body';
import { handleApi } from '$lib/server/http/errors';
import { bool, oneOfParam, parseInput, parseQuery, text } from '$lib/server/http/validate';
import { listVacancies } from '$lib/server/matching/queries';
import { importVacancies, MAX_VACANCY_FILE_BYTES } from '$lib/server/matching/vacancies';
import { malformed } from '$lib/server/errors';
import type { RequestHandler } from './$types';

const LIST_QUERY = v.strictObject({
	site: v.optional(text(100)),
	place: v.optional(text(63)),
	live: v.optional(oneOfParam(['true', 'false'] as const))
});

/** GET /api/vacancies?site=&place=&live=true: employers' vacancies (public facts), live first. */
export const GET: RequestHandler = ({ url }) =>
	handleApi(async () => {
		const query = parseQuery(url, LIST_QUERY);
		const { db } = await getAppDatabase();
		const vacancies = await listVacancies(db, { siteId: query.site, placeId: query.place, liveOnly: query.live === 'true' });
		return json({ vacancies });
	});

const IMPORT_BODY = v.strictObject({
	fileName: text(200),
	/** The file's bytes, base64. */
	content: v.pipe(v.string('must be the file as base64'), v.regex(/^[A-Za-z0-9+/=\r\n]+$/, 'must be the file as base64')),
	list: v.optional(text(200)),
	dryRun: v.optional(bool(), false)
});

/** POST /api/vacancies {fileName, content (base64), list?, dryRun?}: imports a CSV or XLSX vacancy list, all or nothing. */
export const POST: RequestHandler = ({ request }) =>
	handleApi(async () => {
		const body = parseInput(IMPORT_BODY, await readJsonBody(request, Math.ceil(MAX_VACANCY_FILE_BYTES * 1.4) + 4096));
		const bytes = new Uint8Array(Buffer.from(body.content, 'base64'));
		if (bytes.byteLength === 0) throw malformed('"content" holds no file: send the file as base64.');
		const { db } = await getAppDatabase();
		const report = await importVacancies(db, { fileName: body.fileName, bytes, list: body.list, dryRun: body.dryRun });
		return json(report, { status: body.dryRun ? 200 : 201 });
	});
