/**
 * SQL for the OGC API – Features collections backed by a table: a page of features in WGS84 with
 * an optional bbox filter, the number matched, one feature by id, and the collection's extent.
 * Table and column names come from the constant list in collections.ts, never from a request.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Feature, Geometry } from 'geojson';
import type { Database } from '../db/schema';

export interface TableSource {
	readonly table: 'macro_asset' | 'community_hub' | 'social_enterprise' | 'reference_area';
	/** Columns copied into properties, by their own names. */
	readonly columns: readonly string[];
	/** The feature id column (text or bigint). */
	readonly idColumn: string;
	/** A boolean column a row must have set to be public (social enterprises' consent, migration 0013). */
	readonly publicFlag?: 'consent_to_publish';
}

export type BBox = readonly [number, number, number, number];

function filters(source: TableSource, placeId: string | undefined, bbox: BBox | undefined): RawBuilder<unknown> {
	const parts: RawBuilder<unknown>[] = [sql`true`];
	if (source.publicFlag) parts.push(sql`${sql.ref(source.publicFlag)} = true`);
	if (placeId && source.table !== 'reference_area') parts.push(sql`place_id = ${placeId}`);
	if (bbox) parts.push(sql`geom && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326) AND ST_Intersects(geom, ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326))`);
	return sql.join(parts, sql` AND `);
}

function toFeature(source: TableSource, row: Record<string, unknown>): Feature {
	const { geometry, ...rest } = row;
	const properties: Record<string, unknown> = {};
	for (const column of source.columns) {
		const value = rest[column];
		properties[column] = typeof value === 'bigint' ? Number(value) : value instanceof Date ? value.toISOString() : value;
	}
	const id = String(rest[source.idColumn]);
	return { type: 'Feature', id, geometry: (typeof geometry === 'string' ? JSON.parse(geometry) : geometry) as Geometry, properties: { ...properties, id } };
}

export async function tableItems(
	db: Kysely<Database>,
	source: TableSource,
	query: { placeId?: string; bbox?: BBox; limit: number; offset: number }
): Promise<{ features: Feature[]; numberMatched: number }> {
	const where = filters(source, query.placeId, query.bbox);
	const columns = sql.join([...new Set([source.idColumn, ...source.columns])].map((c) => sql.ref(c)));
	const [page, count] = await Promise.all([
		sql<Record<string, unknown>>`
			SELECT ${columns}, ST_AsGeoJSON(geom, 7)::json AS geometry FROM ${sql.table(source.table)}
			WHERE ${where} ORDER BY ${sql.ref(source.idColumn)} LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db),
		sql<{ n: number }>`SELECT count(*)::integer AS n FROM ${sql.table(source.table)} WHERE ${where}`.execute(db)
	]);
	return { features: page.rows.map((row) => toFeature(source, row)), numberMatched: Number(count.rows[0]!.n) };
}

export async function tableItem(db: Kysely<Database>, source: TableSource, id: string): Promise<Feature | undefined> {
	const columns = sql.join([...new Set([source.idColumn, ...source.columns])].map((c) => sql.ref(c)));
	const key = source.idColumn === 'id' && source.table === 'reference_area' ? (/^\d{1,15}$/.test(id) ? Number(id) : null) : id;
	if (key === null) return undefined;
	const { rows } = await sql<Record<string, unknown>>`
		SELECT ${columns}, ST_AsGeoJSON(geom, 7)::json AS geometry FROM ${sql.table(source.table)} WHERE ${sql.ref(source.idColumn)} = ${key} AND ${source.publicFlag ? sql`${sql.ref(source.publicFlag)} = true` : sql`true`}`.execute(db);
	return rows[0] ? toFeature(source, rows[0]) : undefined;
}

export async function tableExtent(db: Kysely<Database>, source: TableSource): Promise<BBox | null> {
	const { rows } = await sql<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>`
		SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
		FROM (SELECT ST_Extent(geom)::geometry AS e FROM ${sql.table(source.table)} WHERE ${source.publicFlag ? sql`${sql.ref(source.publicFlag)} = true` : sql`true`}) x`.execute(db);
	const r = rows[0];
	return r && r.xmin !== null ? [Number(r.xmin), Number(r.ymin), Number(r.xmax), Number(r.ymax)] : null;
}

/** The extent of all places, for collections computed over places (published layers, scores). */
export async function placesExtent(db: Kysely<Database>): Promise<BBox | null> {
	const { rows } = await sql<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>`
		SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
		FROM (SELECT ST_Extent(boundary)::geometry AS e FROM place) x`.execute(db);
	const r = rows[0];
	return r && r.xmin !== null ? [Number(r.xmin), Number(r.ymin), Number(r.xmax), Number(r.ymax)] : null;
}
