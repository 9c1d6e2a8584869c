/**
 * SQL for community finance: award rows (staff-only), the rows the publication reads (each award's
 * 1 km hexagon and the macro-asset whose catchment holds it) and the hexagons' outlines.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { FinanceKind, RecipientType } from '../../domain/finance/publish';

type Db = Kysely<Database>;

export interface NewAward {
	id: string;
	placeId: string;
	source: string;
	amountGbp: number;
	kind: FinanceKind;
	recipientType: RecipientType;
	receivedOn: string;
	lon: number;
	lat: number;
	macroAssetId: string | null;
	note: string | null;
	createdBy: string | null;
}

export interface AwardRecord extends Omit<NewAward, 'createdBy'> {
	siteName: string | null;
	createdAt: Date;
}

export async function insertAwards(db: Db, awards: readonly NewAward[]): Promise<void> {
	if (!awards.length) return;
	await sql`
		INSERT INTO community_finance (id, place_id, source, amount_gbp, kind, recipient_type, received_on, geom, macro_asset_id, note, created_by)
		SELECT a.id, a.place_id, a.source, a.amount_gbp, a.kind, a.recipient_type, a.received_on,
		       ST_SetSRID(ST_MakePoint(a.lon, a.lat), 4326), a.macro_asset_id, a.note, a.created_by
		FROM json_to_recordset(${JSON.stringify(
			awards.map((a) => ({
				id: a.id,
				place_id: a.placeId,
				source: a.source,
				amount_gbp: a.amountGbp,
				kind: a.kind,
				recipient_type: a.recipientType,
				received_on: a.receivedOn,
				lon: a.lon,
				lat: a.lat,
				macro_asset_id: a.macroAssetId,
				note: a.note,
				created_by: a.createdBy
			}))
		)}::text::json) AS a (id uuid, place_id text, source text, amount_gbp numeric, kind text, recipient_type text, received_on date,
		                      lon float8, lat float8, macro_asset_id text, note text, created_by uuid)`.execute(db);
}

export async function countAwards(db: Db, placeId: string): Promise<number> {
	const row = await db.selectFrom('community_finance').select((eb) => eb.fn.countAll<number>().as('n')).where('place_id', '=', placeId).executeTakeFirst();
	return Number(row?.n ?? 0);
}

export async function listAwards(db: Db, placeId: string, limit: number, offset: number): Promise<AwardRecord[]> {
	const { rows } = await sql<{
		id: string;
		place_id: string;
		source: string;
		amount_gbp: string;
		kind: FinanceKind;
		recipient_type: RecipientType;
		received_on: string;
		lon: number;
		lat: number;
		macro_asset_id: string | null;
		site_name: string | null;
		note: string | null;
		created_at: Date | string;
	}>`
		SELECT f.id, f.place_id, f.source, f.amount_gbp::text AS amount_gbp, f.kind, f.recipient_type, to_char(f.received_on, 'YYYY-MM-DD') AS received_on,
		       ST_X(f.geom) AS lon, ST_Y(f.geom) AS lat, f.macro_asset_id, m.name AS site_name, f.note, f.created_at
		FROM community_finance f LEFT JOIN macro_asset m ON m.id = f.macro_asset_id
		WHERE f.place_id = ${placeId}
		ORDER BY f.received_on DESC, f.created_at DESC, f.id
		LIMIT ${limit} OFFSET ${offset}`.execute(db);
	return rows.map((r) => ({
		id: r.id,
		placeId: r.place_id,
		source: r.source,
		amountGbp: Number(r.amount_gbp),
		kind: r.kind,
		recipientType: r.recipient_type,
		receivedOn: r.received_on,
		lon: Number(r.lon),
		lat: Number(r.lat),
		macroAssetId: r.macro_asset_id,
		siteName: r.site_name,
		note: r.note,
		createdAt: new Date(r.created_at)
	}));
}

export async function deleteAward(db: Db, placeId: string, id: string): Promise<boolean> {
	const result = await db.deleteFrom('community_finance').where('id', '=', id).where('place_id', '=', placeId).executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

/** Which of the points lie outside the place's boundary (their indexes). */
export async function pointsOutsidePlace(db: Db, placeId: string, points: readonly { lon: number; lat: number }[]): Promise<number[]> {
	if (!points.length) return [];
	const { rows } = await sql<{ k: number }>`
		SELECT r.k FROM json_to_recordset(${JSON.stringify(points.map((p, k) => ({ k, lon: p.lon, lat: p.lat })))}::text::json) AS r (k integer, lon float8, lat float8)
		JOIN place p ON p.id = ${placeId}
		WHERE NOT ST_Intersects(p.boundary, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326))
		ORDER BY r.k`.execute(db);
	return rows.map((r) => Number(r.k));
}

