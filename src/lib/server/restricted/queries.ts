/**
 * The SQL of the person-level records and of the publication built from them: the only module
 * that builds SQL for `restricted.resident_skill` and the published tables. It returns domain
 * records, never rows. Who may read what, the audit entries and what is released are the rules
 * of records.ts, synthetic.ts and publication.ts; functions here take the transaction they open.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, PublishedLevel, SuppressionRecordTable } from '../db/schema';
import { restrictedView } from './schema';

type Db = Kysely<Database>;

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters at the widest row written here. */
const BATCH_SIZE = 400;

async function inBatches<T>(items: readonly T[], write: (batch: readonly T[]) => Promise<unknown>): Promise<void> {
	for (let start = 0; start < items.length; start += BATCH_SIZE) await write(items.slice(start, start + BATCH_SIZE));
}

/** A point given in WGS84 degrees. */
function wgs84Point(lon: number, lat: number) {
	return sql`ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)`;
}

/** A point given in a projected CRS (metres), as WGS84. */
function projectedToWgs84(x: number, y: number, srid: number) {
	return sql`ST_Transform(ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), ${srid}::integer), 4326)`;
}

// ---------------------------------------------------------------- resident records

/** What a person-level record says of a resident's skills, alike whether collected or synthetic. */
export interface ResidentSkills {
	skillGroupId: string;
	qualificationLevel: number | null;
	overseasQualification: boolean;
	englishTestPassed: boolean;
	professionallyRegistered: boolean;
	/** Main language first. */
	languages: readonly string[];
}

/** One stored resident record, as the researcher who collected it (or an administrator) sees it. */
export interface StoredResidentRecord extends ResidentSkills {
	id: string;
	placeId: string;
	/** Centre of the resident's base cell, WGS84. */
	cell: { lon: number; lat: number };
	collectedBy: string | null;
	synthetic: boolean;
	createdAt: string;
}

/** Which records a read covers: those one researcher collected (or all), in one place (or all). */
export interface RecordScope {
	collectedBy?: string;
	placeId?: string;
}

/** A page of records in scope, newest first, and how many are in scope altogether. */
export async function selectResidentRecords(
	db: Db,
	scope: RecordScope,
	page: { limit: number; offset: number }
): Promise<{ records: StoredResidentRecord[]; total: number }> {
	let base = restrictedView(db).selectFrom('restricted.resident_skill');
	if (scope.collectedBy !== undefined) base = base.where('collected_by', '=', scope.collectedBy);
	if (scope.placeId) base = base.where('place_id', '=', scope.placeId);
	const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
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
		.limit(page.limit)
		.offset(page.offset)
		.execute();
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
}

/**
 * Where a WGS84 point falls in a place: its coordinates in the place's projected CRS and whether
 * the place's boundary covers it. Undefined when there is no such place.
 */
export async function locateInPlace(db: Db, placeId: string, lon: number, lat: number): Promise<{ srid: number; x: number; y: number; inside: boolean } | undefined> {
	const point = wgs84Point(lon, lat);
	const row = await db
		.selectFrom('place')
		.select([
			'projected_srid',
			sql<number>`ST_X(ST_Transform(${point}, projected_srid))`.as('x'),
			sql<number>`ST_Y(ST_Transform(${point}, projected_srid))`.as('y'),
			sql<boolean>`ST_Covers(boundary, ${point})`.as('inside')
		])
		.where('id', '=', placeId)
		.executeTakeFirst();
	return row && { srid: row.projected_srid, x: Number(row.x), y: Number(row.y), inside: row.inside };
}

/** What is stored of one resident; the cell centre is in the place's projected CRS (metres). */
export interface ResidentToStore extends ResidentSkills {
	id: string;
	placeId: string;
	cell: { x: number; y: number };
	locationSource: 'chosen_point' | 'postcode_sector' | 'output_area' | 'synthetic';
	collectedBy: string | null;
	synthetic: boolean;
}

function residentValues(r: ResidentToStore, srid: number) {
	return {
		id: r.id,
		place_id: r.placeId,
		skill_group_id: r.skillGroupId,
		qualification_level: r.qualificationLevel,
		overseas_qualification: r.overseasQualification,
		english_test_passed: r.englishTestPassed,
		professionally_registered: r.professionallyRegistered,
		languages: [...r.languages],
		cell_point: projectedToWgs84(r.cell.x, r.cell.y, srid),
		location_source: r.locationSource,
		collected_by: r.collectedBy,
		synthetic: r.synthetic
	};
}

