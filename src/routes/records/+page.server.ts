import { fail } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { ApiError } from '$lib/server/http/errors';
import { createResidentRecord, deleteResidentRecord, listResidentRecords } from '$lib/server/restricted/records';
import { parseNewRecord } from '$lib/server/restricted/record-input';
import { listPlaces, listSkillGroups } from '$lib/server/assets/queries';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db } = await getAppDatabase();
	const offset = Math.max(0, Number.parseInt(url.searchParams.get('offset') ?? '0', 10) || 0);
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
			const created = await createResidentRecord(db, locals.user!, parseNewRecord(formToInput(form)));
			return { created: created.id };
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { message: err.message });
			throw err;
		}
	},
	delete: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			await deleteResidentRecord(db, locals.user!, String(form.get('id') ?? ''));
			return { deleted: true };
		} catch (err) {
			if (err instanceof ApiError) return fail(err.status, { message: err.message });
			throw err;
		}
	}
};
