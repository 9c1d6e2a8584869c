/**
 * Walking metres from origins (score cells) to sites over a place's imported network.
 *
 * Both engines share everything but the search: origins and sites are snapped in SQL to the main
 * component (see queries.ts), and
 *   metres = snap(origin) + network(origin node, site node) + snap(site),
 * where the network part comes from pgRouting's pgr_dijkstraCost on a server that has it, or from
 * the TypeScript Dijkstra (src/lib/domain/walking/routing-graph.ts) on PGlite. Both read the same
 * stored edge lengths, so they agree to rounding.
 */
import type { Kysely } from 'kysely';
import { RoutingGraph } from '../../domain/walking/routing-graph';
import type { Database } from '../db/schema';
import { NetworkPaths } from '../../domain/routing/network-paths';
import {
	ensurePgRouting,
	findWalkNetwork,
	pgRoutingCosts,
	pgRoutingPaths,
	snapPoints,
	snapSites,
	walkEdges,
	walkNodePositions,
	type Snap,
	type WalkNetworkInfo
} from './queries';

export type WalkingEngine = 'pgrouting' | 'typescript';

export interface WalkingOrigin {
	readonly id: string;
	/** Metres in the place's projected CRS. */
	readonly x: number;
	readonly y: number;
}

export interface WalkingSite {
	readonly key: string;
	/** A WGS84 GeoJSON geometry (Point, Polygon or MultiPolygon) as text. */
	readonly geojson: string;
}

export interface WalkingDistanceRequest {
	readonly placeId: string;
	readonly origins: readonly WalkingOrigin[];
	readonly sites: readonly WalkingSite[];
	/** 'auto' (the default): pgRouting where the database has it, else TypeScript. */
	readonly engine?: 'auto' | WalkingEngine;
	/** Origins and sites farther than this from the network get no distance. Default 400 m. */
	readonly maxSnapMetres?: number;
}

export interface WalkingDistance {
	readonly originId: string;
	readonly siteKey: string;
	readonly metres: number;
}

export interface WalkingDistances {
	readonly engine: WalkingEngine;
	readonly networkId: string;
	/** One row per origin–site pair that a route joins; a missing pair is unreachable. */
	readonly distances: WalkingDistance[];
}

/** The place has no walking network to measure along. */
export class NoWalkingNetwork extends Error {
	override name = 'NoWalkingNetwork';
	constructor(readonly placeId: string) {
		super(`place "${placeId}" has no walking network: import one with npm run import -- osm <file.osm.pbf> --place ${placeId}`);
	}
}

/**
 * A snap farther than this is not "beside the network": 400 m is 5 minutes at PTAL's 80 m/min,
 * the distance TfL counts as a walk to a bus stop.
 */
export const DEFAULT_MAX_SNAP_METRES = 400;

/**
 * Whether pgRouting is usable, per database handle. A transaction is a new handle each time, so
 * inside one the check (two catalogue lookups) is repeated; the app's own handle asks once.
 */
const pgRoutingByDatabase = new WeakMap<object, Promise<boolean>>();

function pgRoutingAvailable(db: Kysely<Database>): Promise<boolean> {
	let answer = pgRoutingByDatabase.get(db);
	if (!answer) {
		answer = ensurePgRouting(db);
		pgRoutingByDatabase.set(db, answer);
		answer.catch(() => pgRoutingByDatabase.delete(db));
	}
	return answer;
}

/**
 * Built graphs by network id, each with the version (imported_at, counts) it was built from: a
 * re-import makes a new network id, and a changed version rebuilds. A few networks at most are
 * kept (one per place in use).
 */
const graphCache = new Map<string, { version: string; graph: Promise<RoutingGraph> }>();
const GRAPH_CACHE_SIZE = 8;

function routingGraph(db: Kysely<Database>, network: WalkNetworkInfo): Promise<RoutingGraph> {
	const cached = graphCache.get(network.networkId);
	if (cached?.version === network.version) return cached.graph;
	const graph = walkEdges(db, network.networkId).then((edges) => RoutingGraph.fromEdges(network.nodeCount, edges));
	graphCache.delete(network.networkId);
	graphCache.set(network.networkId, { version: network.version, graph });
	graph.catch(() => graphCache.delete(network.networkId));
	while (graphCache.size > GRAPH_CACHE_SIZE) graphCache.delete(graphCache.keys().next().value!);
	return graph;
}

/** Network metres between snapped nodes, keyed `${siteNode}:${originNode}`. */
async function networkMetres(
	db: Kysely<Database>,
	engine: WalkingEngine,
	network: WalkNetworkInfo,
	siteNodes: readonly number[],
	originNodes: readonly number[]
): Promise<Map<string, number>> {
	const metres = new Map<string, number>();
	if (engine === 'pgrouting') {
		for (const row of await pgRoutingCosts(db, network.networkId, siteNodes, originNodes)) metres.set(`${row.source}:${row.target}`, row.metres);
		return metres;
	}
	const graph = await routingGraph(db, network);
	const matrix = graph.distanceMatrix(siteNodes, originNodes);
	siteNodes.forEach((siteNode, i) => {
		const row = matrix[i]!;
		originNodes.forEach((originNode, j) => {
			if (Number.isFinite(row[j]!)) metres.set(`${siteNode}:${originNode}`, row[j]!);
		});
	});
	return metres;
}

