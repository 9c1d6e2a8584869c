/**
 * The only SQL the walking network runs. Rows travel to the database as one JSON text parameter
 * per batch, unpacked by json_to_recordset: a batch of 5,000 nodes is one parameter rather than
 * 25,000, which both drivers bind quickly and which stays far below PostgreSQL's 65,535 limit.
 * Coordinates are projected by ST_Transform, the same transformation that places origins, sites
 * and cells in the place's projected CRS, so every distance is measured in one frame.
 */
import { sql, type Kysely } from 'kysely';
import type { WalkNetworkEdge, WalkNetworkNode } from '../../domain/osm/network';
import type { RoutingEdge } from '../../domain/walking/routing-graph';
import type { Database } from '../db/schema';

type Db = Kysely<Database>;

/** The place's projected SRID (27700 for British places), or undefined when there is no such place. */
export async function placeProjectedSrid(db: Db, placeId: string): Promise<number | undefined> {
	const row = await db.selectFrom('place').select('projected_srid').where('id', '=', placeId).executeTakeFirst();
	return row?.projected_srid;
}

/** Deletes a place's walking network (nodes, edges and the distances made from it cascade). */
export async function deleteWalkNetwork(db: Db, placeId: string): Promise<boolean> {
	const deleted = await db.deleteFrom('walk_network').where('place_id', '=', placeId).returning('id').execute();
	return deleted.length > 0;
}

export interface NewWalkNetwork {
	readonly placeId: string;
	readonly sourceName: string;
	readonly nodeCount: number;
	readonly edgeCount: number;
	readonly mainComponentNodes: number;
}

/** Inserts the network row (its total length is filled in by `finishWalkNetwork`); returns its id. */
export async function insertWalkNetwork(db: Db, network: NewWalkNetwork): Promise<string> {
	const row = await db
		.insertInto('walk_network')
		.values({
			place_id: network.placeId,
			source_name: network.sourceName,
			node_count: network.nodeCount,
			edge_count: network.edgeCount,
			main_component_nodes: network.mainComponentNodes,
			total_length_m: 0
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return String(row.id);
}

/** Inserts nodes, projecting WGS84 longitude/latitude to `srid`. */
export async function insertWalkNodes(db: Db, networkId: string, srid: number, nodes: readonly WalkNetworkNode[]): Promise<void> {
	const rows = JSON.stringify(nodes.map((node) => ({ id: node.id, osm_id: node.osmId, component: node.component, lon: node.lon, lat: node.lat })));
	await sql`
		INSERT INTO walk_node (network_id, id, osm_id, component, geom)
		SELECT ${networkId}::bigint, r.id, r.osm_id, r.component,
		       ST_Transform(ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), ${srid}::integer)
		FROM json_to_recordset(${rows}::text::json) AS r (id bigint, osm_id bigint, component integer, lon float8, lat float8)`.execute(db);
}

/**
 * Inserts edges between nodes already inserted; each edge's line and its length in metres (in the
 * projected CRS) are made here, once, and both routers read that length.
 */
export async function insertWalkEdges(db: Db, networkId: string, edges: readonly WalkNetworkEdge[]): Promise<void> {
	const rows = JSON.stringify(
		edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, osm_way_id: edge.osmWayId, highway: edge.highway }))
	);
	await sql`
		INSERT INTO walk_edge (network_id, id, source, target, length_m, osm_way_id, highway, geom)
		SELECT ${networkId}::bigint, r.id, r.source, r.target, ST_Distance(a.geom, b.geom), r.osm_way_id, r.highway,
		       ST_MakeLine(a.geom, b.geom)
		FROM json_to_recordset(${rows}::text::json) AS r (id bigint, source bigint, target bigint, osm_way_id bigint, highway text)
		JOIN walk_node a ON a.network_id = ${networkId}::bigint AND a.id = r.source
		JOIN walk_node b ON b.network_id = ${networkId}::bigint AND b.id = r.target`.execute(db);
}

