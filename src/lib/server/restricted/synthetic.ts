/**
 * Writing and clearing a place's synthetic population: the demo seed's only door into the
 * person-level table. Synthetic rows name no collector and are labelled synthetic.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { restrictedView } from './schema';
import { markPublicationStale } from './records';

export interface SyntheticResident {
	id: string;
	skillGroupId: string;
	qualificationLevel: number | null;
	overseasQualification: boolean;
	englishTestPassed: boolean;
	professionallyRegistered: boolean;
	languages: readonly string[];
	/** Centre of the resident's base cell in the place's projected CRS. */
	cell: { x: number; y: number };
}

const BATCH_SIZE = 500;

export async function insertSyntheticResidents(
	db: Kysely<Database>,
	placeId: string,
	projectedSrid: number,
	residents: readonly SyntheticResident[]
): Promise<void> {
	const rdb = restrictedView(db);
	for (let start = 0; start < residents.length; start += BATCH_SIZE) {
		await rdb
			.insertInto('restricted.resident_skill')
			.values(
				residents.slice(start, start + BATCH_SIZE).map((r) => ({
					id: r.id,
					place_id: placeId,
					skill_group_id: r.skillGroupId,
					qualification_level: r.qualificationLevel,
					overseas_qualification: r.overseasQualification,
					english_test_passed: r.englishTestPassed,
					professionally_registered: r.professionallyRegistered,
					languages: [...r.languages],
					cell_point: sql`ST_Transform(ST_SetSRID(ST_MakePoint(${r.cell.x}::float8, ${r.cell.y}::float8), ${projectedSrid}::integer), 4326)`,
					location_source: 'synthetic' as const,
					collected_by: null,
					synthetic: true
				}))
			)
			.execute();
	}
	await markPublicationStale(db, placeId);
}

/** How many of a place's resident records are real (not synthetic). */
export async function countRealResidents(db: Kysely<Database>, placeId: string): Promise<number> {
	const row = await restrictedView(db)
		.selectFrom('restricted.resident_skill')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('place_id', '=', placeId)
		.where('synthetic', '=', false)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function deleteResidentsOfPlace(db: Kysely<Database>, placeId: string): Promise<void> {
	await restrictedView(db).deleteFrom('restricted.resident_skill').where('place_id', '=', placeId).execute();
	await markPublicationStale(db, placeId);
}
