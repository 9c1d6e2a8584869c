import { fail } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { formFailure } from '$lib/server/http/forms';
import { invalid } from '$lib/server/errors';
import { findResearcher } from '$lib/server/questionnaires/queries';
import { readPaperFile } from '$lib/server/questionnaires/paper-file';
import { currentQuestionnaire } from '$lib/server/questionnaires/service';
import { importPaperResponses, type PaperRow } from '$lib/server/restricted/responses/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const current = await currentQuestionnaire(db);
	const columns = ['researcher'];
	for (const q of current.definition.questions) {
		if (q.type === 'location') columns.push(`${q.id}.area`, `${q.id}.lon`, `${q.id}.lat`);
		else columns.push(q.id);
	}
	return { version: current.version, columns };
};

/** The rows of the uploaded file, or (after a preview) of the rows sent back with the commit. */
async function rowsOf(form: FormData): Promise<PaperRow[]> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) return readPaperFile(file.name, new Uint8Array(await file.arrayBuffer()));
	const kept = String(form.get('rows') ?? '');
	if (!kept) throw invalid('Choose a CSV or XLSX file first.', [{ field: 'file', message: 'is required' }]);
	try {
		const parsed = JSON.parse(kept) as PaperRow[];
		if (!Array.isArray(parsed) || parsed.some((r) => typeof r?.row !== 'number' || typeof r.values !== 'object' || r.values === null)) throw new Error('not rows');
		return parsed.map((r) => ({ row: r.row, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, String(v)])) }));
	} catch {
		throw invalid('The previewed rows were not understood: choose the file again.', [{ field: 'file', message: 'is required' }]);
	}
}

async function run(form: FormData, user: App.Locals['user'], commit: boolean) {
	const { db } = await getAppDatabase();
	const rows = await rowsOf(form);
	const version = Number(form.get('version')) || (await currentQuestionnaire(db)).version;
	const result = await importPaperResponses(db, user!, rows, { commit, version, findResearcher: (name) => findResearcher(db, name) });
	return { rows, result, version };
}

export const actions: Actions = {
	preview: async ({ request, locals }) => {
		try {
			const { rows, result, version } = await run(await request.formData(), locals.user, false);
			return { key: 'preview', version, preview: result.rows, problems: result.problems, rowsJson: result.problems.length ? '' : JSON.stringify(rows), stored: 0 };
		} catch (err) {
			return formFailure(err, { key: 'preview' });
		}
	},
	commit: async ({ request, locals }) => {
		try {
			const { result, version } = await run(await request.formData(), locals.user, true);
			if (result.problems.length) return fail(422, { key: 'commit', message: `Nothing was imported: ${result.problems.length} problem${result.problems.length > 1 ? 's' : ''} (below).`, problems: result.problems, version, errors: {}, values: {} });
			return { key: 'commit', version, stored: result.stored, problems: [] };
		} catch (err) {
			return formFailure(err, { key: 'commit' });
		}
	}
};