/** Stores one record; returns its cell centre as stored (WGS84). */
export async function insertResident(db: Db, resident: ResidentToStore, srid: number): Promise<{ lon: number; lat: number }> {
	const row = await restrictedView(db)
		.insertInto('restricted.resident_skill')
		.values(residentValues(resident, srid))
		.returning([sql<number>`ST_X(cell_point)`.as('lon'), sql<number>`ST_Y(cell_point)`.as('lat')])
		.executeTakeFirstOrThrow();
	return { lon: Number(row.lon), lat: Number(row.lat) };
}

/** Stores many records, in batches. */
export async function insertResidents(db: Db, residents: readonly ResidentToStore[], srid: number): Promise<void> {
	const rdb = restrictedView(db);
	await inBatches(residents, (batch) =>
		rdb
			.insertInto('restricted.resident_skill')
			.values(batch.map((r) => residentValues(r, srid)))
			.execute()
	);
}

/** Deletes a record if it is in scope; returns its place, or undefined when none was deleted. */
export async function deleteResident(db: Db, id: string, scope: { collectedBy?: string }): Promise<{ placeId: string } | undefined> {
	let q = restrictedView(db).deleteFrom('restricted.resident_skill').where('id', '=', id);
	if (scope.collectedBy !== undefined) q = q.where('collected_by', '=', scope.collectedBy);
	const deleted = await q.returning(['place_id']).executeTakeFirst();
	return deleted && { placeId: deleted.place_id };
}

