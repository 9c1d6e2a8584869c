/**
 * Writes checked demo data (demo-data.ts) and its synthetic population into the database.
 * Runs inside the caller's transaction: any failure leaves no trace.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { MultiPolygon, Point } from 'geojson';
import { generateEnterprises, generateResidents, type PlacementFrame, type PlanarMultiPolygon } from '../../domain/synthetic';
import type { Database } from '../db/schema';
import type { DemoData } from './demo-data';
import { insertSyntheticResidents } from '../restricted/synthetic';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at ~14 per resident row. */
const BATCH_SIZE = 500;

export interface LoadedCounts {
	skillGroups: number;
	macroAssets: number;
	opportunities: number;
	hubs: number;
	enterprises: number;
	residents: number;
}

export class SeedLoadError extends Error {
	override name = 'SeedLoadError';
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

function chunks<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
	const result: T[][] = [];
	for (let k = 0; k < items.length; k += size) result.push(items.slice(k, k + size));
	return result;
}

/** json columns come back parsed from postgres.js and PGlite alike; accept text too, to be safe. */
function parsedJson<T>(value: unknown): T {
	return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

async function assertValidAndInside(
	db: Kysely<Database>,
	placeId: string,
	what: string,
	query: RawBuilder<{ id: string; problem: string }>
): Promise<void> {
	const { rows } = await query.execute(db);
	if (rows.length) {
		const list = rows.slice(0, 5).map((r) => `${r.id} (${r.problem})`).join('; ');
		throw new SeedLoadError(`${what} of place ${placeId} failed the geometry check: ${list}${rows.length > 5 ? ` and ${rows.length - 5} more` : ''}`);
	}
}

/**
 * The place boundary and residential areas projected by PostGIS itself, so that the synthetic
 * points are drawn in the same projected plane that ST_HexagonGrid and ST_Transform use.
 */
async function placementFrame(db: Kysely<Database>, data: DemoData): Promise<PlacementFrame> {
	const srid = data.place.projectedSrid;
	const { rows: boundaryRows } = await sql<{ shape: unknown }>`
		SELECT ST_AsGeoJSON(ST_Transform(boundary, projected_srid), 3)::json AS shape
		FROM place WHERE id = ${data.place.id}`.execute(db);
	// Sent as text and cast in SQL: postgres.js would JSON-encode a string bound to a jsonb parameter again.
	const areas = JSON.stringify(data.residentialAreas.map((area) => area.geom));
	const { rows: areaRows } = await sql<{ n: number; shape: unknown }>`
		SELECT a.n::integer AS n,
		       ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(a.g::text), 4326), ${srid}::integer), 3)::json AS shape
		FROM jsonb_array_elements(${areas}::text::jsonb) WITH ORDINALITY AS a(g, n)
		ORDER BY a.n`.execute(db);
	const coordinates = (value: unknown) => parsedJson<MultiPolygon>(value).coordinates as unknown as PlanarMultiPolygon;
	return {
		boundary: coordinates(boundaryRows[0]?.shape),
		areas: data.residentialAreas.map((area, k) => ({
			id: area.id,
			name: area.name,
			weight: area.weight,
			shape: coordinates(areaRows[k]?.shape)
		}))
	};
}

/** Loads the place, its taxonomy, sites, opportunities, hubs and synthetic population. */
export async function loadDemoData(db: Kysely<Database>, data: DemoData): Promise<LoadedCounts> {
	const { place } = data;
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
	await assertValidAndInside(db, place.id, 'The boundary', sql`
		SELECT id, ST_IsValidReason(boundary) AS problem FROM place WHERE id = ${place.id} AND NOT ST_IsValid(boundary)`);

	// Skill groups are shared by every place: update them in place rather than delete, because
	// other places' opportunities and residents may refer to them.
	await db
		.insertInto('skill_group')
		.values(data.skillGroups.map((g) => ({ id: g.id, name: g.name, description: g.description, sort_order: g.sortOrder })))
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
		.where('skill_group_id', 'in', data.skillGroups.map((g) => g.id))
		.execute();
	const socRows = data.skillGroups.flatMap((g) =>
		g.soc2020.map((s) => ({ skill_group_id: g.id, soc2020_code: s.code, soc2020_title: s.title }))
	);
	for (const batch of chunks(socRows)) await db.insertInto('skill_group_soc').values(batch).execute();

	await db
		.insertInto('macro_asset')
		.values(
			data.macroAssets.map((a) => ({
				id: a.id,
				place_id: place.id,
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
	await assertValidAndInside(db, place.id, 'Macro-asset sites', sql`
		SELECT m.id, CASE WHEN NOT ST_IsValid(m.geom) THEN ST_IsValidReason(m.geom) ELSE 'outside the place boundary' END AS problem
		FROM macro_asset m JOIN place p ON p.id = m.place_id
		WHERE m.place_id = ${place.id} AND NOT (ST_IsValid(m.geom) AND ST_Within(m.geom, p.boundary))
		ORDER BY m.id`);

	for (const batch of chunks(data.opportunities)) {
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

	await db
		.insertInto('community_hub')
		.values(
			data.hubs.map((h) => ({
				id: h.id,
				place_id: place.id,
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
	await assertValidAndInside(db, place.id, 'Community hubs', sql`
		SELECT h.id, 'outside the place boundary' AS problem
		FROM community_hub h JOIN place p ON p.id = h.place_id
		WHERE h.place_id = ${place.id} AND NOT ST_Within(h.geom, p.boundary)
		ORDER BY h.id`);

	const frame = await placementFrame(db, data);
	const srid = place.projectedSrid;
	const source = `Synthetic: generated by Asset Atlas from ${place.id}/synthetic-profile.json (seed "${data.profile.seed}")`;

	const enterprises = generateEnterprises(data.profile, frame);
	for (const batch of chunks(enterprises)) {
		await db
			.insertInto('social_enterprise')
			.values(
				batch.map((e) => ({
					id: e.id,
					place_id: place.id,
					name: e.name,
					consortium: e.consortium as Database['social_enterprise']['consortium'],
					offers: e.offers,
					needs: e.needs,
					employees: e.employees,
					synthetic: true,
					source,
					geom: projectedPoint(e.x, e.y, srid)
				}))
			)
			.execute();
	}

	const residents = generateResidents(data.profile, frame);
	await insertSyntheticResidents(db, place.id, srid, residents);

	return {
		skillGroups: data.skillGroups.length,
		macroAssets: data.macroAssets.length,
		opportunities: data.opportunities.length,
		hubs: data.hubs.length,
		enterprises: enterprises.length,
		residents: residents.length
	};
}
