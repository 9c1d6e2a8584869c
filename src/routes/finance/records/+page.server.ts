import { getAppDatabase } from '$lib/server/db/app';
import { formFailure, typedValues } from '$lib/server/http/forms';
import { pageError } from '$lib/server/http/errors';
import { parseQuery } from '$lib/server/http/validate';
import { RECORDS_QUERY } from '$lib/server/finance/http';
import { importAwards, listAwardRecords, MAX_IMPORT_BYTES, placeSites, recordAward, removeAward } from '$lib/server/finance/service';
import { listPlaces } from '$lib/server/assets/queries';
import { AWARD_FIELDS } from '$lib/domain/finance/award-input';
import { tooLarge } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const LABELS = {
	source: 'The source',
	amount_gbp: 'The amount',
	kind: 'The kind',
	recipient_type: 'The recipient type',
	received_on: 'The date',
	lon: 'The longitude',
	lat: 'The latitude',
	site: 'The site',
	note: 'The note'
};

function placeOf(url: URL): string {
	return parseQuery(url, RECORDS_QUERY, { declaredOnly: true }).place;
}

export const load: PageServerLoad = async ({ url, locals }) => {
	const { db } = await getAppDatabase();
	try {
		const { place, offset } = parseQuery(url, RECORDS_QUERY, { declaredOnly: true });
		const [{ awards, total }, sites, places] = await Promise.all([listAwardRecords(db, locals.user!, place, PAGE_SIZE, offset), placeSites(db, place), listPlaces(db)]);
		return {
			place,
			placeName: places.find((p) => p.id === place)?.name ?? place,
			awards: awards.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
			total,
			offset,
			pageSize: PAGE_SIZE,
			sites,
			columns: AWARD_FIELDS
		};
	} catch (err) {
		pageError(err);
	}
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const form = await request.formData();
		const values = typedValues(form, AWARD_FIELDS);
		try {
			const { db } = await getAppDatabase();
			const { id } = await recordAward(db, locals.user!, placeOf(url), values);
			return { key: 'create', created: id };
		} catch (err) {
			return formFailure(err, { key: 'create', values, labels: LABELS });
		}
	},
	import: async ({ request, locals, url }) => {
		try {
			const form = await request.formData();
			const file = form.get('file');
			const pasted = String(form.get('csv') ?? '');
			let text = pasted;
			let name = 'the pasted text';
			if (file instanceof File && file.size > 0) {
				if (file.size > MAX_IMPORT_BYTES) throw tooLarge(`${file.name} is larger than ${MAX_IMPORT_BYTES / 1024} KB.`);
				text = await file.text();
				name = file.name;
			}
			const { db } = await getAppDatabase();
			const { imported } = await importAwards(db, locals.user!, placeOf(url), text, name);
			return { key: 'import', imported };
		} catch (err) {
			return formFailure(err, { key: 'import' });
		}
	},
	delete: async ({ request, locals, url }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			await removeAward(db, locals.user!, placeOf(url), String(form.get('id') ?? ''));
			return { key: 'delete', deleted: true };
		} catch (err) {
			return formFailure(err, { key: 'delete' });
		}
	}
};
