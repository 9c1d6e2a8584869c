/**
 * The SQL of loading demo data: the place, its taxonomy, sites, opportunities, hubs and synthetic
 * enterprises, the geometry checks that follow each insert, and the projected shapes the synthetic
 * population is drawn in. The only module of the seed that builds SQL; every function runs in the
 * caller's transaction. What a failed check means, and the order of the load, is load.ts's.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { MultiPolygon, Point } from 'geojson';
import type { SyntheticEnterprise } from '../../domain/synthetic/enterprises';
import type { Database } from '../db/schema';
import type { DemoHub, DemoMacroAsset, DemoOpportunity, DemoPlace, DemoSkillGroup } from './demo-data';

type Db = Kysely<Database>;

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at the widest row here. */
const BATCH_SIZE = 500;

function chunks<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
	const result: T[][] = [];
	for (let k = 0; k < items.length; k += size) result.push(items.slice(k, k + size));
	return result;
}

function wgs84MultiPolygon(geometry: MultiPolygon): RawBuilder<unknown> {
	return sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`;
}

function wgs84Point(geometry: Point): RawBuilder<unknown> {
	return sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`;
}

/** A point given in the place's projected CRS, stored in WGS84 like every geometry column. */
function projectedPoint(x: number, y: number, srid: number): RawBuilder<unknown> {
	return sql`ST_Transform(ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), ${srid}::integer), 4326)`;
}

