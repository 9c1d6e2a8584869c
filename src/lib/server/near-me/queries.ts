/**
 * SQL for "near me": public records only (macro-assets and their opportunities, community hubs,
 * social enterprises, wards), measured from one origin point. Distances are geodesic metres
 * (`geography`), straight-line; the walking network, where loaded, is asked in service.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, HubType, OpportunityKind } from '../db/schema';

type Db = Kysely<Database>;

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

/** Whether a WGS84 point lies within `metres` of the place's boundary. */
export async function isNearPlace(db: Db, placeId: string, lon: number, lat: number, metres: number): Promise<boolean> {
	const row = await db
		.selectFrom('place')
		.select(sql<boolean>`ST_DWithin(boundary::geography, ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)::geography, ${metres}::float8)`.as('near'))
		.where('id', '=', placeId)
		.executeTakeFirst();
	return row?.near === true;
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

export interface HubAddressRow {
	address: string | null;
	lon: number;
	lat: number;
}

/** Hubs' addresses and positions: public records the postcode districts and sectors are placed from. */
export async function hubAddresses(db: Db, placeId: string): Promise<HubAddressRow[]> {
	const rows = await db
		.selectFrom('community_hub')
		.select(['address'])
		.select(sql<number>`ST_X(geom)`.as('lon'))
		.select(sql<number>`ST_Y(geom)`.as('lat'))
		.where('place_id', '=', placeId)
		.orderBy('id')
		.execute();
	return rows.map((row) => ({ address: row.address, lon: Number(row.lon), lat: Number(row.lat) }));
}

export interface OpportunityRow {
	id: string;
	title: string;
	kind: OpportunityKind;
	count: number;
	illustrative: boolean;
	siteId: string;
	siteName: string;
	siteOwners: string[];
	sitePartners: string[];
	/** Metres from the origin to the site's boundary (0 inside it). */
	metres: number;
	/** The nearest point of the site to the origin, for the map. */
	lon: number;
	lat: number;
	/** The site's geometry as GeoJSON text, for the walking network's snapping. */
	siteGeojson: string;
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

export interface NearbyRows {
	opportunities: OpportunityRow[];
	hubs: HubRow[];
	enterprises: EnterpriseRow[];
}

/**
 * Every opportunity of the place's macro-assets and every hub and social enterprise, each with its
 * straight-line (geodesic) metres from the origin, nearest first. Scenario opportunities (planners'
 * drafts) are a different table and never read here.
 */
export async function nearbyPublicRecords(db: Db, placeId: string, lon: number, lat: number): Promise<NearbyRows> {
	const origin = sql`ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)`;
	const metres = (column: string) => sql<number>`round(ST_Distance(${sql.ref(column)}::geography, ${origin}::geography))::int`;
	const [opportunities, hubs, enterprises] = await Promise.all([
		db
			.selectFrom('opportunity as o')
			.innerJoin('macro_asset as m', 'm.id', 'o.macro_asset_id')
			.select(['o.id', 'o.title', 'o.kind', 'o.count', 'o.illustrative', 'm.id as site_id', 'm.name as site_name', 'm.owners', 'm.partners'])
			.select(metres('m.geom').as('metres'))
			.select(sql<number>`ST_X(ST_ClosestPoint(m.geom, ${origin}))`.as('lon'))
			.select(sql<number>`ST_Y(ST_ClosestPoint(m.geom, ${origin}))`.as('lat'))
			.select(sql<string>`ST_AsGeoJSON(m.geom, 6)`.as('site_geojson'))
			.where('m.place_id', '=', placeId)
			.orderBy('metres')
			.orderBy('m.id')
			.orderBy('o.kind')
			.orderBy(sql`lower(o.title) COLLATE "C"`)
			.orderBy('o.id')
			.execute(),
		db
			.selectFrom('community_hub as h')
			.select(['h.id', 'h.name', 'h.hub_type', 'h.address'])
			.select(metres('h.geom').as('metres'))
			.select(sql<number>`ST_X(h.geom)`.as('lon'))
			.select(sql<number>`ST_Y(h.geom)`.as('lat'))
			.where('h.place_id', '=', placeId)
			.orderBy('metres')
			.orderBy('h.id')
			.execute(),
		db
			.selectFrom('social_enterprise as e')
			.select(['e.id', 'e.name', 'e.consortium', 'e.offers', 'e.synthetic'])
			.select(metres('e.geom').as('metres'))
			.select(sql<number>`ST_X(e.geom)`.as('lon'))
			.select(sql<number>`ST_Y(e.geom)`.as('lat'))
			.where('e.place_id', '=', placeId)
			.orderBy('metres')
			.orderBy('e.id')
			.limit(50)
			.execute()
	]);
	return {
		opportunities: opportunities.map((row) => ({
			id: row.id,
			title: row.title,
			kind: row.kind,
			count: row.count,
			illustrative: row.illustrative,
			siteId: row.site_id,
			siteName: row.site_name,
			siteOwners: row.owners,
			sitePartners: row.partners,
			metres: Number(row.metres),
			lon: Number(row.lon),
			lat: Number(row.lat),
			siteGeojson: row.site_geojson
		})),
		hubs: hubs.map((row) => ({ id: row.id, name: row.name, hubType: row.hub_type, address: row.address, metres: Number(row.metres), lon: Number(row.lon), lat: Number(row.lat) })),
		enterprises: enterprises.map((row) => ({
			id: row.id,
			name: row.name,
			consortium: row.consortium,
			offers: row.offers,
			synthetic: row.synthetic,
			metres: Number(row.metres),
			lon: Number(row.lon),
			lat: Number(row.lat)
		}))
	};
}
