/**
 * Writing and clearing a place's synthetic population: the demo seed's only door into the
 * person-level table. Synthetic rows name no collector and are labelled synthetic.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { markPublicationStale } from './records';
import { deleteResidentsOfPlace as deleteResidentRows, insertResidents, type ResidentSkills } from './queries';

export { countRealResidents } from './queries';

export interface SyntheticResident extends ResidentSkills {
	id: string;
	/** Centre of the resident's base cell in the place's projected CRS. */
	cell: { x: number; y: number };
}

export async function insertSyntheticResidents(
	db: Kysely<Database>,
	placeId: string,
	projectedSrid: number,
	residents: readonly SyntheticResident[]
): Promise<void> {
	await insertResidents(
		db,
		residents.map((r) => ({ ...r, placeId, locationSource: 'synthetic' as const, collectedBy: null, synthetic: true })),
		projectedSrid
	);
	await markPublicationStale(db, placeId);
}

export async function deleteResidentsOfPlace(db: Kysely<Database>, placeId: string): Promise<void> {
	await deleteResidentRows(db, placeId);
	await markPublicationStale(db, placeId);
}
