import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { listResidentRecords } from '$lib/server/restricted/records';
import type { RequestHandler } from './$types';

function csvCell(value: unknown): string {
	const text = Array.isArray(value) ? value.join(';') : String(value ?? '');
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV of the records the viewer may see; written to the audit log as an export. */
export const GET: RequestHandler = ({ locals }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		const { records } = await listResidentRecords(db, locals.user!, { limit: 100_000, purpose: 'export' });
		const header = ['id', 'place', 'skill_group', 'qualification_level', 'overseas_qualification', 'english_test_passed', 'professionally_registered', 'languages', 'cell_lon', 'cell_lat', 'synthetic', 'created_at'];
		const lines = records.map((r) =>
			[r.id, r.placeId, r.skillGroupId, r.qualificationLevel, r.overseasQualification, r.englishTestPassed, r.professionallyRegistered, r.languages, r.cell.lon.toFixed(6), r.cell.lat.toFixed(6), r.synthetic, r.createdAt]
				.map(csvCell)
				.join(',')
		);
		return new Response([header.join(','), ...lines].join('\r\n') + '\r\n', {
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="resident-records-${new Date().toISOString().slice(0, 10)}.csv"`,
				'Cache-Control': 'private, no-store'
			}
		});
	});
