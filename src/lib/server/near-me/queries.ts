/**
 * SQL for "near me": public records only (macro-assets and their opportunities, community hubs,
 * social enterprises, wards) and the projections between WGS84 and the place's CRS. Distances are
 * worked out in service.ts (straight-line) or along the walking network (walking/distances.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Database, HubType, OpportunityKind } from '../db/schema';
import { dateSql, isLiveOpportunity, todaySql } from '../opportunities/queries';

type Db = Kysely<Database>;

/**
 * Every table a near-me answer is made from; each has a change counter (data_version, bumped by a
 * statement trigger, migrations 0006/0007). walk_node has none, but nodes are only ever written
 * with a new walk_network row, which bumps its counter.
 */
export const NEAR_ME_TABLES = ['place', 'macro_asset', 'opportunity', 'community_hub', 'social_enterprise', 'reference_area', 'walk_network', 'walk_edge'] as const;

export interface NearMeState {
	/** The tables' versions and today's date as one string: equal strings mean equal answers. */
	readonly signature: string;
	/** Today (YYYY-MM-DD) as the live-opportunity rule reads it: a vacancy closes at midnight with no statement to bump a counter. */
	readonly today: string;
}

/** One indexed read: whether anything held for near-me answers still holds. */
export async function readNearMeState(db: Db): Promise<NearMeState> {
	const { rows } = await sql<{ versions: unknown; today: string }>`
		SELECT (SELECT COALESCE(json_object_agg(table_name, version), '{}'::json) FROM data_version WHERE table_name = ANY(${[...NEAR_ME_TABLES]}::text[])) AS versions,
		       to_char(${todaySql()}, 'YYYY-MM-DD') AS today`.execute(db);
	const row = rows[0]!;
	const versions = (typeof row.versions === 'string' ? JSON.parse(row.versions) : row.versions) as Record<string, number | string>;
	const signature = [...NEAR_ME_TABLES.map((table) => `${table}:${versions[table] ?? 0}`), `today:${row.today}`].join(',');
	return { signature, today: row.today };
}

export interface PlaceForNearMe {
	id: string;
	name: string;
	projectedSrid: number;
}

/** The place to serve: the one asked for, else the first by name. */
export async function placeForNearMe(db: Db, placeId: string | undefined): Promise<PlaceForNearMe | undefined> {
	let query = db.selectFrom('place').select(['id', 'name', 'projected_srid']);
	query = placeId ? query.where('id', '=', placeId) : query.orderBy(sql`lower(name) COLLATE "C"`).orderBy('id').limit(1);
	const row = await query.executeTakeFirst();
	return row && { id: row.id, name: row.name, projectedSrid: row.projected_srid };
}

/** WGS84 -> the place's projected CRS (metres). */
export async function projectPoint(db: Db, lon: number, lat: number, srid: number): Promise<{ x: number; y: number }> {
	const row = await sql<{ x: number; y: number }>`
		SELECT ST_X(p) AS x, ST_Y(p) AS y
		FROM ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), ${srid}::int) AS p`.execute(db);
	const point = row.rows[0]!;
	return { x: Number(point.x), y: Number(point.y) };
}

/** The place's projected CRS -> WGS84. */
export async function unprojectPoint(db: Db, x: number, y: number, srid: number): Promise<{ lon: number; lat: number }> {
	const row = await sql<{ lon: number; lat: number }>`
		SELECT ST_X(p) AS lon, ST_Y(p) AS lat
		FROM ST_Transform(ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), ${srid}::int), 4326) AS p`.execute(db);
	const point = row.rows[0]!;
	return { lon: Number(point.lon), lat: Number(point.lat) };
}

/** The place's bounding box in its projected CRS (metres). */
export async function projectedExtent(db: Db, placeId: string, srid: number): Promise<{ xmin: number; ymin: number; xmax: number; ymax: number }> {
	const row = await db
		.selectFrom('place')
		.select(sql<number>`ST_XMin(ST_Transform(boundary, ${srid}::int))`.as('xmin'))
		.select(sql<number>`ST_YMin(ST_Transform(boundary, ${srid}::int))`.as('ymin'))
		.select(sql<number>`ST_XMax(ST_Transform(boundary, ${srid}::int))`.as('xmax'))
		.select(sql<number>`ST_YMax(ST_Transform(boundary, ${srid}::int))`.as('ymax'))
		.where('id', '=', placeId)
		.executeTakeFirstOrThrow();
	return { xmin: Number(row.xmin), ymin: Number(row.ymin), xmax: Number(row.xmax), ymax: Number(row.ymax) };
}

export interface WardRow {
	code: string;
	name: string;
	lon: number;
	lat: number;
}

