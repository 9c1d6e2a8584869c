/**
 * `npm run bench` (routes part, also `tsx scripts/bench-routes.ts`): the outreach route solver's
 * figures of issue 12.
 *  1. TSPLIB berlin52 and eil51 (../shared/data/benchmarks/tsplib): gap to the known optimum and
 *     time, with the default settings, and the fewest kicks that reach the optimum.
 *  2. 50 and 200 random stops on the Smethwick walking network (../shared OSM extract): our closed
 *     tour against pgRouting's pgr_TSP on the same matrix (on the real server at BENCH_DATABASE_URL,
 *     default postgres://postgres@127.0.0.1:5432/postgres; a scratch database is created and
 *     dropped), as a ratio, and our time.
 * Parts whose data or server is missing are skipped with a line saying so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { AtlasDatabase } from '../src/lib/server/db/index';
import { openDatabase } from '../src/lib/server/db/index';
import { createWalkBenchPlace, walkingBenchPoints } from '../src/lib/server/bench/score-load';
import { migrate } from '../src/lib/server/db/migrator';
import { installPgRoutingForBench, pgrTspTour, projectIntoPlace } from '../src/lib/server/outreach/queries';
import { planOutreach } from '../src/lib/server/outreach/service';
import { DEFAULT_MAX_SNAP_METRES } from '../src/lib/server/walking/distances';
import { importOsmNetwork } from '../src/lib/server/walking/import';
import { findWalkNetwork, snapPoints } from '../src/lib/server/walking/queries';
import { buildWalkNetwork } from '../src/lib/domain/osm/network';
import { matrixFrom, routeLength, type DistanceMatrix } from '../src/lib/domain/routing/matrix';
import { solveRoute } from '../src/lib/domain/routing/solve';
import { parseTsplibEuc2d } from '../src/lib/domain/routing/tsplib';
import { createRandom } from '../src/lib/domain/synthetic/random';
import { RoutingGraph } from '../src/lib/domain/walking/routing-graph';
import { readOsmFile } from '../src/lib/server/walking/read-osm';

const root = path.resolve(import.meta.dirname, '..');
const TSPLIB = path.resolve(root, '../shared/data/benchmarks/tsplib');
const SMETHWICK = path.resolve(root, '../shared/data/real/osm-smethwick-quickosm/smethwick_roads_reconstructed.osm.pbf');
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * 3. The service end to end (POST /api/routes/outreach without HTTP): snapping, the walking matrix,
 * the solver and the walk drawn along the streets, for 50, 200 and 500 stops spread over the
 * Smethwick network, closed routes.
 */
async function serviceBench(label: string, database: AtlasDatabase): Promise<void> {
	const { db } = database;
	const place = 'bench-walk';
	await createWalkBenchPlace(db, place);
	const imported = performance.now();
	await importOsmNetwork(db, { placeId: place, file: SMETHWICK });
	const importMs = performance.now() - imported;
	const points = await walkingBenchPoints(db, place, 1, 560, 'bench-routes');
	let stops = points.sites.map((site, k) => {
		const [lon, lat] = (JSON.parse(site.geojson) as { coordinates: [number, number] }).coordinates;
		return { id: `stop-${k}`, lon, lat };
	});
	// A random point can fall more than 400 m from any path (the service would refuse it, naming it): keep those it reaches.
	const projected = (await projectIntoPlace(db, place, stops.map((stop) => ({ key: stop.id, lon: stop.lon, lat: stop.lat }))))!;
	const network = (await findWalkNetwork(db, place))!;
	const snaps = await snapPoints(db, network, projected.points.map((p) => ({ id: p.key, x: p.x, y: p.y })), DEFAULT_MAX_SNAP_METRES);
	const reachable = new Set(snaps.map((snap) => snap.key));
	stops = stops.filter((stop) => reachable.has(stop.id));
	for (const count of [50, 200, 500]) {
		const run = () => planOutreach(db, { place, stops: stops.slice(0, count), return: true, distance: 'walk' });
		const first = performance.now();
		const plan = await run();
		const firstMs = performance.now() - first;
		const again = performance.now();
		await run();
		const againMs = performance.now() - again;
		console.log(
			`${label}: ${count} walking stops planned end to end (${plan.engine}, ${plan.method}): first ${ms(firstMs)}, again ${ms(againMs)}; ` +
				`${(plan.distance_m / 1000).toFixed(1)} km, ${plan.geometry?.coordinates.length ?? 0} points drawn` +
				(count === 50 ? ` (network imported in ${(importMs / 1000).toFixed(1)} s)` : '')
		);
	}
}