export async function siteIdsOfPlace(db: Db, placeId: string): Promise<{ id: string; name: string }[]> {
	return db.selectFrom('macro_asset').select(['id', 'name']).where('place_id', '=', placeId).orderBy('name').execute();
}

export interface AwardForPublication {
	amountGbp: number;
	kind: FinanceKind;
	recipientType: RecipientType;
	receivedOn: string;
	i: number | null;
	j: number | null;
	siteId: string | null;
}

/**
 * Each award of the place with the hexagon (side `cellMetres`, ST_HexagonGrid in the place's
 * projected CRS) it lies in, and its site: the stated one, else the nearest within `catchmentMetres`.
 */
export async function awardsForPublication(db: Db, placeId: string, cellMetres: number, catchmentMetres: number): Promise<AwardForPublication[]> {
	const { rows } = await sql<{ amount_gbp: string; kind: FinanceKind; recipient_type: RecipientType; received_on: string; i: number | null; j: number | null; site_id: string | null }>`
		WITH p AS (SELECT projected_srid AS srid, ST_Transform(boundary, projected_srid) AS b FROM place WHERE id = ${placeId}),
		     f AS (SELECT f.*, ST_Transform(f.geom, p.srid) AS pg, p.srid, p.b FROM community_finance f, p WHERE f.place_id = ${placeId})
		SELECT f.amount_gbp::text AS amount_gbp, f.kind, f.recipient_type, to_char(f.received_on, 'YYYY-MM-DD') AS received_on, h.i, h.j,
		       COALESCE(f.macro_asset_id, (
		           SELECT m.id FROM macro_asset m
		           WHERE m.place_id = ${placeId} AND ST_DWithin(ST_Transform(m.geom, f.srid), f.pg, ${catchmentMetres}::float8)
		           ORDER BY ST_Distance(ST_Transform(m.geom, f.srid), f.pg), m.id LIMIT 1)) AS site_id
		FROM f
		LEFT JOIN LATERAL (
		    SELECT g.i, g.j FROM ST_HexagonGrid(${cellMetres}::float8, f.b) AS g
		    WHERE ST_Intersects(g.geom, f.pg) ORDER BY g.i, g.j LIMIT 1) AS h ON true`.execute(db);
	return rows.map((r) => ({
		amountGbp: Number(r.amount_gbp),
		kind: r.kind,
		recipientType: r.recipient_type,
		receivedOn: r.received_on,
		i: r.i === null ? null : Number(r.i),
		j: r.j === null ? null : Number(r.j),
		siteId: r.site_id
	}));
}

/** The outlines (WGS84 GeoJSON) of the place's hexagons of side `cellMetres`. */
export async function cellOutlines(db: Db, placeId: string, cellMetres: number): Promise<{ i: number; j: number; geometry: unknown }[]> {
	const { rows } = await sql<{ i: number; j: number; geometry: unknown }>`
		SELECT h.i, h.j, ST_AsGeoJSON(ST_Transform(h.geom, 4326), 6)::json AS geometry
		FROM place p, ST_Transform(p.boundary, p.projected_srid) AS b, ST_HexagonGrid(${cellMetres}::float8, b) AS h
		WHERE p.id = ${placeId} AND ST_Intersects(h.geom, b)`.execute(db);
	return rows.map((r) => ({ i: Number(r.i), j: Number(r.j), geometry: typeof r.geometry === 'string' ? JSON.parse(r.geometry) : r.geometry }));
}