/**
 * Refreshes the planner's statistics of a table just written. PGlite never analyses by itself, and
 * stale numbers mislead it twice: joining edges to nodes by scanning all nodes for each edge (14 s
 * instead of 1 s for Smethwick), and finding the nearest node by sorting the whole network instead
 * of walking the GiST index (18 ms per origin instead of 0.2 ms).
 */
export async function analyseTable(db: Db, table: 'walk_node' | 'walk_edge'): Promise<void> {
	await sql`ANALYZE ${sql.table(table)}`.execute(db);
}

export interface WalkNetworkTotals {
	readonly totalLengthM: number;
	/** Nodes outside the place's boundary (a file for somewhere else, or a generous extract). */
	readonly nodesOutsidePlace: number;
}

/** Stores the network's total length and reports how much of it lies outside its place. */
export async function finishWalkNetwork(db: Db, networkId: string): Promise<WalkNetworkTotals> {
	const { rows } = await sql<{ total_length_m: number; outside: number }>`
		WITH total AS (
			UPDATE walk_network
			SET total_length_m = (SELECT coalesce(sum(length_m), 0) FROM walk_edge WHERE network_id = ${networkId}::bigint)
			WHERE id = ${networkId}::bigint
			RETURNING total_length_m, place_id
		)
		SELECT total.total_length_m,
		       (SELECT count(*)::integer FROM walk_node n, place p
		        WHERE p.id = total.place_id AND n.network_id = ${networkId}::bigint
		          AND NOT ST_Intersects(n.geom, ST_Transform(p.boundary, p.projected_srid))) AS outside
		FROM total`.execute(db);
	const row = rows[0]!;
	return { totalLengthM: Number(row.total_length_m), nodesOutsidePlace: Number(row.outside) };
}

export interface WalkNetworkInfo {
	readonly networkId: string;
	readonly srid: number;
	readonly nodeCount: number;
	/** Changes with every import: what the in-memory graph cache checks. */
	readonly version: string;
}

/** The place's walking network, or undefined when it has none. */
export async function findWalkNetwork(db: Db, placeId: string): Promise<WalkNetworkInfo | undefined> {
	const { rows } = await sql<{ id: string | number; srid: number; node_count: number; version: string }>`
		SELECT n.id, p.projected_srid AS srid, n.node_count,
		       n.imported_at::text || '/' || n.edge_count || '/' || n.total_length_m AS version
		FROM walk_network n JOIN place p ON p.id = n.place_id
		WHERE n.place_id = ${placeId}::text`.execute(db);
	const row = rows[0];
	return row && { networkId: String(row.id), srid: Number(row.srid), nodeCount: Number(row.node_count), version: row.version };
}

/** Every edge of a network, for the TypeScript router. */
export async function walkEdges(db: Db, networkId: string): Promise<RoutingEdge[]> {
	const { rows } = await sql<{ source: number; target: number; length: number }>`
		SELECT source::integer AS source, target::integer AS target, length_m AS length
		FROM walk_edge WHERE network_id = ${networkId}::bigint`.execute(db);
	return rows.map((row) => ({ source: Number(row.source), target: Number(row.target), length: Number(row.length) }));
}

/** Where a point or a site joins the network: a node of the main component and the metres to it. */
export interface Snap {
	readonly key: string;
	readonly node: number;
	readonly metres: number;
}

/**
 * Snaps points in the projected CRS to the nearest node of the network's main component (the
 * KNN operator <-> walks the GiST index). Points farther than `maxMetres` from every node are left
 * out: nothing walkable is near them.
 */