/** How many of a place's resident records are real (not synthetic). */
export async function countRealResidents(db: Db, placeId: string): Promise<number> {
	const row = await restrictedView(db)
		.selectFrom('restricted.resident_skill')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('place_id', '=', placeId)
		.where('synthetic', '=', false)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function deleteResidentsOfPlace(db: Db, placeId: string): Promise<void> {
	await restrictedView(db).deleteFrom('restricted.resident_skill').where('place_id', '=', placeId).execute();
}

// ---------------------------------------------------------------- the publication

/** Drops a place's published layers (units, totals and suppression record go with it). */
export async function deletePublication(db: Db, placeId: string): Promise<void> {
	await db.deleteFrom('publication').where('place_id', '=', placeId).execute();
}

/** The settings of the place's current publication and a stamp that changes with every rebuild. */
export async function publicationStamp(db: Db, placeId: string): Promise<{ k: number; roundingBase: number; stamp: string } | undefined> {
	const row = await db
		.selectFrom('publication')
		.select(['k', 'rounding_base', sql<string>`computed_at::text`.as('stamp')])
		.where('place_id', '=', placeId)
		.executeTakeFirst();
	return row && { k: row.k, roundingBase: row.rounding_base, stamp: row.stamp };
}

/** Waits for, then holds until the transaction ends, the one lock that lets a single builder run at a time per database. */
export async function lockPublicationBuilds(trx: Db): Promise<void> {
	await sql`SELECT pg_advisory_xact_lock(727211)`.execute(trx);
}

/** What the publication pipeline reads of each record: group, readiness flags and position in metres. */
export interface RecordForPublication {
	skillGroupId: string;
	overseasQualification: boolean;
	englishTestPassed: boolean;
	professionallyRegistered: boolean;
	synthetic: boolean;
	/** Cell centre in the place's projected CRS. */
	x: number;
	y: number;
}

/** Only what the pipeline needs leaves the table: cell, group and the three readiness flags. */
export async function recordsForPublication(db: Db, placeId: string, srid: number): Promise<RecordForPublication[]> {
	const rows = await restrictedView(db)
		.selectFrom('restricted.resident_skill')
		.select([
			'skill_group_id',
			'overseas_qualification',
			'english_test_passed',
			'professionally_registered',
			'synthetic',
			sql<number>`ST_X(ST_Transform(cell_point, ${srid}::integer))`.as('x'),
			sql<number>`ST_Y(ST_Transform(cell_point, ${srid}::integer))`.as('y')
		])
		.where('place_id', '=', placeId)
		.execute();
	return rows.map((r) => ({
		skillGroupId: r.skill_group_id,
		overseasQualification: r.overseas_qualification,
		englishTestPassed: r.english_test_passed,
		professionallyRegistered: r.professionally_registered,
		synthetic: r.synthetic,
		x: Number(r.x),
		y: Number(r.y)
	}));
}

export interface PublicationHeader {
	placeId: string;
	k: number;
	roundingBase: number;
	records: number;
	recordsPublished: number;
	layerRecordsCounted: number;
	layerRecordsPublished: number;
	synthetic: boolean;
}

/** Replaces the place's publication with a new, empty one (its units and totals are written next). */
export async function replacePublication(db: Db, header: PublicationHeader): Promise<void> {
	await deletePublication(db, header.placeId);
	await db
		.insertInto('publication')
		.values({
			place_id: header.placeId,
			k: header.k,
			rounding_base: header.roundingBase,
			records: header.records,
			records_published: header.recordsPublished,
			layer_records_counted: header.layerRecordsCounted,
			layer_records_published: header.layerRecordsPublished,
			synthetic: header.synthetic,
			compute_ms: 0
		})
		.execute();
}

/**
 * A published unit's outline: the place's boundary, or a GeoJSON polygon given in some CRS
 * (WGS84 for the union of cells, the place's projected CRS for one hexagon).
 */
export type UnitOutline = { kind: 'place-boundary' } | { kind: 'geojson'; geojson: string; srid: number };

export interface PublishedUnitToStore {
	filterKey: string;
	unitId: string;
	level: PublishedLevel;
	/** The rounded count, or null when the unit is suppressed. */
	count: number | null;
	outline: UnitOutline;
}

function outlineSql(outline: UnitOutline, placeId: string) {
	if (outline.kind === 'place-boundary') return sql`(SELECT boundary FROM place WHERE id = ${placeId})`;
	const geometry = sql`ST_SetSRID(ST_GeomFromGeoJSON(${outline.geojson}), ${outline.srid}::integer)`;
	return outline.srid === 4326 ? sql`ST_Multi(${geometry})` : sql`ST_Multi(ST_Transform(${geometry}, 4326))`;
}

export async function insertPublishedUnits(db: Db, placeId: string, units: readonly PublishedUnitToStore[]): Promise<void> {
	await inBatches(units, (batch) =>
		db
			.insertInto('published_unit')
			.values(
				batch.map((u) => ({ place_id: placeId, filter_key: u.filterKey, unit_id: u.unitId, level: u.level, count: u.count, geom: outlineSql(u.outline, placeId) }))
			)
			.execute()
	);
}

export async function insertPublishedTotals(db: Db, placeId: string, totals: readonly { filterKey: string; total: number | null }[]): Promise<void> {
	await inBatches(totals, (batch) =>
		db
			.insertInto('published_total')
			.values(batch.map((t) => ({ place_id: placeId, filter_key: t.filterKey, total: t.total })))
			.execute()
	);
}

/** What was withheld and why, for administrators: a count band, never a count. */
export async function insertSuppressionRecord(
	db: Db,
	placeId: string,
	entries: readonly { filterKey: string; unitId: string; level: PublishedLevel; reason: SuppressionRecordTable['reason']; countBand: string }[]
): Promise<void> {
	await inBatches(entries, (batch) =>
		db
			.insertInto('suppression_record')
			.values(batch.map((e) => ({ place_id: placeId, filter_key: e.filterKey, unit_id: e.unitId, level: e.level, reason: e.reason, count_band: e.countBand })))
			.execute()
	);
}

/** Scores join the published units; PGlite never autovacuums, so give the planner statistics now. */
export async function analyzePublishedUnits(db: Db): Promise<void> {
	await sql`ANALYZE published_unit`.execute(db);
}

export async function setPublicationComputeMs(db: Db, placeId: string, computeMs: number): Promise<void> {
	await db.updateTable('publication').set({ compute_ms: computeMs }).where('place_id', '=', placeId).execute();
}

/** The place's bounding box in its projected CRS (metres). */
export async function placeExtentIn(db: Db, placeId: string, srid: number): Promise<{ xmin: number; ymin: number; xmax: number; ymax: number }> {
	const { rows } = await sql<{ xmin: number; ymin: number; xmax: number; ymax: number }>`
		SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
		FROM (SELECT ST_Extent(ST_Transform(boundary, ${srid}::integer))::geometry AS e FROM place WHERE id = ${placeId}) t`.execute(db);
	const box = rows[0]!;
	return { xmin: Number(box.xmin), ymin: Number(box.ymin), xmax: Number(box.xmax), ymax: Number(box.ymax) };
}

/**
 * The outline (GeoJSON text, WGS84, 7 decimals) of a MultiPolygon of cells given in a projected
 * CRS: snapped to a centimetre grid first, so that shared edges meet and the union has no slivers.
 */
export async function unionOfCells(db: Db, cells: { type: 'MultiPolygon'; coordinates: unknown }, srid: number): Promise<string> {
	const { rows } = await sql<{ shape: string }>`
		SELECT ST_AsGeoJSON(ST_Transform(ST_UnaryUnion(ST_SnapToGrid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(cells)}), ${srid}::integer), 0.01)), 4326), 7) AS shape`.execute(db);
	return rows[0]!.shape;
}

// ---------------------------------------------------------------- places (issue 16)

/** How many resident records each place holds (no content read: a count, for removing a place). */
export async function residentRecordCountsByPlace(db: Db): Promise<Map<string, number>> {
	const { rows } = await sql<{ place_id: string; n: number }>`
		SELECT place_id, count(*) AS n FROM restricted.resident_skill GROUP BY place_id`.execute(db);
	return new Map(rows.map((row) => [row.place_id, Number(row.n)]));
}
