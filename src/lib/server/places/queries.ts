/**
 * The SQL of places: dissolving a boundary, creating or replacing a place, what depends on it
 * (score grid, distances, publication), listing and removing. Geometry travels as GeoJSON text
 * with explicit casts, as in the importers' queries.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { MultiPolygon } from 'geojson';
import type { Database } from '../db/schema';
import { residentRecordCountsByPlace } from '../restricted/queries';

type Db = Kysely<Database>;

function partSql(geometry: MultiPolygon, repair: boolean): RawBuilder<unknown> {
	const geom = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}::text), 4326)`;
	return repair ? sql`ST_CollectionExtract(ST_MakeValid(${geom}), 3)` : geom;
}

export interface DissolvedBoundary {
	/** WGS84 MultiPolygon. */
	readonly geojson: MultiPolygon;
	readonly centroid: [number, number];
	readonly bbox: [number, number, number, number];
	readonly areaKm2: number;
	/** Polygons in the dissolved boundary (disjoint parts of the place). */
	readonly polygons: number;
}

/**
 * ST_Union of the parts (already checked valid, or repaired by ST_MakeValid), as one MultiPolygon.
 * Area on the spheroid (geography), so it is right before any projected CRS is chosen.
 */
export async function dissolveParts(
	db: Db,
	parts: readonly { geometry: MultiPolygon; repair: boolean }[]
): Promise<DissolvedBoundary | undefined> {
	const rows = parts.map((part) => sql`(${partSql(part.geometry, part.repair)})`);
	const { rows: result } = await sql<{ geojson: string; lon: number; lat: number; xmin: number; ymin: number; xmax: number; ymax: number; area_m2: number; polygons: number }>`
		WITH dissolved AS (
			SELECT ST_Multi(ST_CollectionExtract(ST_Union(part.geom), 3)) AS geom
			FROM (VALUES ${sql.join(rows)}) AS part (geom)
		)
		SELECT ST_AsGeoJSON(geom, 7) AS geojson, ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat,
		       ST_XMin(geom) AS xmin, ST_YMin(geom) AS ymin, ST_XMax(geom) AS xmax, ST_YMax(geom) AS ymax,
		       ST_Area(geom::geography) AS area_m2, ST_NumGeometries(geom) AS polygons
		FROM dissolved
		WHERE NOT ST_IsEmpty(geom)`.execute(db);
	const row = result[0];
	if (!row) return undefined;
	return {
		geojson: JSON.parse(row.geojson) as MultiPolygon,
		centroid: [Number(row.lon), Number(row.lat)],
		bbox: [Number(row.xmin), Number(row.ymin), Number(row.xmax), Number(row.ymax)],
		areaKm2: Number(row.area_m2) / 1e6,
		polygons: Number(row.polygons)
	};
}