export async function snapPoints(
	db: Db,
	network: WalkNetworkInfo,
	points: readonly { id: string; x: number; y: number }[],
	maxMetres: number
): Promise<Snap[]> {
	if (points.length === 0) return [];
	const rows = JSON.stringify(points.map((point) => ({ key: point.id, x: point.x, y: point.y })));
	const { rows: snaps } = await sql<Snap>`
		SELECT p.key, nearest.node, nearest.metres
		FROM json_to_recordset(${rows}::text::json) AS p (key text, x float8, y float8)
		CROSS JOIN LATERAL (
			SELECT n.id::integer AS node, n.geom <-> ST_SetSRID(ST_MakePoint(p.x, p.y), ${network.srid}::integer) AS metres
			FROM walk_node n
			WHERE n.network_id = ${network.networkId}::bigint AND n.component = 0
			ORDER BY n.geom <-> ST_SetSRID(ST_MakePoint(p.x, p.y), ${network.srid}::integer)
			LIMIT 1
		) AS nearest
		WHERE nearest.metres <= ${maxMetres}::float8`.execute(db);
	return snaps.map((snap) => ({ key: snap.key, node: Number(snap.node), metres: Number(snap.metres) }));
}

/**
 * Snaps sites (WGS84 GeoJSON geometries) to the main-component node nearest their geometry; the
 * metres are from that node to the geometry (0 when the node lies inside a site's polygon).
 */
export async function snapSites(
	db: Db,
	network: WalkNetworkInfo,
	sites: readonly { key: string; geojson: string }[],
	maxMetres: number
): Promise<Snap[]> {
	if (sites.length === 0) return [];
	const rows = JSON.stringify(sites.map((site) => ({ key: site.key, geojson: site.geojson })));
	const { rows: snaps } = await sql<Snap>`
		WITH site AS (
			SELECT s.key, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(s.geojson), 4326), ${network.srid}::integer) AS geom
			FROM json_to_recordset(${rows}::text::json) AS s (key text, geojson text)
		)
		SELECT site.key, nearest.node, nearest.metres
		FROM site
		CROSS JOIN LATERAL (
			SELECT n.id::integer AS node, ST_Distance(n.geom, site.geom) AS metres
			FROM walk_node n
			WHERE n.network_id = ${network.networkId}::bigint AND n.component = 0
			ORDER BY n.geom <-> site.geom
			LIMIT 1
		) AS nearest
		WHERE nearest.metres <= ${maxMetres}::float8`.execute(db);
	return snaps.map((snap) => ({ key: snap.key, node: Number(snap.node), metres: Number(snap.metres) }));
}

/** Whether pgRouting is installed in this database, creating it when the server offers it. */
export async function ensurePgRouting(db: Db): Promise<boolean> {
	const { rows } = await sql<{ installed: boolean; offered: boolean }>`
		SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgrouting') AS installed,
		       EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting') AS offered`.execute(db);
	const { installed, offered } = rows[0]!;
	if (installed) return true;
	if (!offered) return false;
	// Inside a caller's transaction a failed CREATE (no privilege) must not abort it: a savepoint
	// takes the failure back.
	const savepoint = db.isTransaction;
	if (savepoint) await sql`SAVEPOINT walk_pgrouting`.execute(db);
	try {
		await sql`CREATE EXTENSION IF NOT EXISTS pgrouting`.execute(db);
		if (savepoint) await sql`RELEASE SAVEPOINT walk_pgrouting`.execute(db);
		return true;
	} catch {
		if (savepoint) await sql`ROLLBACK TO SAVEPOINT walk_pgrouting`.execute(db);
		return false;
	}
}

/**
 * Network metres between nodes by pgRouting's pgr_dijkstraCost (many-to-many, undirected, cost =
 * length_m either way). Returns a row per connected (source, target) pair with source ≠ target;
 * pgRouting gives no row for a node to itself.
 */
