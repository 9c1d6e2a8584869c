import { toCsv } from '$lib/domain/csv';
import { getAppDatabase } from '$lib/server/db/app';
import { handleApi } from '$lib/server/http/errors';
import { listResidentRecords } from '$lib/server/restricted/records';
import type { RequestHandler } from './$types';

/** CSV of the records the viewer may see; written to the audit log as an export. */
export const GET: RequestHandler = ({ locals }) =>
	handleApi(async () => {
		const { db } = await getAppDatabase();
		const { records } = await listResidentRecords(db, locals.user!, { limit: 100_000, purpose: 'export' });
		const rows = records.map((r) => ({
			id: r.id,
			place: r.placeId,
			skill_group: r.skillGroupId,
			qualification_level: r.qualificationLevel,
			overseas_qualification: r.overseasQualification,
			english_test_passed: r.englishTestPassed,
			professionally_registered: r.professionallyRegistered,
			languages: r.languages,
			cell_lon: r.cell.lon.toFixed(6),
			cell_lat: r.cell.lat.toFixed(6),
			synthetic: r.synthetic,
			created_at: r.createdAt
		}));
		const columns = ['id', 'place', 'skill_group', 'qualification_level', 'overseas_qualification', 'english_test_passed', 'professionally_registered', 'languages', 'cell_lon', 'cell_lat', 'synthetic', 'created_at'] as const;
		return new Response(toCsv(rows, columns), {
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="resident-records-${new Date().toISOString().slice(0, 10)}.csv"`,
				'Cache-Control': 'private, no-store'
			}
		});
	});
