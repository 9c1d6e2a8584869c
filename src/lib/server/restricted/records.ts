/**
 * Person-level resident records: readable only by the researcher who collected them and by
 * administrators. Every read, export and change writes an audit entry in the same transaction.
 * Locations arrive as a point the resident chose and are snapped to the centre of its 250 m
 * hexagon before anything is stored (DESIGN.md: exact home locations are never stored).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { hexCellCentre } from '../../domain/cells/hex';
import { isUuid } from '../../domain/uuid';
import { writeAudit, type Actor } from '../audit/log';
import type { Database, Role } from '../db/schema';
import { ApiError } from '../http/errors';
import { restrictedView } from './schema';

/** Edge of the base hexagon (ST_HexagonGrid size) that every resident location is snapped to. */
export const BASE_CELL_SIZE_M = 250;

export interface Viewer {
	id: string;
	username: string;
	role: Role;
}

export interface ResidentRecord {
	id: string;
	placeId: string;
	skillGroupId: string;
	qualificationLevel: number | null;
	overseasQualification: boolean;
	englishTestPassed: boolean;
	professionallyRegistered: boolean;
	languages: string[];
	/** Centre of the resident's 250 m cell, WGS84. */
	cell: { lon: number; lat: number };
	collectedBy: string | null;
	synthetic: boolean;
	createdAt: string;
}

export interface NewResidentRecord {
	placeId: string;
	skillGroupId: string;
	qualificationLevel: number | null;
	overseasQualification: boolean;
	englishTestPassed: boolean;
	professionallyRegistered: boolean;
	languages: string[];
	/** The point the resident picked (WGS84); snapped to its cell on arrival. */
	location: { lon: number; lat: number };
}

function actor(viewer: Viewer): Actor {
	return { id: viewer.id, name: viewer.username, role: viewer.role };
}

function assertMayUse(viewer: Viewer): void {
	if (viewer.role !== 'researcher' && viewer.role !== 'administrator') {
		throw new ApiError('forbidden', 'Only researchers and administrators can use resident records.');
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
		const rdb = restrictedView(trx);
		let base = rdb.selectFrom('restricted.resident_skill');
		if (viewer.role === 'researcher') base = base.where('collected_by', '=', viewer.id);
		if (options.placeId) base = base.where('place_id', '=', options.placeId);
		const [{ n }] = [await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()];
		const rows = await base
			.select([
				'id',
				'place_id',
				'skill_group_id',
				'qualification_level',
				'overseas_qualification',
				'english_test_passed',
				'professionally_registered',
				'languages',
				'collected_by',
				'synthetic',
				'created_at',
				sql<number>`ST_X(cell_point)`.as('lon'),
				sql<number>`ST_Y(cell_point)`.as('lat')
			])
			.orderBy('created_at', 'desc')
			.orderBy('id')
			.limit(limit)
			.offset(offset)
			.execute();
		await writeAudit(trx, actor(viewer), {
			action: options.purpose,
			subject: 'resident_skill',
			recordCount: rows.length,
			detail: { placeId: options.placeId ?? null, offset, limit, scope: viewer.role === 'researcher' ? 'own' : 'all' }
		});
		return {
			total: Number(n),
			records: rows.map((r) => ({
				id: r.id,
				placeId: r.place_id,
				skillGroupId: r.skill_group_id,
				qualificationLevel: r.qualification_level,
				overseasQualification: r.overseas_qualification,
				englishTestPassed: r.english_test_passed,
				professionallyRegistered: r.professionally_registered,
				languages: r.languages,
				cell: { lon: Number(r.lon), lat: Number(r.lat) },
				collectedBy: r.collected_by,
				synthetic: r.synthetic,
				createdAt: new Date(r.created_at).toISOString()
			}))
		};
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
		const place = await trx
			.selectFrom('place')
			.select([
				'projected_srid',
				sql<number>`ST_X(ST_Transform(ST_SetSRID(ST_MakePoint(${input.location.lon}::float8, ${input.location.lat}::float8), 4326), projected_srid))`.as('x'),
				sql<number>`ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint(${input.location.lon}::float8, ${input.location.lat}::float8), 4326), projected_srid))`.as('y'),
				sql<boolean>`ST_Covers(boundary, ST_SetSRID(ST_MakePoint(${input.location.lon}::float8, ${input.location.lat}::float8), 4326))`.as('inside')
			])
			.where('id', '=', input.placeId)
			.executeTakeFirst();
		if (!place) throw new ApiError('unprocessable', `There is no place "${input.placeId}".`, { field: 'placeId' });
		if (!place.inside) throw new ApiError('unprocessable', 'The location is outside the place.', { field: 'location' });
		const skill = await trx.selectFrom('skill_group').select('id').where('id', '=', input.skillGroupId).executeTakeFirst();
		if (!skill) throw new ApiError('unprocessable', `There is no skill group "${input.skillGroupId}".`, { field: 'skillGroupId' });
		const centre = hexCellCentre(Number(place.x), Number(place.y), BASE_CELL_SIZE_M);
		const id = randomUUID();
		const row = await restrictedView(trx)
			.insertInto('restricted.resident_skill')
			.values({
				id,
				place_id: input.placeId,
				skill_group_id: input.skillGroupId,
				qualification_level: input.qualificationLevel,
				overseas_qualification: input.overseasQualification,
				english_test_passed: input.englishTestPassed,
				professionally_registered: input.professionallyRegistered,
				languages: input.languages,
				cell_point: sql`ST_Transform(ST_SetSRID(ST_MakePoint(${centre.x}::float8, ${centre.y}::float8), ${place.projected_srid}::integer), 4326)`,
				location_source: 'chosen_point',
				collected_by: viewer.id,
				synthetic: false
			})
			.returning([sql<number>`ST_X(cell_point)`.as('lon'), sql<number>`ST_Y(cell_point)`.as('lat')])
			.executeTakeFirstOrThrow();
		await writeAudit(trx, actor(viewer), { action: 'create', subject: 'resident_skill', recordCount: 1, detail: { id, placeId: input.placeId } });
		await markPublicationStale(trx, input.placeId);
		return { id, cell: { lon: Number(row.lon), lat: Number(row.lat) } };
	});
}

/** Deletes a record the viewer may see; audited. */
export async function deleteResidentRecord(db: Kysely<Database>, viewer: Viewer, id: string): Promise<void> {
	assertMayUse(viewer);
	if (!isUuid(id)) {
		throw new ApiError('not_found', 'No such record among those you can see.');
	}
	await db.transaction().execute(async (trx) => {
		let q = restrictedView(trx).deleteFrom('restricted.resident_skill').where('id', '=', id);
		if (viewer.role === 'researcher') q = q.where('collected_by', '=', viewer.id);
		const deleted = await q.returning(['place_id']).executeTakeFirst();
		if (!deleted) throw new ApiError('not_found', 'No such record among those you can see.');
		await writeAudit(trx, actor(viewer), { action: 'delete', subject: 'resident_skill', recordCount: 1, detail: { id } });
		await markPublicationStale(trx, deleted.place_id);
	});
}

/** Drops a place's published layers; they are rebuilt from the records on next use. */
export async function markPublicationStale(db: Kysely<Database>, placeId: string): Promise<void> {
	await sql`DELETE FROM publication WHERE place_id = ${placeId}`.execute(db);
}
