import { fail } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { formFailure } from '$lib/server/http/forms';
import { listVacancies } from '$lib/server/matching/queries';
import { importVacancies, MAX_VACANCY_FILE_BYTES, refusalProblems, removeVacancyList, vacanciesRefused } from '$lib/server/matching/vacancies';
import type { Actions, PageServerLoad } from './$types';

/** The vacancies on file (live first) and the upload form. */
export const load: PageServerLoad = async () => {
	const { db } = await getAppDatabase();
	const vacancies = await listVacancies(db, {});
	return { vacancies, maxBytes: MAX_VACANCY_FILE_BYTES };
};

/** The file from the form: an uploaded file (preview) or the staged copy the preview handed back (import). */
async function fileFrom(form: FormData): Promise<{ fileName: string; bytes: Uint8Array }> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
	const staged = String(form.get('staged') ?? '');
	const fileName = String(form.get('fileName') ?? '');
	if (staged && fileName && !fileName.includes('\u0000') && /^[A-Za-z0-9+/=]+$/.test(staged)) return { fileName, bytes: new Uint8Array(Buffer.from(staged, 'base64')) };
	throw vacanciesRefused('the form', ['choose a .csv or .xlsx file of vacancies']);
}

function listFrom(form: FormData): string | undefined {
	const list = String(form.get('list') ?? '').trim();
	return list === '' ? undefined : list;
}

/** The form failure, with every row-level problem of a refused file listed. */
function failure(err: unknown, key: string) {
	const problems = refusalProblems(err);
	const result = formFailure(err, { key });
	return problems ? fail(result.status, { ...result.data, problems }) : result;
}

export const actions: Actions = {
	/** Checks the whole file and shows what would be imported; writes nothing. */
	preview: async ({ request }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			const file = await fileFrom(form);
			const report = await importVacancies(db, { ...file, list: listFrom(form), dryRun: true });
			return { key: 'preview', report, staged: Buffer.from(file.bytes).toString('base64'), fileName: file.fileName };
		} catch (err) {
			return failure(err, 'preview');
		}
	},
	/** Imports the staged (previewed) file: all or nothing. */
	import: async ({ request }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			const file = await fileFrom(form);
			const report = await importVacancies(db, { ...file, list: listFrom(form) });
			return { key: 'import', imported: { list: report.list, vacancies: report.vacancies, posts: report.posts, live: report.live, closed: report.closed, replaced: report.replaced } };
		} catch (err) {
			return failure(err, 'import');
		}
	},
	/** Withdraws a whole list: its vacancies leave every count. */
	removeList: async ({ request }) => {
		const form = await request.formData();
		try {
			const { db } = await getAppDatabase();
			return { key: 'removeList', removed: await removeVacancyList(db, String(form.get('list') ?? '')) };
		} catch (err) {
			return formFailure(err, { key: 'removeList' });
		}
	}
};