/** Whether PostGIS knows `srid` as a projected CRS in metres (its spatial_ref_sys entry). */
export async function projectedSridInMetres(db: Db, srid: number): Promise<'metres' | 'not-projected' | 'unknown'> {
	const { rows } = await sql<{ srtext: string | null; proj4text: string | null }>`
		SELECT srtext, proj4text FROM spatial_ref_sys WHERE srid = ${srid}::integer`.execute(db);
	const row = rows[0];
	if (!row) return 'unknown';
	const projected = /^\s*PROJCS\[/i.test(row.srtext ?? '') || /\+proj=(?!longlat)/.test(row.proj4text ?? '');
	const metres = /\+units=m\b/.test(row.proj4text ?? '') || /UNIT\["metre"/i.test(row.srtext ?? '');
	return projected && metres ? 'metres' : 'not-projected';
}

export interface PlaceSummary {
	readonly id: string;
	readonly name: string;
	readonly projectedSrid: number;
	readonly source: string | null;
	readonly areaKm2: number;
	readonly macroAssets: number;
	readonly hubs: number;
	readonly enterprises: number;
	readonly personLevelRecords: number;
	readonly createdAt: Date;
}

/** Person-level records in each place: residents' skills (counted by the restricted module) and researchers' outreach routes. */
export async function personLevelCounts(db: Db): Promise<Map<string, number>> {
	const counts = await residentRecordCountsByPlace(db);
	const { rows } = await sql<{ place_id: string; n: number }>`SELECT place_id, count(*) AS n FROM outreach_route GROUP BY place_id`.execute(db);
	for (const row of rows) counts.set(row.place_id, (counts.get(row.place_id) ?? 0) + Number(row.n));
	return counts;
}

export async function listPlaceSummaries(db: Db): Promise<PlaceSummary[]> {
	const { rows } = await sql<{
		id: string; name: string; projected_srid: number; source: string | null; area_m2: number;
		macro_assets: number; hubs: number; enterprises: number; created_at: Date;
	}>`
		SELECT p.id, p.name, p.projected_srid, p.source, ST_Area(p.boundary::geography) AS area_m2, p.created_at,
		       (SELECT count(*) FROM macro_asset m WHERE m.place_id = p.id) AS macro_assets,
		       (SELECT count(*) FROM community_hub h WHERE h.place_id = p.id) AS hubs,
		       (SELECT count(*) FROM social_enterprise e WHERE e.place_id = p.id) AS enterprises
		FROM place p ORDER BY p.name, p.id`.execute(db);
	const personLevel = await personLevelCounts(db);
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		projectedSrid: Number(r.projected_srid),
		source: r.source,
		areaKm2: Number(r.area_m2) / 1e6,
		macroAssets: Number(r.macro_assets),
		hubs: Number(r.hubs),
		enterprises: Number(r.enterprises),
		personLevelRecords: personLevel.get(r.id) ?? 0,
		createdAt: new Date(r.created_at)
	}));
}

export async function existingPlace(db: Db, placeId: string): Promise<{ name: string; projectedSrid: number; boundaryHash: string } | undefined> {
	const row = await db
		.selectFrom('place')
		.select(['name', 'projected_srid', sql<string>`md5(ST_AsEWKB(boundary))`.as('hash')])
		.where('id', '=', placeId)
		.executeTakeFirst();
	return row && { name: row.name, projectedSrid: row.projected_srid, boundaryHash: row.hash };
}

/** Creates the place or replaces its name, boundary, CRS and source; returns the new boundary's hash. */
export async function upsertPlace(
	db: Db,
	place: { id: string; name: string; projectedSrid: number; boundary: MultiPolygon; source: string | null }
): Promise<string> {
	const { rows } = await sql<{ hash: string }>`
		INSERT INTO place (id, name, projected_srid, boundary, source)
		VALUES (${place.id}::text, ${place.name}::text, ${place.projectedSrid}::integer,
		        ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(place.boundary)}::text), 4326)), ${place.source}::text)
		ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, projected_srid = EXCLUDED.projected_srid,
		        boundary = EXCLUDED.boundary, source = COALESCE(EXCLUDED.source, place.source)
		RETURNING md5(ST_AsEWKB(boundary)) AS hash`.execute(db);
	return rows[0]!.hash;
}

export interface StaleCounts {
	readonly scoreCells: number;
	readonly distances: number;
	readonly publication: boolean;
}

/**
 * Drops what was computed from the old boundary: the score grid (its cells and every cached
 * distance go with it, ON DELETE CASCADE) and the published resident layers. Both are rebuilt
 * on the next request that needs them (scores/grid.ts, restricted/publication.ts).
 */
export async function dropComputedForPlace(db: Db, placeId: string): Promise<StaleCounts> {
	const { rows } = await sql<{ cells: number; distances: number; publication: boolean }>`
		SELECT (SELECT count(*) FROM score_cell WHERE place_id = ${placeId}::text) AS cells,
		       (SELECT count(*) FROM travel_distance WHERE place_id = ${placeId}::text) AS distances,
		       EXISTS (SELECT 1 FROM publication WHERE place_id = ${placeId}::text) AS publication`.execute(db);
	await db.deleteFrom('score_grid').where('place_id', '=', placeId).execute();
	await db.deleteFrom('publication').where('place_id', '=', placeId).execute();
	const row = rows[0]!;
	return { scoreCells: Number(row.cells), distances: Number(row.distances), publication: row.publication };
}

/** Deletes the place; everything that belongs to it goes too (ON DELETE CASCADE). */
export async function deletePlaceRow(db: Db, placeId: string): Promise<boolean> {
	const result = await db.deleteFrom('place').where('id', '=', placeId).executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}
