/**
 * The SQL of questionnaire responses (person-level, restricted schema): the only module that
 * builds SQL for `restricted.questionnaire_response`. Returns domain records, never rows.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { restrictedView } from '../schema';

type Db = Kysely<Database>;
export type ResponseStatus = 'pending' | 'validated' | 'rejected';

/** The place whose boundary covers a WGS84 point (the first by id when places overlap). */
export async function placeAt(db: Db, lon: number, lat: number): Promise<string | undefined> {
	const row = await db
		.selectFrom('place')
		.select('id')
		.where(sql<boolean>`ST_Covers(boundary, ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326))`)
		.orderBy('id')
		.limit(1)
		.executeTakeFirst();
	return row?.id;
}

/** A point inside a reference area (an output area, a postcode sector where loaded) named by its code. */
export async function areaPoint(db: Db, code: string): Promise<{ lon: number; lat: number; areaType: string } | undefined> {
	const row = await db
		.selectFrom('reference_area')
		.select(['area_type', sql<number>`ST_X(ST_PointOnSurface(geom))`.as('lon'), sql<number>`ST_Y(ST_PointOnSurface(geom))`.as('lat')])
		.where(sql<boolean>`upper(replace(code, ' ', '')) = ${code.toUpperCase().replace(/\s+/g, '')}`)
		.orderBy('area_type')
		.limit(1)
		.executeTakeFirst();
	return row && { lon: Number(row.lon), lat: Number(row.lat), areaType: String(row.area_type) };
}

export interface ResponseToStore {
	id: string;
	questionnaireVersion: number;
	contentHash: string;
	answersJson: string;
	researcherId: string;
	placeId: string;
	/** Cell centre, WGS84. */
	cell: { lon: number; lat: number };
	source: 'online' | 'paper';
}

/** Inserts unless the id is taken; true when inserted. */
export async function insertResponse(db: Db, r: ResponseToStore): Promise<boolean> {
	const rows = await restrictedView(db)
		.insertInto('restricted.questionnaire_response')
		.values({
			id: r.id,
			questionnaire_version: r.questionnaireVersion,
			content_hash: r.contentHash,
			// Cast from text: postgres.js would otherwise store the text as a JSON string.
			answers: sql<string>`${r.answersJson}::text::jsonb`,
			researcher_id: r.researcherId,
			place_id: r.placeId,
			cell_point: sql`ST_SetSRID(ST_MakePoint(${r.cell.lon}::float8, ${r.cell.lat}::float8), 4326)`,
			source: r.source
		})
		.onConflict((oc) => oc.column('id').doNothing())
		.returning('id')
		.execute();
	return rows.length === 1;
}

export async function linkResidentSkill(db: Db, responseId: string, residentSkillId: string): Promise<void> {
	await restrictedView(db).updateTable('restricted.questionnaire_response').set({ resident_skill_id: residentSkillId }).where('id', '=', responseId).execute();
}

export interface ResponseHeader {
	id: string;
	contentHash: string;
	researcherId: string;
	placeId: string;
	residentSkillId: string | null;
	status: ResponseStatus;
}

export async function findResponse(db: Db, id: string): Promise<ResponseHeader | undefined> {
	const row = await restrictedView(db)
		.selectFrom('restricted.questionnaire_response')
		.select(['id', 'content_hash', 'researcher_id', 'place_id', 'resident_skill_id', 'status'])
		.where('id', '=', id)
		.executeTakeFirst();
	return row && { id: row.id, contentHash: row.content_hash, researcherId: row.researcher_id, placeId: row.place_id, residentSkillId: row.resident_skill_id, status: row.status };
}

/** Which ids of these are stored already. */
export async function storedIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
	if (ids.length === 0) return new Set();
	const rows = await restrictedView(db).selectFrom('restricted.questionnaire_response').select('id').where('id', 'in', [...ids]).execute();
	return new Set(rows.map((r) => r.id));
}

