/**
 * Demo data for skills matching (issue 14), loaded with the demo place: the default role
 * crosswalk, an illustrative vacancy list at the new hospital (closing dates relative to the
 * load, so some are live and one has closed), pipeline cases for the synthetic population, and
 * the partnership's targets with a few illustrative progress figures (the issue's own numbers:
 * 60 overseas-qualified people to identify, 22 researchers to train, start-ups founded).
 */
import type { Kysely } from 'kysely';
import type { Cell } from '../../domain/vacancies/rows';
import { getMacroAsset } from '../assets/queries';
import type { Database } from '../db/schema';
import { ensureDefaultCrosswalk } from '../matching/crosswalk';
import { replaceVacancyList, upsertProgressEntry, upsertTarget } from '../matching/queries';
import { resolveVacancies } from '../matching/vacancies';
import { insertSyntheticCases } from '../restricted/pipeline/cases';

export const DEMO_VACANCY_LIST = 'demo: Midland Metropolitan University Hospital';
const HOSPITAL = 'midland-metropolitan-university-hospital';

function inDays(days: number, from: Date): string {
	return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Returns how many vacancy opportunities it added (the seed report counts them with the others). */
export async function seedMatchingDemo(db: Kysely<Database>, placeId: string, now = new Date()): Promise<number> {
	await ensureDefaultCrosswalk(db);
	let vacancies = 0;
	const hospital = await getMacroAsset(db, HOSPITAL);
	if (hospital?.placeId === placeId) {
		const sheet: Cell[][] = [
			['role', 'job_family', 'band', 'required_registration', 'count', 'site', 'closing_date'],
			['Staff nurse', 'Nursing and midwifery registered', '5', 'NMC registration', 14, HOSPITAL, inDays(60, now)],
			['Midwife', 'Nursing and midwifery registered', '6', 'NMC registration', 4, HOSPITAL, inDays(45, now)],
			['Specialty doctor', 'Medical and dental', null, 'GMC registration', 5, HOSPITAL, inDays(90, now)],
			['Healthcare assistant', 'Additional clinical services', '3', null, 10, HOSPITAL, inDays(30, now)],
			['Porter', 'Estates and ancillary', '2', null, 6, HOSPITAL, inDays(21, now)],
			['Radiographer', 'Allied health professionals', '5', 'HCPC registration', 2, HOSPITAL, inDays(-10, now)]
		];
		const rows = await resolveVacancies(db, 'demo vacancies', sheet);
		vacancies = rows.length;
		await replaceVacancyList(
			db,
			DEMO_VACANCY_LIST,
			rows.map((r) => ({
				id: `vac-demo-${r.line}`,
				siteId: r.siteId,
				skillGroupId: r.skillGroupId,
				role: r.role,
				jobFamily: r.jobFamily,
				afcBand: r.band,
				requiredRegistration: r.requiredRegistration,
				count: r.count,
				closesOn: r.closingDate,
				list: DEMO_VACANCY_LIST
			}))
		);
	}
	await insertSyntheticCases(db, placeId);
	const targets = [
		['overseas_qualified_identified', 60],
		['researchers_trained', 22],
		['in_accreditation', 30],
		['in_work', 20],
		['startups_founded', 3]
	] as const;
	for (const [metric, target] of targets) await upsertTarget(db, placeId, { metric, target, dueOn: inDays(270, now) });
	// Illustrative history for the two figures no table here counts (labelled as demo figures).
	const history = [
		['researchers_trained', [4, 7, 11]],
		['startups_founded', [0, 1, 3]]
	] as const;
	for (const [metric, values] of history) {
		for (let m = 0; m < values.length; m++) await upsertProgressEntry(db, placeId, { metric, recordedOn: inDays(-90 * (values.length - 1 - m), now), value: values[m]! });
	}
	return vacancies;
}