export async function pgRoutingCosts(
	db: Db,
	networkId: string,
	sources: readonly number[],
	targets: readonly number[]
): Promise<Array<{ source: number; target: number; metres: number }>> {
	// pgRouting takes its edges as SQL text. The network id is formatted into it, after checking
	// that it is a positive integer (it comes from walk_network.id, never from a request); the
	// node arrays and everything else travel as parameters.
	if (!/^[1-9]\d{0,18}$/.test(networkId)) throw new Error(`walking network id "${networkId}" is not an integer`);
	const edgesSql = `SELECT id, source, target, length_m AS cost FROM walk_edge WHERE network_id = ${networkId}`;
	const { rows } = await sql<{ source: number; target: number; metres: number }>`
		SELECT start_vid::integer AS source, end_vid::integer AS target, agg_cost AS metres
		FROM pgr_dijkstraCost(
			${edgesSql}::text,
			ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(sources)}::text::jsonb)::bigint),
			ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(targets)}::text::jsonb)::bigint),
			directed := false)`.execute(db);
	return rows.map((row) => ({ source: Number(row.source), target: Number(row.target), metres: Number(row.metres) }));
}

/**
 * The nodes of the shortest path for each (source, target) pair by pgRouting's pgr_dijkstra with a
 * combinations query (pgRouting ≥ 3.1), undirected over the same stored lengths as
 * pgr_dijkstraCost; keyed `${source}:${target}`, each path from source to target inclusive. A pair
 * with no path (or source = target) has no entry.
 */
export async function pgRoutingPaths(
	db: Db,
	networkId: string,
	pairs: readonly { source: number; target: number }[]
): Promise<Map<string, number[]>> {
	const paths = new Map<string, number[]>();
	const wanted = pairs.filter((pair) => pair.source !== pair.target);
	if (wanted.length === 0) return paths;
	// Both queries are SQL text for pgRouting: the network id and the node ids are checked to be
	// integers before they are formatted in (they come from the database's own snapping, never
	// from a request).
	if (!/^[1-9]\d{0,18}$/.test(networkId)) throw new Error(`walking network id "${networkId}" is not an integer`);
	for (const pair of wanted) {
		if (!Number.isSafeInteger(pair.source) || !Number.isSafeInteger(pair.target)) throw new Error(`node pair ${pair.source}-${pair.target} is not integers`);
	}
	const edgesSql = `SELECT id, source, target, length_m AS cost FROM walk_edge WHERE network_id = ${networkId}`;
	const combinationsSql = `SELECT * FROM (VALUES ${wanted.map((pair) => `(${pair.source}::bigint, ${pair.target}::bigint)`).join(', ')}) AS pair (source, target)`;
	const { rows } = await sql<{ source: number; target: number; node: number }>`
		SELECT start_vid::integer AS source, end_vid::integer AS target, node::integer AS node
		FROM pgr_dijkstra(${edgesSql}::text, ${combinationsSql}::text, directed := false)
		ORDER BY seq`.execute(db);
	for (const row of rows) {
		const key = `${Number(row.source)}:${Number(row.target)}`;
		let path = paths.get(key);
		if (!path) paths.set(key, (path = []));
		path.push(Number(row.node));
	}
	return paths;
}

/** Positions of network nodes in WGS84 [lon, lat], by node id (for drawing a walk). */
export async function walkNodePositions(db: Db, networkId: string, nodes: readonly number[]): Promise<Map<number, [number, number]>> {
	const positions = new Map<number, [number, number]>();
	if (nodes.length === 0) return positions;
	const { rows } = await sql<{ id: number; lon: number; lat: number }>`
		SELECT n.id::integer AS id, ST_X(p.geom) AS lon, ST_Y(p.geom) AS lat
		FROM walk_node n
		CROSS JOIN LATERAL (SELECT ST_Transform(n.geom, 4326) AS geom) AS p
		WHERE n.network_id = ${networkId}::bigint
		  AND n.id IN (SELECT jsonb_array_elements_text(${JSON.stringify([...new Set(nodes)])}::text::jsonb)::bigint)`.execute(db);
	for (const row of rows) positions.set(Number(row.id), [Number(row.lon), Number(row.lat)]);
	return positions;
}
