import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { config } from '$lib/server/config';
import { seedDemoDataIfEmpty } from '$lib/server/seed/index';

/**
 * Start-up: open and migrate the database before the first request is served, and load the demo
 * data into an empty database so that `npm start` on a fresh machine shows Greater Icknield.
 */
export const init: ServerInit = async () => {
	const started = Date.now();
	const database = await getAppDatabase();
	const { applied, total } = database.migrations;
	console.log(
		`[atlas] ${database.backend} database ${database.reopened ? 'reopened' : 'created'}; ` +
			`${applied.length ? `applied ${applied.join(', ')}` : `${total} migration(s) up to date`}`
	);
	if (config().seedOnEmpty) {
		const seeded = await seedDemoDataIfEmpty(database.db);
		if (seeded) {
			console.log(
				`[atlas] loaded demo data for ${seeded.place}: ${seeded.macroAssets} sites, ` +
					`${seeded.opportunities} opportunities, ${seeded.hubs} hubs, ` +
					`${seeded.enterprises} synthetic enterprises, ${seeded.residents} synthetic residents`
			);
		}
	}
	console.log(`[atlas] database ready in ${Date.now() - started} ms`);
};

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	return response;
};

export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status >= 500) console.error(error);
	return { code: status === 404 ? 'not_found' : 'internal', message };
};
