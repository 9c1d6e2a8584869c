import { listPlaces } from '$lib/server/assets/queries';
import { getAppDatabase } from '$lib/server/db/app';
import { forbidden } from '$lib/server/errors';
import { formFailure } from '$lib/server/http/forms';
import { getDashboard, recordEntry, recordPublishedFigures, setTarget } from '$lib/server/matching/dashboard';
import { isMetric } from '$lib/domain/matching/progress';
import { invalid } from '$lib/server/errors';
import type { Role } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

/** Who may set targets and record figures: the partnership (partners) and administrators. */
const EDITORS: readonly Role[] = ['partner', 'administrator'];

async function placeId(): Promise<string | undefined> {
	const { db } = await getAppDatabase();
	return (await listPlaces(db))[0]?.id;
}

/** Published figures only: the same page for every viewer; editors also get the forms. */
export const load: PageServerLoad = async ({ locals }) => {
	const { db } = await getAppDatabase();
	const places = await listPlaces(db);
	const place = places[0];
	if (!place) return { dashboard: null, placeName: null, canEdit: false };
	const dashboard = await getDashboard(db, place.id);
	return { dashboard, placeName: place.name, canEdit: !!locals.user && EDITORS.includes(locals.user.role) };
};

function metricFrom(form: FormData) {
	const metric = String(form.get('metric') ?? '');
	if (!isMetric(metric)) throw invalid('Choose a figure.', [{ field: 'metric', message: 'is not one of the dashboard figures' }]);
	return metric;
}

function whole(form: FormData, name: string): number {
	const raw = String(form.get(name) ?? '').trim();
	if (!/^\d{1,7}$/.test(raw)) throw invalid(`${name} must be a whole number from 0 to 1000000.`, [{ field: name, message: 'must be a whole number from 0 to 1000000' }]);
	return Number(raw);
}

function assertEditor(role: Role | undefined): void {
	if (!role || !EDITORS.includes(role)) throw forbidden('Only partners and administrators can change targets and figures.');
}

export const actions: Actions = {
	setTarget: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			assertEditor(locals.user?.role);
			const { db } = await getAppDatabase();
			const due = String(form.get('dueOn') ?? '').trim();
			await setTarget(db, (await placeId())!, { metric: metricFrom(form), target: whole(form, 'target'), dueOn: due === '' ? null : due });
			return { key: 'setTarget', saved: true };
		} catch (err) {
			return formFailure(err, { key: 'setTarget' });
		}
	},
	recordEntry: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			assertEditor(locals.user?.role);
			const { db } = await getAppDatabase();
			await recordEntry(db, (await placeId())!, { metric: metricFrom(form), recordedOn: String(form.get('recordedOn') ?? ''), value: whole(form, 'value') });
			return { key: 'recordEntry', saved: true };
		} catch (err) {
			return formFailure(err, { key: 'recordEntry' });
		}
	},
	snapshot: async ({ locals }) => {
		try {
			assertEditor(locals.user?.role);
			const { db } = await getAppDatabase();
			const recorded = await recordPublishedFigures(db, (await placeId())!);
			return { key: 'snapshot', recorded };
		} catch (err) {
			return formFailure(err, { key: 'snapshot' });
		}
	}
};