/** Imported wards that overlap the place, with a point inside each (ST_PointOnSurface). */
export async function wardsInPlace(db: Db, placeId: string): Promise<WardRow[]> {
	const rows = await db
		.selectFrom('reference_area as a')
		.innerJoin('place as p', (join) => join.on('p.id', '=', placeId))
		.select(['a.code', 'a.name'])
		.select(sql<number>`ST_X(ST_PointOnSurface(a.geom))`.as('lon'))
		.select(sql<number>`ST_Y(ST_PointOnSurface(a.geom))`.as('lat'))
		.where('a.area_type', '=', 'ward')
		.where(sql<boolean>`ST_Intersects(a.geom, p.boundary)`)
		.orderBy('a.name')
		.execute();
	return rows.map((row) => ({ code: row.code, name: row.name ?? row.code, lon: Number(row.lon), lat: Number(row.lat) }));
}

export interface HubRow {
	id: string;
	name: string;
	hubType: HubType;
	address: string | null;
	metres: number;
	lon: number;
	lat: number;
}

export interface EnterpriseRow {
	id: string;
	name: string;
	consortium: string;
	offers: string | null;
	synthetic: boolean;
	metres: number;
	lon: number;
	lat: number;
}

export interface PublicRecords {
	sites: { id: string; name: string; owners: string[]; partners: string[]; geometry: import('geojson').MultiPolygon }[];
	opportunities: { id: string; title: string; kind: OpportunityKind; count: number; illustrative: boolean; siteId: string }[];
	hubs: Omit<HubRow, 'metres'>[];
	enterprises: Omit<EnterpriseRow, 'metres'>[];
	/** The place's bounding box, WGS84. */
	bbox: [number, number, number, number];
	hasWalkNetwork: boolean;
}

/**
 * Everything public a near-me answer is made from, for one place, read at once (held in memory by
 * the service); opportunities are those live on `today` (YYYY-MM-DD, from readNearMeState), so the
 * rows agree with the date that labels them.
 */
export async function publicRecords(db: Db, placeId: string, today: string): Promise<PublicRecords> {
	const [sites, opportunities, hubs, enterprises, place, network] = await Promise.all([
		db
			.selectFrom('macro_asset')
			.select(['id', 'name', 'owners', 'partners'])
			.select(sql<string>`ST_AsGeoJSON(geom, 6)`.as('geojson'))
			.where('place_id', '=', placeId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('opportunity as o')
			.innerJoin('macro_asset as m', 'm.id', 'o.macro_asset_id')
			.select(['o.id', 'o.title', 'o.kind', 'o.count', 'o.illustrative', 'o.macro_asset_id'])
			.where('m.place_id', '=', placeId)
			// A vacancy past its closing date (issue 14) is no longer an opportunity.
			.where(isLiveOpportunity('o', dateSql(today)))
			.orderBy('o.kind')
			.orderBy(sql`lower(o.title) COLLATE "C"`)
			.orderBy('o.id')
			.execute(),
		db
			.selectFrom('community_hub')
			.select(['id', 'name', 'hub_type', 'address'])
			.select(sql<number>`ST_X(geom)`.as('lon'))
			.select(sql<number>`ST_Y(geom)`.as('lat'))
			.where('place_id', '=', placeId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('social_enterprise')
			.select(['id', 'name', 'consortium', 'offers', 'synthetic'])
			.select(sql<number>`ST_X(geom)`.as('lon'))
			.select(sql<number>`ST_Y(geom)`.as('lat'))
			.where('place_id', '=', placeId)
			// Public only when the enterprise consented to be published (issue 15, migration 0013).
			.where('consent_to_publish', '=', true)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('place')
			.select(sql<number>`ST_XMin(boundary)`.as('west'))
			.select(sql<number>`ST_YMin(boundary)`.as('south'))
			.select(sql<number>`ST_XMax(boundary)`.as('east'))
			.select(sql<number>`ST_YMax(boundary)`.as('north'))
			.where('id', '=', placeId)
			.executeTakeFirstOrThrow(),
		db.selectFrom('walk_network').select('id').where('place_id', '=', placeId).executeTakeFirst()
	]);
	return {
		sites: sites.map((s) => ({ id: s.id, name: s.name, owners: s.owners, partners: s.partners, geometry: JSON.parse(s.geojson) })),
		opportunities: opportunities.map((o) => ({ id: o.id, title: o.title, kind: o.kind, count: o.count, illustrative: o.illustrative, siteId: o.macro_asset_id })),
		hubs: hubs.map((h) => ({ id: h.id, name: h.name, hubType: h.hub_type, address: h.address, lon: Number(h.lon), lat: Number(h.lat) })),
		enterprises: enterprises.map((e) => ({ id: e.id, name: e.name, consortium: e.consortium, offers: e.offers, synthetic: e.synthetic, lon: Number(e.lon), lat: Number(e.lat) })),
		bbox: [Number(place.west), Number(place.south), Number(place.east), Number(place.north)],
		hasWalkNetwork: network !== undefined
	};
}
