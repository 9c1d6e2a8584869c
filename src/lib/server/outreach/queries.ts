/**
 * The only SQL of outreach routes (issue 12): where the stops lie in the place's projected CRS,
 * the hubs nearest a start, saved routes and their visit outcomes, and pgRouting's pgr_TSP for the
 * benchmark. It returns small domain records, never rows; the rules (who may read which route,
 * what is refused) are the service's (service.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { LineString } from 'geojson';
import type { HubSuggestion, OutreachPlanResponse, SavedRouteSummary, SavedStop, VisitOutcome } from '../../contracts/routes';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

export interface ProjectedPoint {
	readonly key: string;
	/** Metres in the place's projected CRS. */
	readonly x: number;
	readonly y: number;
	/** Inside the place's boundary. */
	readonly inside: boolean;
}

/**
 * Points (WGS84) projected into the place's CRS with whether each lies inside its boundary;
 * undefined when there is no such place. One query for all the points.
 */
export async function projectIntoPlace(
	db: Db,
	placeId: string,
	points: readonly { key: string; lon: number; lat: number }[]
): Promise<{ srid: number; points: ProjectedPoint[] } | undefined> {
	const place = await db.selectFrom('place').select('projected_srid').where('id', '=', placeId).executeTakeFirst();
	if (!place) return undefined;
	if (points.length === 0) return { srid: place.projected_srid, points: [] };
	const { rows } = await sql<{ key: string; x: number; y: number; inside: boolean }>`
		WITH p AS (
			SELECT r.key, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) AS geom
			FROM json_to_recordset(${JSON.stringify(points)}::text::json) AS r (key text, lon float8, lat float8)
		)
		SELECT p.key, ST_X(q.geom) AS x, ST_Y(q.geom) AS y, ST_Intersects(place.boundary, p.geom) AS inside
		FROM p
		CROSS JOIN place
		CROSS JOIN LATERAL (SELECT ST_Transform(p.geom, place.projected_srid) AS geom) AS q
		WHERE place.id = ${placeId}`.execute(db);
	const byKey = new Map(rows.map((row) => [row.key, row]));
	return {
		srid: place.projected_srid,
		points: points.map((point) => {
			const row = byKey.get(point.key)!;
			return { key: point.key, x: Number(row.x), y: Number(row.y), inside: row.inside === true };
		})
	};
}

/** The place's community hubs nearest a point, by straight-line metres in its projected CRS. */
export async function hubsNearest(db: Db, placeId: string, from: { lon: number; lat: number }, limit: number): Promise<HubSuggestion[]> {
	const { rows } = await sql<{ id: string; name: string; hub_type: string; address: string | null; lon: number; lat: number; metres: number }>`
		SELECT h.id, h.name, h.hub_type, h.address, ST_X(h.geom) AS lon, ST_Y(h.geom) AS lat,
		       ST_Distance(ST_Transform(h.geom, p.projected_srid), ST_Transform(ST_SetSRID(ST_MakePoint(${from.lon}::float8, ${from.lat}::float8), 4326), p.projected_srid)) AS metres
		FROM community_hub h JOIN place p ON p.id = h.place_id
		WHERE h.place_id = ${placeId}
		ORDER BY metres, h.id
		LIMIT ${limit}::integer`.execute(db);
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		hubType: row.hub_type,
		address: row.address,
		lon: Number(row.lon),
		lat: Number(row.lat),
		metres: Number(row.metres)
	}));
}

export interface NewRoute {
	readonly id: string;
	readonly ownerId: string;
	readonly placeId: string;
	readonly name: string;
	readonly stops: readonly SavedStop[];
	readonly settings: unknown;
	readonly plan: OutreachPlanResponse;
}

const jsonb = (value: unknown) => sql<string>`${JSON.stringify(value)}::text::jsonb`;

export async function insertRoute(db: Db, route: NewRoute): Promise<void> {
	const geometry = route.plan.geometry ? JSON.stringify(route.plan.geometry) : null;
	// The geometry is stored once as a PostGIS line; the plan's JSON keeps everything else.
	const { geometry: _drawn, ...plan } = route.plan;
	await db
		.insertInto('outreach_route')
		.values({
			id: route.id,
			owner_id: route.ownerId,
			place_id: route.placeId,
			name: route.name,
			// Cast from text: postgres.js would otherwise send a JS string to jsonb as a JSON string.
			stops: jsonb(route.stops),
			settings: jsonb(route.settings),
			plan: jsonb(plan),
			geom: geometry === null ? null : sql`ST_SetSRID(ST_GeomFromGeoJSON(${geometry}), 4326)`,
			distance_m: route.plan.distance_m,
			duration_min: route.plan.duration_min
		})
		.execute();
}