/** json columns come back parsed from postgres.js and PGlite alike; accept text too, to be safe. */
function parsedJson<T>(value: unknown): T {
	return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A row that failed a geometry check, and why. */
export interface GeometryProblem {
	id: string;
	problem: string;
}

// Any constant bigint: the key of the transaction-scoped advisory lock every seeding takes.
const SEED_LOCK_KEY = 7_316_202_417n;

/** Waits for, then holds until the transaction ends, the lock that lets one seeding run at a time. */
export async function lockSeeding(db: Db): Promise<void> {
	await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY.toString()}::bigint)`.execute(db);
}

export async function hasAnyPlace(db: Db): Promise<boolean> {
	return (await db.selectFrom('place').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Deletes a place; cascades to its macro-assets (and their opportunities), hubs and enterprises. */
export async function deletePlace(db: Db, placeId: string): Promise<void> {
	await db.deleteFrom('place').where('id', '=', placeId).execute();
}

export async function insertPlace(db: Db, place: DemoPlace): Promise<void> {
	await db
		.insertInto('place')
		.values({
			id: place.id,
			name: place.name,
			description: place.description,
			projected_srid: place.projectedSrid,
			boundary: wgs84MultiPolygon(place.boundary),
			source: place.source
		})
		.execute();
}

/** The place, if its boundary is not a valid geometry, with PostGIS's reason. */
export async function invalidBoundary(db: Db, placeId: string): Promise<GeometryProblem[]> {
	const { rows } = await sql<GeometryProblem>`
		SELECT id, ST_IsValidReason(boundary) AS problem FROM place WHERE id = ${placeId} AND NOT ST_IsValid(boundary)`.execute(db);
	return rows;
}

/**
 * Writes the skills taxonomy and its SOC 2020 codes. Skill groups are shared by every place:
 * updated in place rather than deleted, because other places' opportunities and residents may
 * refer to them.
 */
export async function upsertSkillGroups(db: Db, groups: readonly DemoSkillGroup[]): Promise<void> {
	await db
		.insertInto('skill_group')
		.values(groups.map((g) => ({ id: g.id, name: g.name, description: g.description, sort_order: g.sortOrder })))
		.onConflict((oc) =>
			oc.column('id').doUpdateSet((eb) => ({
				name: eb.ref('excluded.name'),
				description: eb.ref('excluded.description'),
				sort_order: eb.ref('excluded.sort_order')
			}))
		)
		.execute();
	await db
		.deleteFrom('skill_group_soc')
		.where('skill_group_id', 'in', groups.map((g) => g.id))
		.execute();
	const socRows = groups.flatMap((g) => g.soc2020.map((s) => ({ skill_group_id: g.id, soc2020_code: s.code, soc2020_title: s.title })));
	for (const batch of chunks(socRows)) await db.insertInto('skill_group_soc').values(batch).execute();
}

export async function insertMacroAssets(db: Db, placeId: string, assets: readonly DemoMacroAsset[]): Promise<void> {
	for (const batch of chunks(assets)) {
		await db
			.insertInto('macro_asset')
			.values(
				batch.map((a) => ({
					id: a.id,
					place_id: placeId,
					name: a.name,
					kind: a.kind,
					status: a.status,
					description: a.description,
					timeline_start: a.timelineStart,
					timeline_end: a.timelineEnd,
					timeline_note: a.timelineNote,
					investment_gbp: a.investmentGbp,
					homes: a.homes,
					jobs: a.jobs,
					owners: a.owners,
					partners: a.partners,
					source: a.source,
					illustrative: a.illustrative,
					geom: wgs84MultiPolygon(a.geom)
				}))
			)
			.execute();
	}
}

/** The place's sites that are not valid geometries or not within the place's boundary. */
export async function misplacedMacroAssets(db: Db, placeId: string): Promise<GeometryProblem[]> {
	const { rows } = await sql<GeometryProblem>`
		SELECT m.id, CASE WHEN NOT ST_IsValid(m.geom) THEN ST_IsValidReason(m.geom) ELSE 'outside the place boundary' END AS problem
		FROM macro_asset m JOIN place p ON p.id = m.place_id
		WHERE m.place_id = ${placeId} AND NOT (ST_IsValid(m.geom) AND ST_Within(m.geom, p.boundary))
		ORDER BY m.id`.execute(db);
	return rows;
}

export async function insertOpportunities(db: Db, opportunities: readonly DemoOpportunity[]): Promise<void> {
	for (const batch of chunks(opportunities)) {
		await db
			.insertInto('opportunity')
			.values(
				batch.map((o) => ({
					id: o.id,
					macro_asset_id: o.macroAssetId,
					skill_group_id: o.skillGroupId,
					kind: o.kind,
					title: o.title,
					count: o.count,
					period_start: o.periodStart,
					period_end: o.periodEnd,
					source: o.source,
					illustrative: o.illustrative
				}))
			)
			.execute();
	}
}

export async function insertHubs(db: Db, placeId: string, hubs: readonly DemoHub[]): Promise<void> {
	for (const batch of chunks(hubs)) {
		await db
			.insertInto('community_hub')
			.values(
				batch.map((h) => ({
					id: h.id,
					place_id: placeId,
					name: h.name,
					hub_type: h.hubType,
					address: h.address,
					description: h.description,
					position_accuracy_m: h.positionAccuracyM,
					source: h.source,
					geom: wgs84Point(h.geom)
				}))
			)
			.execute();
	}
}

/**
 * The demo's residential areas as reference areas of type 'neighbourhood', with their illustrative
 * populations. Reference areas belong to no place, so a reseed updates them in place (by type and code).
 */
export async function upsertNeighbourhoods(db: Db, source: string, areas: readonly { code: string; name: string; population: number; geom: MultiPolygon }[]): Promise<void> {
	if (areas.length === 0) return;
	await db
		.insertInto('reference_area')
		.values(
			areas.map((a) => ({
				area_type: 'neighbourhood' as const,
				code: a.code,
				name: a.name,
				population: a.population,
				population_year: null,
				population_illustrative: true,
				source,
				geom: wgs84MultiPolygon(a.geom)
			}))
		)
		.onConflict((oc) =>
			oc.columns(['area_type', 'code']).doUpdateSet((eb) => ({
				name: eb.ref('excluded.name'),
				population: eb.ref('excluded.population'),
				population_year: eb.ref('excluded.population_year'),
				population_illustrative: eb.ref('excluded.population_illustrative'),
				source: eb.ref('excluded.source'),
				geom: eb.ref('excluded.geom')
			}))
		)
		.execute();
}

/** The place's community hubs that lie outside its boundary. */
export async function misplacedHubs(db: Db, placeId: string): Promise<GeometryProblem[]> {
	const { rows } = await sql<GeometryProblem>`
		SELECT h.id, 'outside the place boundary' AS problem
		FROM community_hub h JOIN place p ON p.id = h.place_id
		WHERE h.place_id = ${placeId} AND NOT ST_Within(h.geom, p.boundary)
		ORDER BY h.id`.execute(db);
	return rows;
}

/** Synthetic social enterprises, positioned in the place's projected CRS; `source` says how they were made. */
export async function insertSyntheticEnterprises(db: Db, placeId: string, srid: number, source: string, enterprises: readonly SyntheticEnterprise[]): Promise<void> {
	for (const batch of chunks(enterprises)) {
		await db
			.insertInto('social_enterprise')
			.values(
				batch.map((e) => ({
					id: e.id,
					place_id: placeId,
					name: e.name,
					consortium: e.consortium as Database['social_enterprise']['consortium'],
					offers: e.offers,
					needs: e.needs,
					employees: e.employees,
					synthetic: true,
					// The synthetic directory stands for enterprises that agreed to be mapped (issue 15).
					consent_to_publish: true,
					source,
					geom: projectedPoint(e.x, e.y, srid)
				}))
			)
			.execute();
	}
}

/**
 * The stored place boundary and the given residential areas, projected by PostGIS itself into
 * the place's CRS (3 decimals, a millimetre), so that synthetic points are drawn in the same plane
 * that ST_HexagonGrid and ST_Transform use. Areas come back in the order given.
 */
export async function projectedShapes(
	db: Db,
	placeId: string,
	srid: number,
	areas: readonly MultiPolygon[]
): Promise<{ boundary: MultiPolygon | undefined; areas: (MultiPolygon | undefined)[] }> {
	const { rows: boundaryRows } = await sql<{ shape: unknown }>`
		SELECT ST_AsGeoJSON(ST_Transform(boundary, projected_srid), 3)::json AS shape
		FROM place WHERE id = ${placeId}`.execute(db);
	// Sent as text and cast in SQL: postgres.js would JSON-encode a string bound to a jsonb parameter again.
	const areaText = JSON.stringify(areas);
	const { rows: areaRows } = await sql<{ n: number; shape: unknown }>`
		SELECT a.n::integer AS n,
		       ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(a.g::text), 4326), ${srid}::integer), 3)::json AS shape
		FROM jsonb_array_elements(${areaText}::text::jsonb) WITH ORDINALITY AS a(g, n)
		ORDER BY a.n`.execute(db);
	const shape = (value: unknown) => (value === undefined || value === null ? undefined : parsedJson<MultiPolygon>(value));
	return { boundary: shape(boundaryRows[0]?.shape), areas: areas.map((_, k) => shape(areaRows[k]?.shape)) };
}
