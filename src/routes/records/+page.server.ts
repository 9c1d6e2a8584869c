import { getAppDatabase } from '$lib/server/db/app';
import * as v from 'valibot';
import { formFailure } from '$lib/server/http/forms';
import { pageError } from '$lib/server/http/errors';
import { intParam, parseQuery } from '$lib/server/http/validate';
import { createResidentRecord, deleteResidentRecord, listResidentRecords } from '$lib/server/restricted/records';
import { parseNewRecord } from '$lib/server/restricted/record-input';
import { listPlaces, listSkillGroups } from '$lib/server/assets/queries';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
/** As /api/records: an offset past this is a mistake, answered 400 rather than sent to SQL. */
const PAGE_QUERY = v.strictObject({ offset: v.optional(intParam(0, 1_000_000_000), '0') });

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = await getAppDatabase();
	let offset: number;
	try {
		({ offset } = parseQuery(url, PAGE_QUERY, { declaredOnly: true }));
	} catch (err) {
		pageError(err);
	}
	const [{ records, total }, places, skillGroups] = await Promise.all([
		listResidentRecords(db, locals.user!, { limit: PAGE_SIZE, offset, purpose: 'read' }),
		listPlaces(db),
		listSkillGroups(db)
	]);
	return { records, total, offset, pageSize: PAGE_SIZE, places: places.map((p) => ({ id: p.id, name: p.name })), skillGroups: skillGroups.map((s) => ({ id: s.id, name: s.name })), scope: locals.user!.role === 'administrator' ? 'all' : 'own' };
};

function formToInput(form: FormData) {
	const number = (name: string) => {
		const raw = String(form.get(name) ?? '').trim();
		return raw === '' ? undefined : Number(raw);
	};
	const languages = String(form.get('languages') ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	const level = number('qualificationLevel');
	return {
		placeId: String(form.get('placeId') ?? ''),
		skillGroupId: String(form.get('skillGroupId') ?? ''),
		qualificationLevel: level === undefined ? null : level,
		overseasQualification: form.get('overseasQualification') === 'on',
		englishTestPassed: form.get('englishTestPassed') === 'on',
		professionallyRegistered: form.get('professionallyRegistered') === 'on',
		languages,
		location: { lon: number('lon'), lat: number('lat') }
	};
}

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			const created = await createResidentRecord(db, locals.user!, parseNewRecord(formToInput(form), 'form'));
			return { created: created.id };
		} catch (err) {
			// Nothing typed is put back: these are a resident's answers, not to linger in a page.
			return formFailure(err, { key: 'create' });
		}
	},
	delete: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			await deleteResidentRecord(db, locals.user!, String(form.get('id') ?? ''));
			return { deleted: true };
		} catch (err) {
			return formFailure(err, { key: 'delete' });
		}
	}
};
