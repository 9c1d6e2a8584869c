import { getAppDatabase } from '$lib/server/db/app';
import { attempt, typedValues } from '$lib/server/http/forms';
import { pageError } from '$lib/server/http/errors';
import { parseInput } from '$lib/server/http/validate';
import { ENTERPRISE_INPUT, getEnterprise, isNetworkStaff, procurementFor, updateEnterprise } from '$lib/server/network/directory';
import { ENTERPRISE_FIELDS, ENTERPRISE_LABELS, enterpriseFromForm, numberOrText } from '$lib/server/network/forms';
import { APPLICATION_INPUT, applyForSupport, listApplications, listMentorings, listPlacements } from '$lib/server/network/support';
import type { Actions, PageServerLoad } from './$types';

/**
 * One enterprise: what it offers and needs, its contact when it agreed to show it, and the
 * procurement lots at the capital projects that suit its consortium, nearest first. Network staff
 * also edit it here and see its support (applications, mentoring, placements).
 */
export const load: PageServerLoad = async ({ params, locals, url }) => {
	try {
		const { db } = await getAppDatabase();
		const role = locals.user?.role;
		const enterprise = await getEnterprise(db, params.id, role);
		const procurement = await procurementFor(db, params.id, role);
		const staff = isNetworkStaff(role);
		return {
			enterprise,
			procurement,
			staff,
			saved: url.searchParams.has('saved'),
			support: staff
				? {
						applications: await listApplications(db, enterprise.placeId, enterprise.id),
						mentorings: await listMentorings(db, enterprise.placeId, enterprise.id),
						placements: await listPlacements(db, enterprise.placeId, enterprise.id)
					}
				: null
		};
	} catch (err) {
		pageError(err);
	}
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = typedValues(form, [...ENTERPRISE_FIELDS]);
		const outcome = await attempt(
			async () => {
				const { db } = await getAppDatabase();
				const input = parseInput(ENTERPRISE_INPUT, enterpriseFromForm(values), 'form');
				await updateEnterprise(db, locals.user!.id, params.id, input);
			},
			{ key: 'update', values, labels: ENTERPRISE_LABELS }
		);
		if (!outcome.ok) return outcome.failure;
		return { key: 'update', saved: true };
	},
	apply: async ({ request, params }) => {
		const form = await request.formData();
		const values = typedValues(form, ['kind', 'year', 'summary']);
		const outcome = await attempt(
			async () => {
				const { db } = await getAppDatabase();
				const enterprise = await getEnterprise(db, params.id, 'network');
				const input = parseInput(APPLICATION_INPUT, { enterprise: params.id, kind: values.kind, year: numberOrText(values.year!), summary: values.summary }, 'form');
				await applyForSupport(db, enterprise.placeId, input);
			},
			{ key: 'apply', values, labels: { kind: 'The kind of support', year: 'The year', summary: 'The summary' } }
		);
		if (!outcome.ok) return outcome.failure;
		return { key: 'apply', saved: true };
	}
};