export interface StoredResponse {
	id: string;
	questionnaireVersion: number;
	answers: Record<string, unknown>;
	researcherId: string;
	researcherName: string;
	placeId: string;
	source: 'online' | 'paper';
	status: ResponseStatus;
	reviewReason: string | null;
	createdAt: string;
}

export async function selectResponses(
	db: Db,
	scope: { researcherId?: string; status?: ResponseStatus },
	page: { limit: number; offset: number }
): Promise<{ responses: StoredResponse[]; total: number }> {
	let base = restrictedView(db).selectFrom('restricted.questionnaire_response as r').innerJoin('app_user as u', 'u.id', 'r.researcher_id');
	if (scope.researcherId) base = base.where('r.researcher_id', '=', scope.researcherId);
	if (scope.status) base = base.where('r.status', '=', scope.status);
	const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
	const rows = await base
		.select(['r.id', 'r.questionnaire_version', 'r.answers', 'r.researcher_id', 'u.display_name', 'r.place_id', 'r.source', 'r.status', 'r.review_reason', 'r.created_at'])
		.orderBy('r.created_at', 'desc')
		.orderBy('r.id')
		.limit(page.limit)
		.offset(page.offset)
		.execute();
	return {
		total: Number(n),
		responses: rows.map((r) => ({
			id: r.id,
			questionnaireVersion: r.questionnaire_version,
			answers: r.answers as Record<string, unknown>,
			researcherId: r.researcher_id,
			researcherName: r.display_name,
			placeId: r.place_id,
			source: r.source,
			status: r.status,
			reviewReason: r.review_reason,
			createdAt: new Date(r.created_at).toISOString()
		}))
	};
}

export async function updateResponseStatus(db: Db, id: string, status: ResponseStatus, reason: string | null, reviewerId: string): Promise<boolean> {
	const rows = await restrictedView(db)
		.updateTable('restricted.questionnaire_response')
		.set({ status, review_reason: reason, reviewed_by: reviewerId, reviewed_at: new Date() })
		.where('id', '=', id)
		.returning('id')
		.execute();
	return rows.length === 1;
}

/** Deletes a response; returns what it pointed at, or undefined when there was none. */
export async function deleteResponse(db: Db, id: string): Promise<{ placeId: string; residentSkillId: string | null } | undefined> {
	const row = await restrictedView(db).deleteFrom('restricted.questionnaire_response').where('id', '=', id).returning(['place_id', 'resident_skill_id']).executeTakeFirst();
	return row && { placeId: row.place_id, residentSkillId: row.resident_skill_id };
}