console.log(`routes bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);

// 1. TSPLIB
if (fs.existsSync(TSPLIB)) {
	for (const [name, optimum] of [
		['berlin52', 7542],
		['eil51', 426]
	] as const) {
		const { matrix } = parseTsplibEuc2d(fs.readFileSync(path.join(TSPLIB, `${name}.tsp`), 'utf8'));
		const times: number[] = [];
		const gaps: number[] = [];
		for (const seed of ['a', 'b', 'c', 'd', 'e']) {
			const started = performance.now();
			const route = solveRoute(matrix, { closed: true, seed });
			times.push(performance.now() - started);
			gaps.push(route.length / optimum - 1);
		}
		let kicks = 0;
		for (const tries of [0, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]) {
			if (solveRoute(matrix, { closed: true, seed: 'a', iterations: tries }).length === optimum) {
				kicks = tries;
				break;
			}
			kicks = -1;
		}
		const started = performance.now();
		if (kicks >= 0) solveRoute(matrix, { closed: true, seed: 'a', iterations: kicks });
		const toOptimum = performance.now() - started;
		console.log(
			`${name} (${matrix.n} cities, optimum ${optimum}): default settings median ${ms(median(times))} over 5 seeds, ` +
				`worst gap ${(Math.max(...gaps) * 100).toFixed(2)}%; optimum reached after ${kicks < 0 ? 'more than 2000' : kicks} kicks in ${ms(toOptimum)}`
		);
	}
} else console.log(`TSPLIB part skipped: ${TSPLIB} is not here`);

// 2. Walking network against pgr_TSP
if (!fs.existsSync(SMETHWICK)) {
	console.log(`walking-network part skipped: ${SMETHWICK} is not here`);
} else {
	const network = buildWalkNetwork(await readOsmFile(SMETHWICK, 'pbf'));
	const nodes = network.nodes;
	const metres = (a: number, b: number) => {
		// Equirectangular metres: within a town the error is far below a metre per edge.
		const p = nodes[a - 1]!;
		const q = nodes[b - 1]!;
		const phi = ((p.lat + q.lat) / 2) * (Math.PI / 180);
		return Math.hypot((q.lon - p.lon) * Math.cos(phi), q.lat - p.lat) * (Math.PI / 180) * 6_371_008.8;
	};
	const graph = RoutingGraph.fromEdges(
		nodes.length,
		network.edges.map((edge) => ({ source: edge.source, target: edge.target, length: metres(edge.source, edge.target) }))
	);
	const main = nodes.filter((node) => node.component === 0).map((node) => node.id);
	let server: AtlasDatabase | undefined;
	let admin: postgres.Sql | undefined;
	const scratch = `atlas_bench_routes_${process.pid}`;
	try {
		// Creating and dropping the scratch database is the bench's own business; the pgRouting
		// queries themselves are in the queries modules (outreach/queries.ts, walking/queries.ts).
		admin = postgres(SERVER, { max: 1, onnotice: () => {}, connect_timeout: 3 });
		await admin.unsafe(`CREATE DATABASE ${scratch}`);
		const url = new URL(SERVER);
		url.pathname = `/${scratch}`;
		server = await openDatabase({ databaseUrl: url.toString(), maxConnections: 1 });
		await installPgRoutingForBench(server.db);
	} catch (err) {
		console.log(`pgr_TSP comparison skipped: no PostgreSQL with pgRouting at ${SERVER} (${(err as Error).message})`);
		await server?.close();
		server = undefined;
	}
	try {
		for (const stops of [50, 200]) {
			const random = createRandom(`bench-routes-${stops}`);
			const chosen = new Set<number>();
			while (chosen.size < stops) chosen.add(main[Math.floor(random.next() * main.length)]!);
			const ids = [...chosen];
			const rows = graph.distanceMatrix(ids, ids);
			// The network is undirected; summation order can differ in the last bits between the two
			// directions, and pgr_TSP wants a symmetric matrix: take each pair's smaller figure.
			const matrix: DistanceMatrix = matrixFrom(stops, (i, j) => Math.min(rows[i]![j]!, rows[j]![i]!));
			const times: number[] = [];
			let ours = 0;
			for (const seed of ['a', 'b', 'c']) {
				const started = performance.now();
				const route = solveRoute(matrix, { closed: true, seed });
				times.push(performance.now() - started);
				ours = Math.max(ours, route.length);
			}
			let line = `${stops} stops on the Smethwick walking network (${nodes.length} nodes): our closed tour ${(ours / 1000).toFixed(2)} km (worst of 3 seeds), median ${ms(median(times))}`;
			if (server) {
				const started = performance.now();
				const order = await pgrTspTour(server.db, stops, (i, j) => matrix.at(i, j));
				const pgrMs = performance.now() - started;
				const pgrLength = routeLength(matrix, order, true);
				line += `; pgr_TSP ${(pgrLength / 1000).toFixed(2)} km in ${ms(pgrMs)} (with loading its matrix): ours / pgr_TSP = ${(ours / pgrLength).toFixed(3)}`;
			}
			console.log(line);
		}
		if (server) {
			await migrate(server.db, path.join(root, 'migrations'));
			await serviceBench('PostgreSQL + pgRouting', server);
		}
		const embedded = await openDatabase({});
		try {
			await migrate(embedded.db, path.join(root, 'migrations'));
			await serviceBench('PGlite', embedded);
		} finally {
			await embedded.close();
		}
	} finally {
		await server?.close();
		if (admin) {
			await admin.unsafe(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(() => {});
			await admin.end();
		}
	}
}