/**
 * Walking metres from every origin to every site, over the place's walking network.
 * @throws NoWalkingNetwork when the place has none; an Error when engine 'pgrouting' is asked for
 *   and the database does not have it
 */
export async function walkingDistances(db: Kysely<Database>, request: WalkingDistanceRequest): Promise<WalkingDistances> {
	const network = await findWalkNetwork(db, request.placeId);
	if (!network) throw new NoWalkingNetwork(request.placeId);
	const wanted = request.engine ?? 'auto';
	let engine: WalkingEngine = wanted === 'auto' ? 'typescript' : wanted;
	if (wanted !== 'typescript') {
		const available = await pgRoutingAvailable(db);
		if (available) engine = 'pgrouting';
		else if (wanted === 'pgrouting') {
			throw new Error('pgRouting is not available in this database (the embedded PGlite has none; on a server, install postgresql-<version>-pgrouting)');
		}
	}
	const maxSnap = request.maxSnapMetres ?? DEFAULT_MAX_SNAP_METRES;
	const originSnaps = await snapPoints(db, network, request.origins, maxSnap);
	const siteSnaps = await snapSites(db, network, request.sites, maxSnap);
	if (originSnaps.length === 0 || siteSnaps.length === 0) return { engine, networkId: network.networkId, distances: [] };

	const distinct = (snaps: readonly Snap[]) => [...new Set(snaps.map((snap) => snap.node))];
	const metres = await networkMetres(db, engine, network, distinct(siteSnaps), distinct(originSnaps));
	const distances: WalkingDistance[] = [];
	for (const site of siteSnaps) {
		for (const origin of originSnaps) {
			// pgRouting gives no row from a node to itself; that route is 0 m long either way.
			const between = site.node === origin.node ? 0 : metres.get(`${site.node}:${origin.node}`);
			if (between !== undefined) distances.push({ originId: origin.key, siteKey: site.key, metres: origin.metres + between + site.metres });
		}
	}
	return { engine, networkId: network.networkId, distances };
}

// ---- Routes through stops (outreach routes, issue 12) ----

/** Which engine measures walks on this database: pgRouting where it is installed or can be, else TypeScript. */
export async function walkingEngine(db: Kysely<Database>): Promise<WalkingEngine> {
	return (await pgRoutingAvailable(db)) ? 'pgrouting' : 'typescript';
}

/** Network metres between every pair of the given snapped nodes, keyed `${from}:${to}`; a node to itself is 0. */
export async function metresBetweenNodes(
	db: Kysely<Database>,
	engine: WalkingEngine,
	network: WalkNetworkInfo,
	nodes: readonly number[]
): Promise<Map<string, number>> {
	const distinct = [...new Set(nodes)];
	const metres = await networkMetres(db, engine, network, distinct, distinct);
	for (const node of distinct) metres.set(`${node}:${node}`, 0);
	return metres;
}

/** Path finders by network id and version, as the distance graphs are cached (a few at most). */
const pathCache = new Map<string, { version: string; paths: Promise<NetworkPaths> }>();

function networkPaths(db: Kysely<Database>, network: WalkNetworkInfo): Promise<NetworkPaths> {
	const cached = pathCache.get(network.networkId);
	if (cached?.version === network.version) return cached.paths;
	const paths = walkEdges(db, network.networkId).then((edges) => new NetworkPaths(network.nodeCount, edges));
	pathCache.delete(network.networkId);
	pathCache.set(network.networkId, { version: network.version, paths });
	paths.catch(() => pathCache.delete(network.networkId));
	while (pathCache.size > GRAPH_CACHE_SIZE) pathCache.delete(pathCache.keys().next().value!);
	return paths;
}

/**
 * The walk along the network for each leg (from node, to node), as WGS84 [lon, lat] positions of
 * the path's nodes, both ends included: by pgRouting's pgr_dijkstra or the TypeScript Dijkstra,
 * whichever measured the distances. A leg with no path (never, between snapped nodes of the main
 * component) comes back as its two ends.
 */
export async function walkLegs(
	db: Kysely<Database>,
	engine: WalkingEngine,
	network: WalkNetworkInfo,
	legs: readonly { source: number; target: number }[]
): Promise<[number, number][][]> {
	const nodeLists = new Map<string, number[]>();
	if (engine === 'pgrouting') {
		for (const [key, nodes] of await pgRoutingPaths(db, network.networkId, legs)) nodeLists.set(key, nodes);
	} else {
		const paths = await networkPaths(db, network);
		const bySource = new Map<number, number[]>();
		for (const leg of legs) bySource.set(leg.source, [...(bySource.get(leg.source) ?? []), leg.target]);
		for (const [source, targets] of bySource) {
			paths.pathsFrom(source, targets).forEach((path, k) => {
				if (path) nodeLists.set(`${source}:${targets[k]}`, path);
			});
		}
	}
	const lists = legs.map((leg) => nodeLists.get(`${leg.source}:${leg.target}`) ?? [leg.source, leg.target].filter((node, k, all) => all.indexOf(node) === k));
	const positions = await walkNodePositions(db, network.networkId, lists.flat());
	return lists.map((list) => list.map((node) => positions.get(node)!).filter(Boolean));
}
