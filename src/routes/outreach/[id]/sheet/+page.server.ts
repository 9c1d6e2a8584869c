import { error } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { getRoute } from '$lib/server/outreach/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { db } = await getAppDatabase();
	try {
		const route = await getRoute(db, locals.user!, params.id);
		// The sheet is taken out on paper: it carries no visit notes.
		return { route: { ...route, outcomes: [] } };
	} catch (err) {
		if (err instanceof DomainError && err.kind === 'not_found') error(404, { code: 'not_found', message: err.message });
		throw err;
	}
};
