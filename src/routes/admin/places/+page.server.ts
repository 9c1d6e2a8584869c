import * as v from 'valibot';
import { config } from '$lib/server/config';
import { actorOf } from '$lib/server/auth/service';
import { getAppDatabase } from '$lib/server/db/app';
import { attempt, typedValues } from '$lib/server/http/forms';
import { parseInput, text } from '$lib/server/http/validate';
import { importPlaceUpload, listPlaces, MAX_UPLOAD_BYTES, removePlace, type PlaceImportReport } from '$lib/server/places/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const places = await listPlaces(db);
	return {
		places: places.map((p) => ({ ...p, areaKm2: Math.round(p.areaKm2 * 100) / 100, createdAt: p.createdAt.toISOString() })),
		maxUploadKb: MAX_UPLOAD_BYTES / 1000,
		basemap: { styleUrl: config().basemapStyleUrl, attribution: config().basemapAttribution }
	};
};

const CHECKBOX = v.optional(v.picklist(['on', 'true'], 'must be ticked or not'));
const PLACE_FORM = v.strictObject({
	id: text(63),
	name: text(200),
	srid: v.optional(v.union([v.literal(''), v.pipe(v.string(), v.regex(/^\d{4,6}$/, 'must be an EPSG code such as 27700 or 32630'))], 'must be an EPSG code such as 27700 or 32630')),
	makeValid: CHECKBOX
});
const CONFIRM_FORM = v.strictObject({
	...PLACE_FORM.entries,
	fileName: text(200),
	boundaryText: v.pipe(v.string('must be the boundary file'), v.check((s) => !s.includes('\u0000'), 'must not contain NUL characters'), v.maxLength(MAX_UPLOAD_BYTES, 'is too large'))
});
const REMOVE_FORM = v.strictObject({ id: text(63), force: CHECKBOX });
const LABELS = { id: 'The id', name: 'The name', srid: 'The EPSG code', file: 'The file' };
const FIELDS = ['id', 'name', 'srid'] as const;

function optionsOf(input: v.InferOutput<typeof PLACE_FORM>, dryRun: boolean) {
	return { id: input.id, name: input.name, srid: input.srid ? Number(input.srid) : undefined, makeValid: input.makeValid !== undefined, dryRun };
}

/** What the page shows of a dry run or an import (the boundary drawn on the map). */
function summary(report: PlaceImportReport) {
	const { placeId, name, file, created, features, polygons, crs, projection, repaired, stale, boundary, dryRun } = report;
	return { placeId, name, file, created, features, polygons, areaKm2: Math.round(report.areaKm2 * 100) / 100, crs, projection, repaired, stale: stale ?? null, boundary, dryRun };
}

/** Only administrators may POST here (ROUTE_POLICY). */
export const actions: Actions = {
	preview: async ({ request }) => {
		const form = await request.formData();
		const values = typedValues(form, [...FIELDS]);
		const upload = form.get('file');
		const outcome = await attempt(
			async () => {
				const input = parseInput(PLACE_FORM, { ...values, ...(form.has('makeValid') ? { makeValid: String(form.get('makeValid')) } : {}) }, 'form');
				const fileText = upload instanceof File ? await upload.text() : '';
				const fileName = upload instanceof File ? upload.name : '';
				const { db } = await getAppDatabase();
				const report = await importPlaceUpload(db, { name: fileName, text: fileText }, optionsOf(input, true));
				return { report, fileText, fileName, makeValid: input.makeValid !== undefined };
			},
			{ key: 'preview', values, labels: LABELS }
		);
		if (!outcome.ok) return outcome.failure;
		const { report, fileText, fileName, makeValid } = outcome.result;
		return { preview: { ...summary(report), boundaryText: fileText, fileName, srid: values.srid ?? '', makeValid } };
	},
	confirm: async ({ request }) => {
		const form = await request.formData();
		const values = typedValues(form, [...FIELDS]);
		const outcome = await attempt(
			async () => {
				const input = parseInput(CONFIRM_FORM, typedValues(form), 'form');
				const { db } = await getAppDatabase();
				return importPlaceUpload(db, { name: input.fileName, text: input.boundaryText }, optionsOf(input, false));
			},
			{ key: 'confirm', values, labels: LABELS }
		);
		return outcome.ok ? { imported: summary(outcome.result) } : outcome.failure;
	},
	remove: async ({ request, locals }) => {
		const form = await request.formData();
		const outcome = await attempt(
			async () => {
				const input = parseInput(REMOVE_FORM, typedValues(form), 'form');
				const { db } = await getAppDatabase();
				return removePlace(db, actorOf(locals.user!), input.id, { force: input.force !== undefined });
			},
			{ key: 'remove', values: typedValues(form, ['id']) }
		);
		return outcome.ok ? { removed: outcome.result } : outcome.failure;
	}
};