/** Responses by status for each researcher (or one): counts only. */
export async function countsByResearcher(db: Db, researcherId?: string): Promise<Map<string, Record<ResponseStatus, number>>> {
	let q = restrictedView(db)
		.selectFrom('restricted.questionnaire_response')
		.select(['researcher_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
		.groupBy(['researcher_id', 'status']);
	if (researcherId) q = q.where('researcher_id', '=', researcherId);
	const out = new Map<string, Record<ResponseStatus, number>>();
	for (const r of await q.execute()) {
		const counts = out.get(r.researcher_id) ?? { pending: 0, validated: 0, rejected: 0 };
		counts[r.status] = Number(r.n);
		out.set(r.researcher_id, counts);
	}
	return out;
}

/** Holds, until the transaction ends, a lock on one response id: two deliveries of one draft cannot both store it. */
export async function lockResponseId(db: Db, id: string): Promise<void> {
	await sql`SELECT pg_advisory_xact_lock(727212, hashtext(${id}::text))`.execute(db);
}

/** A point in a projected CRS (metres) as WGS84 degrees. */
export async function projectedToLonLat(db: Db, x: number, y: number, srid: number): Promise<{ lon: number; lat: number }> {
	const { rows } = await sql<{ lon: number; lat: number }>`
		SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), ${srid}::integer), 4326) AS p) t`.execute(db);
	return { lon: Number(rows[0]!.lon), lat: Number(rows[0]!.lat) };
}

/** Every response's cell centre in a place, in the place's projected CRS (for the coverage publication only). */
export async function responseCellsForPlace(db: Db, placeId: string, srid: number): Promise<{ x: number; y: number }[]> {
	const rows = await restrictedView(db)
		.selectFrom('restricted.questionnaire_response')
		.select([sql<number>`ST_X(ST_Transform(cell_point, ${srid}::integer))`.as('x'), sql<number>`ST_Y(ST_Transform(cell_point, ${srid}::integer))`.as('y')])
		.where('place_id', '=', placeId)
		.execute();
	return rows.map((r) => ({ x: Number(r.x), y: Number(r.y) }));
}

/** A reference area coverage is read against: public geometry and its population denominator. */
export interface CoverageAreaRow {
	code: string;
	name: string | null;
	areaType: string;
	population: number | null;
	populationYear: number | null;
	populationIllustrative: boolean;
	/** A point on the area's surface (for the nearest hubs), WGS84. */
	lon: number;
	lat: number;
	/** GeoJSON MultiPolygon, coordinates to 5 decimals (about 1 m): enough for a map. */
	geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

/**
 * An area belongs to a place when a point on its surface lies inside the boundary: an LSOA that
 * only touches the edge would be counted against its whole population for the few responses
 * from inside the place, and flagged under-surveyed for it.
 */
const AREA_IN_PLACE = sql<boolean>`ST_Intersects(ST_PointOnSurface(a.geom), p.boundary)`;

/** Area types with at least one population figure in the place, by name. */
export async function coverageAreaTypes(db: Db, placeId: string): Promise<string[]> {
	const { rows } = await sql<{ area_type: string }>`
		SELECT DISTINCT a.area_type FROM reference_area a, place p
		WHERE p.id = ${placeId}::text AND a.population IS NOT NULL AND ${AREA_IN_PLACE}
		ORDER BY a.area_type`.execute(db);
	return rows.map((r) => r.area_type);
}

/** The place's areas of one type (with or without a population figure), by code. */
export async function coverageAreas(db: Db, placeId: string, areaType: string): Promise<CoverageAreaRow[]> {
	const { rows } = await sql<{
		code: string;
		name: string | null;
		area_type: string;
		population: number | null;
		population_year: number | null;
		population_illustrative: boolean;
		lon: number;
		lat: number;
		geometry: string | CoverageAreaRow['geometry'];
	}>`
		SELECT a.code, a.name, a.area_type, a.population, a.population_year, a.population_illustrative,
		       ST_X(ST_PointOnSurface(a.geom)) AS lon, ST_Y(ST_PointOnSurface(a.geom)) AS lat,
		       ST_AsGeoJSON(a.geom, 5)::json AS geometry
		FROM reference_area a, place p
		WHERE p.id = ${placeId}::text AND a.area_type = ${areaType}::text AND ${AREA_IN_PLACE}
		ORDER BY a.code`.execute(db);
	return rows.map((r) => ({
		code: r.code,
		name: r.name,
		areaType: r.area_type,
		population: r.population === null ? null : Number(r.population),
		populationYear: r.population_year === null ? null : Number(r.population_year),
		populationIllustrative: r.population_illustrative,
		lon: Number(r.lon),
		lat: Number(r.lat),
		geometry: typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry
	}));
}

/**
 * For every response in a place, the code of the area of this type its cell centre lies in (the
 * lowest code where areas overlap), or null. Person-level: for the coverage publication only.
 */
export async function responseAreaCodes(db: Db, placeId: string, areaType: string): Promise<(string | null)[]> {
	const rows = await restrictedView(db)
		.selectFrom('restricted.questionnaire_response as r')
		.select(
			sql<string | null>`(SELECT a.code FROM reference_area a WHERE a.area_type = ${areaType}::text AND ST_Intersects(a.geom, r.cell_point) ORDER BY a.code LIMIT 1)`.as('code')
		)
		.where('r.place_id', '=', placeId)
		.execute();
	return rows.map((r) => r.code);
}
