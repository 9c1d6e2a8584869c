/**
 * SQL of the published (anonymised) tables: a publication's settings, one filter's total and
 * units, and the suppression audit. Reads only; the restricted module writes these tables.
 */
import { sql, type Kysely } from 'kysely';
import type { MultiPolygon } from 'geojson';
import type { Database, PublishedLevel } from '../db/schema';

type Db = Kysely<Database>;

export interface PublicationRow {
	k: number;
	roundingBase: number;
	synthetic: boolean;
	records: number;
	recordsPublished: number;
	computedAt: string;
	computeMs: number;
}

export interface PublishedUnit {
	unitId: string;
	level: PublishedLevel;
	/** Rounded count, or null when withheld. */
	count: number | null;
	geometry: MultiPolygon;
}

export interface SuppressionEntry {
	filterKey: string;
	unitId: string;
	level: string;
	reason: string;
	countBand: string;
}

/** The place's current publication, or undefined before one is built. */
export async function readPublication(db: Db, placeId: string): Promise<PublicationRow | undefined> {
	const row = await db.selectFrom('publication').selectAll().where('place_id', '=', placeId).executeTakeFirst();
	return (
		row && {
			k: row.k,
			roundingBase: row.rounding_base,
			synthetic: row.synthetic,
			records: row.records,
			recordsPublished: row.records_published,
			computedAt: new Date(row.computed_at).toISOString(),
			computeMs: row.compute_ms
		}
	);
}

/** The published (rounded) total of one filter, or undefined when none was written. */
export async function readPublishedTotal(db: Db, placeId: string, filterKey: string): Promise<number | null | undefined> {
	const row = await db
		.selectFrom('published_total')
		.select('total')
		.where('place_id', '=', placeId)
		.where('filter_key', '=', filterKey)
		.executeTakeFirst();
	return row?.total;
}

/** One filter's published units with their shapes (WGS84, 6 decimals), in unit order. */
export async function readPublishedUnits(db: Db, placeId: string, filterKey: string): Promise<PublishedUnit[]> {
	const rows = await db
		.selectFrom('published_unit')
		.select(['unit_id', 'level', 'count', sql<MultiPolygon | string>`ST_AsGeoJSON(geom, 6)::json`.as('geometry')])
		.where('place_id', '=', placeId)
		.where('filter_key', '=', filterKey)
		.orderBy('unit_id')
		.execute();
	return rows.map((u) => ({
		unitId: u.unit_id,
		level: u.level,
		count: u.count,
		geometry: typeof u.geometry === 'string' ? (JSON.parse(u.geometry) as MultiPolygon) : u.geometry
	}));
}

/** What the publication withheld, by filter and unit; one filter's entries when it is given. */
export async function readSuppressionRecords(db: Db, placeId: string, filterKey?: string): Promise<SuppressionEntry[]> {
	let q = db
		.selectFrom('suppression_record')
		.select(['filter_key', 'unit_id', 'level', 'reason', 'count_band'])
		.where('place_id', '=', placeId)
		.orderBy('filter_key')
		.orderBy('unit_id');
	if (filterKey) q = q.where('filter_key', '=', filterKey);
	const rows = await q.execute();
	return rows.map((e) => ({ filterKey: e.filter_key, unitId: e.unit_id, level: e.level, reason: e.reason, countBand: e.count_band }));
}