function summaryQuery(db: Db) {
	return db
		.selectFrom('outreach_route as r')
		.innerJoin('app_user as u', 'u.id', 'r.owner_id')
		.select([
			'r.id',
			'r.place_id',
			'r.name',
			'r.owner_id',
			'u.display_name as owner_name',
			'r.distance_m',
			'r.duration_min',
			'r.created_at',
			'r.updated_at',
			sql<number>`jsonb_array_length(r.stops)`.as('stop_count'),
			sql<number>`(SELECT count(*)::integer FROM outreach_visit v WHERE v.route_id = r.id AND v.visited)`.as('visited')
		]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

function toSummary(row: SummaryRow): SavedRouteSummary {
	return {
		id: row.id,
		place: row.place_id,
		name: row.name,
		ownerId: row.owner_id,
		ownerName: row.owner_name,
		stopCount: Number(row.stop_count),
		distance_m: Number(row.distance_m),
		duration_min: Number(row.duration_min),
		visited: Number(row.visited),
		createdAt: iso(row.created_at),
		updatedAt: iso(row.updated_at)
	};
}

/** Saved routes, most recently changed first: one owner's, or everyone's when `ownerId` is undefined. */
export async function listRoutes(db: Db, ownerId: string | undefined): Promise<SavedRouteSummary[]> {
	let query = summaryQuery(db);
	if (ownerId !== undefined) query = query.where('r.owner_id', '=', ownerId);
	const rows = await query.orderBy('r.updated_at', 'desc').orderBy('r.id').execute();
	return rows.map(toSummary);
}

export interface StoredRoute {
	readonly summary: SavedRouteSummary;
	readonly stops: SavedStop[];
	readonly settings: unknown;
	/** The plan without its geometry (stored apart). */
	readonly plan: Omit<OutreachPlanResponse, 'geometry'>;
	readonly geometry: LineString | null;
}

/** One saved route, or undefined when none has this id (ids are uuids; anything else finds none). */
export async function findRoute(db: Db, id: string): Promise<StoredRoute | undefined> {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
	const row = await summaryQuery(db)
		.select(['r.stops', 'r.settings', 'r.plan', sql<string | null>`ST_AsGeoJSON(r.geom)`.as('geometry')])
		.where('r.id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
	return {
		summary: toSummary(row),
		stops: parse(row.stops) as SavedStop[],
		settings: parse(row.settings),
		plan: parse(row.plan) as Omit<OutreachPlanResponse, 'geometry'>,
		geometry: row.geometry ? (JSON.parse(row.geometry) as LineString) : null
	};
}

export async function deleteRoute(db: Db, id: string): Promise<boolean> {
	const deleted = await db.deleteFrom('outreach_route').where('id', '=', id).returning('id').execute();
	return deleted.length > 0;
}

export interface VisitInput {
	readonly visited: boolean;
	readonly peopleReached: number;
	readonly questionnaires: number;
	readonly notes: string | null;
}

/** Records (or replaces) the outcome of one stop's visit and marks the route changed. */
export async function upsertVisit(db: Db, routeId: string, stopId: string, visit: VisitInput): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('outreach_visit')
			.values({ route_id: routeId, stop_id: stopId, visited: visit.visited, people_reached: visit.peopleReached, questionnaires: visit.questionnaires, notes: visit.notes })
			.onConflict((oc) =>
				oc.columns(['route_id', 'stop_id']).doUpdateSet({
					visited: visit.visited,
					people_reached: visit.peopleReached,
					questionnaires: visit.questionnaires,
					notes: visit.notes,
					updated_at: sql`now()`
				})
			)
			.execute();
		await trx.updateTable('outreach_route').set({ updated_at: sql`now()` }).where('id', '=', routeId).execute();
	});
}

export async function listVisits(db: Db, routeId: string): Promise<VisitOutcome[]> {
	const rows = await db.selectFrom('outreach_visit').selectAll().where('route_id', '=', routeId).orderBy('stop_id').execute();
	return rows.map((row) => ({
		stopId: row.stop_id,
		visited: row.visited,
		peopleReached: Number(row.people_reached),
		questionnaires: Number(row.questionnaires),
		notes: row.notes,
		updatedAt: iso(row.updated_at)
	}));
}

/**
 * pgRouting's pgr_TSP (a 2-approximation in 3.4) on a full matrix of n nodes, closed from node 0:
 * the visiting order without the final return. The matrix travels as one JSON parameter into a
 * temporary table on one pinned connection (pgr_TSP reads its matrix by SQL text).
 */
export async function pgrTspTour(db: Db, n: number, cost: (i: number, j: number) => number): Promise<number[]> {
	const entries: { s: number; e: number; c: number }[] = [];
	for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) entries.push({ s: i + 1, e: j + 1, c: cost(i, j) });
	return db.connection().execute(async (conn) => {
		await sql`CREATE TEMP TABLE IF NOT EXISTS outreach_tsp_matrix (start_vid bigint, end_vid bigint, agg_cost float8)`.execute(conn);
		await sql`TRUNCATE outreach_tsp_matrix`.execute(conn);
		for (let k = 0; k < entries.length; k += 20_000) {
			await sql`
				INSERT INTO outreach_tsp_matrix
				SELECT r.s, r.e, r.c FROM json_to_recordset(${JSON.stringify(entries.slice(k, k + 20_000))}::text::json) AS r (s bigint, e bigint, c float8)`.execute(conn);
		}
		const { rows } = await sql<{ node: number }>`
			SELECT node::integer AS node FROM pgr_TSP('SELECT start_vid, end_vid, agg_cost FROM outreach_tsp_matrix', 1) ORDER BY seq`.execute(conn);
		await sql`DROP TABLE outreach_tsp_matrix`.execute(conn);
		// Its last row returns to the start.
		return rows.map((row) => Number(row.node) - 1).slice(0, -1);
	});
}

/** pgRouting (and PostGIS, which it requires) in a scratch database, for the benchmark's pgr_TSP. */
export async function installPgRoutingForBench(db: Db): Promise<void> {
	await sql`CREATE EXTENSION IF NOT EXISTS pgrouting CASCADE`.execute(db);
}
