/**
 * Person-level resident records: readable only by the researcher who collected them and by
 * administrators. Every read, export and change writes an audit entry in the same transaction.
 * Locations arrive as a point the resident chose and are snapped to the centre of its 250 m
 * hexagon before anything is stored (DESIGN.md: exact home locations are never stored).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hexCellCentre } from '../../domain/cells/hex';
import { isUuid } from '../../domain/uuid';
import { writeAudit, type Actor } from '../audit/log';
import type { Database, Role } from '../db/schema';
import { DomainError } from '../errors';
import { skillGroupExists } from '../assets/queries';
import { deleteMatchingPublication } from './pipeline/queries';
import { deletePublication, deleteResident, insertResident, locateInPlace, selectResidentRecords, type ResidentSkills, type StoredResidentRecord } from './queries';

/** Edge of the base hexagon (ST_HexagonGrid size) that every resident location is snapped to. */
export const BASE_CELL_SIZE_M = 250;

export interface Viewer {
	id: string;
	username: string;
	role: Role;
}

export type ResidentRecord = StoredResidentRecord;

export interface NewResidentRecord extends ResidentSkills {
	placeId: string;
	/** The point the resident picked (WGS84); snapped to its cell on arrival. */
	location: { lon: number; lat: number };
}

function actor(viewer: Viewer): Actor {
	return { id: viewer.id, name: viewer.username, role: viewer.role };
}

function assertMayUse(viewer: Viewer): void {
	if (viewer.role !== 'researcher' && viewer.role !== 'administrator') {
		throw new DomainError('forbidden', 'Only researchers and administrators can use resident records.');
	}
}

/** Records the viewer may see: their own (researcher) or all (administrator). The read is audited. */
export async function listResidentRecords(
	db: Kysely<Database>,
	viewer: Viewer,
	options: { placeId?: string; limit?: number; offset?: number; purpose: 'read' | 'export' }
): Promise<{ records: ResidentRecord[]; total: number }> {
	assertMayUse(viewer);
	const limit = Math.min(Math.max(options.limit ?? 100, 1), options.purpose === 'export' ? 100_000 : 500);
	const offset = Math.max(options.offset ?? 0, 0);
	return db.transaction().execute(async (trx) => {
		const { records, total } = await selectResidentRecords(
			trx,
			{ collectedBy: viewer.role === 'researcher' ? viewer.id : undefined, placeId: options.placeId },
			{ limit, offset }
		);
		await writeAudit(trx, actor(viewer), {
			action: options.purpose,
			subject: 'resident_skill',
			recordCount: records.length,
			detail: { placeId: options.placeId ?? null, offset, limit, scope: viewer.role === 'researcher' ? 'own' : 'all' }
		});
		return { total, records };
	});
}

/** Stores a new record collected by the viewer, its location snapped to the base cell. */
export async function createResidentRecord(
	db: Kysely<Database>,
	viewer: Viewer,
	input: NewResidentRecord
): Promise<{ id: string; cell: { lon: number; lat: number } }> {
	assertMayUse(viewer);
	return db.transaction().execute(async (trx) => {
		const place = await locateInPlace(trx, input.placeId, input.location.lon, input.location.lat);
		if (!place) throw new DomainError('invalid', `There is no place "${input.placeId}".`, { field: 'placeId' });
		if (!place.inside) throw new DomainError('invalid', 'The location is outside the place.', { field: 'location' });
		const skill = await skillGroupExists(trx, input.skillGroupId);
		if (!skill) throw new DomainError('invalid', `There is no skill group "${input.skillGroupId}".`, { field: 'skillGroupId' });
		const centre = hexCellCentre(place.x, place.y, BASE_CELL_SIZE_M);
		const id = randomUUID();
		const cell = await insertResident(
			trx,
			{
				id,
				placeId: input.placeId,
				skillGroupId: input.skillGroupId,
				qualificationLevel: input.qualificationLevel,
				overseasQualification: input.overseasQualification,
				englishTestPassed: input.englishTestPassed,
				professionallyRegistered: input.professionallyRegistered,
				languages: input.languages,
				cell: centre,
				locationSource: 'chosen_point',
				collectedBy: viewer.id,
				synthetic: false
			},
			place.srid
		);
		await writeAudit(trx, actor(viewer), { action: 'create', subject: 'resident_skill', recordCount: 1, detail: { id, placeId: input.placeId } });
		await markPublicationStale(trx, input.placeId);
		return { id, cell };
	});
}

/** Deletes a record the viewer may see; audited. */
export async function deleteResidentRecord(db: Kysely<Database>, viewer: Viewer, id: string): Promise<void> {
	assertMayUse(viewer);
	if (!isUuid(id)) {
		throw new DomainError('not_found', 'No such record among those you can see.');
	}
	await db.transaction().execute(async (trx) => {
		const deleted = await deleteResident(trx, id, { collectedBy: viewer.role === 'researcher' ? viewer.id : undefined });
		if (!deleted) throw new DomainError('not_found', 'No such record among those you can see.');
		await writeAudit(trx, actor(viewer), { action: 'delete', subject: 'resident_skill', recordCount: 1, detail: { id } });
		await markPublicationStale(trx, deleted.placeId);
	});
}

/** Drops a place's published layers; they are rebuilt from the records on next use. */
export async function markPublicationStale(db: Kysely<Database>, placeId: string): Promise<void> {
	await deletePublication(db, placeId);
	// Cases hang off resident records: the matching counts (issue 14) are built from them too.
	await deleteMatchingPublication(db, placeId);
}
