import * as v from 'valibot';
import { redirect } from '@sveltejs/kit';
import { listPlaces, listSkillGroups } from '$lib/server/assets/queries';
import { getAppDatabase } from '$lib/server/db/app';
import { PIPELINE_STAGES } from '$lib/server/db/schema';
import { pageError } from '$lib/server/http/errors';
import { formFailure, orNull } from '$lib/server/http/forms';
import { intParam, oneOfParam, parseQuery } from '$lib/server/http/validate';
import { caseFormChoices, listCases, openCase } from '$lib/server/restricted/pipeline/cases';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const QUERY = v.strictObject({
	stage: v.optional(oneOfParam(PIPELINE_STAGES)),
	offset: v.optional(intParam(0, 1_000_000_000), '0')
});

/** The cases the viewer may see (a person-level read: audited), and the form to open one. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = await getAppDatabase();
	let query: v.InferOutput<typeof QUERY>;
	try {
		query = parseQuery(url, QUERY, { declaredOnly: true });
	} catch (err) {
		pageError(err);
	}
	const places = await listPlaces(db);
	const placeId = places[0]?.id;
	const [{ cases, total }, choices, groups] = await Promise.all([
		listCases(db, locals.user!, { placeId, stage: query.stage, limit: PAGE_SIZE, offset: query.offset }),
		placeId ? caseFormChoices(db, locals.user!, placeId) : { partners: [], residents: [] },
		listSkillGroups(db)
	]);
	return {
		cases,
		total,
		offset: query.offset,
		pageSize: PAGE_SIZE,
		stage: query.stage ?? null,
		placeName: places[0]?.name ?? null,
		choices,
		skillGroups: Object.fromEntries(groups.map((g) => [g.id, g.name])),
		canOpen: locals.user!.role !== 'partner'
	};
};

export const actions: Actions = {
	/** Opens a case for a resident record; on success goes to the new case. */
	open: async ({ request, locals }) => {
		const form = await request.formData();
		let id: string;
		try {
			const { db } = await getAppDatabase();
			id = await openCase(db, locals.user!, {
				residentId: String(form.get('residentId') ?? ''),
				partnerId: orNull(String(form.get('partnerId') ?? '')),
				nextStep: orNull(String(form.get('nextStep') ?? '')),
				nextStepOn: orNull(String(form.get('nextStepOn') ?? ''))
			});
		} catch (err) {
			return formFailure(err, { key: 'open' });
		}
		redirect(303, `/pipeline/${id}`);
	}
};
