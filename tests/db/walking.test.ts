/**
 * The walking network on small hand-made data: what the OSM import keeps, that a re-import
 * replaces and a refused one changes nothing, and walking distances on a network laid out by hand
 * whose every answer can be worked out on paper — by the TypeScript router everywhere, and by
 * pgRouting where the server has it.
 */
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { ImportRefused } from '../../src/lib/server/imports/index';
import { NoWalkingNetwork, walkingDistances, type WalkingEngine } from '../../src/lib/server/walking/distances';
import { importOsmNetwork, PlaceNotChosen } from '../../src/lib/server/walking/import';
import { ensurePgRouting } from '../../src/lib/server/walking/queries';
import { createPlace } from './imports-support';
import { openTestDatabase, type TestDatabase } from './support';
import { pgRoutingSkipReason } from './walking-support';

const fixture = (name: string) => path.resolve('tests', 'fixtures', 'osm', name);

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

async function walkCounts(db: Kysely<Database>) {
	const { rows } = await sql<{ networks: number; nodes: number; edges: number; ids: string }>`
		SELECT (SELECT count(*)::int FROM walk_network) AS networks, (SELECT count(*)::int FROM walk_node) AS nodes,
		       (SELECT count(*)::int FROM walk_edge) AS edges, (SELECT string_agg(id::text, ',') FROM walk_network) AS ids`.execute(db);
	return rows[0]!;
}

async function rejection(promise: Promise<unknown>): Promise<ImportRefused> {
	const error = await promise.then(
		() => undefined,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(ImportRefused);
	return error as ImportRefused;
}

describe('importing a walking network from OSM XML', () => {
	it('refuses while there is no place, as a usage error naming what to do', async () => {
		const error = await rejection(importOsmNetwork(database.db, { file: fixture('tiny.osm') }));
		expect(error).toBeInstanceOf(PlaceNotChosen);
		expect(error.problems).toEqual([expect.stringMatching(/no place yet/)]);
	});

	it('keeps walkable ways only, splits at missing nodes and numbers components by size', async () => {
		await createPlace(database.db);
		const report = await importOsmNetwork(database.db, { file: fixture('tiny.osm') });
		expect(report).toMatchObject({
			placeId: 'greater-icknield',
			format: 'xml',
			osmNodes: 8,
			osmWays: 9,
			nodes: 6,
			edges: 4,
			waysKept: 4,
			waysSkipped: { motorway: 1, 'no foot access': 1, area: 1, 'not built': 1, 'no highway tag': 1, 'other highway type': 0 },
			missingNodeRefs: 1,
			components: 2,
			mainComponentNodes: 4,
			mainComponentShare: 4 / 6,
			nodesOutsidePlace: 0,
			replaced: false
		});
		// 1-2-3 along a parallel (~68 m per 0.001° of longitude at 52.48°N), 2-4 north (~111 m), 6-7 (~11 m).
		expect(report.totalLengthKm).toBeGreaterThan(0.255);
		expect(report.totalLengthKm).toBeLessThan(0.265);
		const edges = await database.db
			.selectFrom('walk_edge')
			.select(['source', 'target', 'osm_way_id', 'highway', 'length_m', sql<number>`ST_Length(geom)`.as('line_length'), sql<number>`ST_SRID(geom)`.as('srid')])
			.orderBy('id')
			.execute();
		expect(edges.map((edge) => [Number(edge.source), Number(edge.target), Number(edge.osm_way_id), edge.highway])).toEqual([
			[1, 2, 10, 'footway'],
			[2, 3, 10, 'footway'],
			[2, 4, 11, 'residential'],
			[5, 6, 14, 'path']
		]);
		for (const edge of edges) {
			expect(edge.length_m).toBeCloseTo(Number(edge.line_length), 9);
			expect(Number(edge.srid)).toBe(27700);
		}
		const nodes = await database.db.selectFrom('walk_node').select(['id', 'osm_id', 'component']).orderBy('id').execute();
		expect(nodes.map((node) => [Number(node.id), Number(node.osm_id), node.component])).toEqual([
			[1, 1, 0],
			[2, 2, 0],
			[3, 3, 0],
			[4, 4, 0],
			[5, 6, 1],
			[6, 7, 1]
		]);
	});

	it('refuses a malformed file, naming the line, and leaves the network as it was', async () => {
		const before = await walkCounts(database.db);
		const error = await rejection(importOsmNetwork(database.db, { file: fixture('broken.osm') }));
		expect(error.problems).toEqual([expect.stringMatching(/^the XML is not well-formed at line 7, column \d+: /)]);
		expect(await walkCounts(database.db)).toEqual(before);
	});

	it('refuses a file with no walkable way, one it cannot find, and one of another format', async () => {
		const fixturesOfImports = path.resolve('tests', 'fixtures', 'imports');
		expect((await rejection(importOsmNetwork(database.db, { file: path.join(fixturesOfImports, 'nowhere.osm') }))).problems).toEqual([
			expect.stringMatching(/there is no such file$/)
		]);
		expect((await rejection(importOsmNetwork(database.db, { file: fixture('tiny.osm.pbf') }))).problems).toEqual([
			expect.stringMatching(/there is no such file$/)
		]);
		expect((await rejection(importOsmNetwork(database.db, { file: fixture('README.md') }))).problems).toEqual([
			'an OSM file must end in .osm (XML) or .osm.pbf (PBF)'
		]);
	});

	it('checks everything on a dry run and writes nothing', async () => {
		const before = await walkCounts(database.db);
		const report = await importOsmNetwork(database.db, { file: fixture('tiny-2.osm'), dryRun: true });
		expect(report).toMatchObject({ dryRun: true, nodes: 2, edges: 1, replaced: true });
		expect(await walkCounts(database.db)).toEqual(before);
	});

	it('replaces the place network whole on a re-import', async () => {
		const before = await walkCounts(database.db);
		const report = await importOsmNetwork(database.db, { file: fixture('tiny-2.osm'), placeId: 'greater-icknield' });
		expect(report).toMatchObject({ replaced: true, nodes: 2, edges: 1 });
		const after = await walkCounts(database.db);
		expect(after).toMatchObject({ networks: 1, nodes: 2, edges: 1, ids: report.networkId });
		expect(after.ids).not.toBe(before.ids);
	});

	it('asks which place when there are several, and names them', async () => {
		await createPlace(database.db, 'second-place');
		const error = await rejection(importOsmNetwork(database.db, { file: fixture('tiny.osm') }));
		expect(error).toBeInstanceOf(PlaceNotChosen);
		expect(error.problems).toEqual(['the database has 2 places (greater-icknield, second-place): say which with --place <id>']);
		const unknown = await rejection(importOsmNetwork(database.db, { file: fixture('tiny.osm'), placeId: 'nowhere' }));
		expect(unknown.problems).toEqual(['there is no place "nowhere"; places are greater-icknield, second-place']);
	});
});

/**
 * A network laid out by hand in British National Grid metres around (400000, 290000):
 *
 *      4 (100,100)
 *      | \
 *      |  \ 141.42
 *  1---2---3---5        1 (0,0), 2 (100,0), 3 (200,0), 5 (300,0); every straight edge 100 m
 *
 *  6 (0,50) - 7 (0,60): a fragment (component 1) that origins must not snap to.
 */
const BASE = { x: 400_000, y: 290_000 };
const HAND_NODES: Array<[id: number, x: number, y: number, component: number]> = [
	[1, 0, 0, 0],
	[2, 100, 0, 0],
	[3, 200, 0, 0],
	[4, 100, 100, 0],
	[5, 300, 0, 0],
	[6, 0, 50, 1],
	[7, 0, 60, 1]
];
const HAND_EDGES: Array<[id: number, source: number, target: number]> = [
	[1, 1, 2],
	[2, 2, 3],
	[3, 2, 4],
	[4, 4, 3],
	[5, 3, 5],
	[6, 6, 7]
];

async function insertHandNetwork(db: Kysely<Database>, placeId: string): Promise<void> {
	await db.deleteFrom('walk_network').where('place_id', '=', placeId).execute();
	const { id } = await db
		.insertInto('walk_network')
		.values({ place_id: placeId, source_name: 'by hand', node_count: 7, edge_count: 6, main_component_nodes: 5, total_length_m: 551.42 })
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const [nodeId, x, y, component] of HAND_NODES) {
		await sql`INSERT INTO walk_node (network_id, id, osm_id, component, geom)
		          VALUES (${id}::bigint, ${nodeId}::bigint, ${nodeId}::bigint, ${component}::int,
		                  ST_SetSRID(ST_MakePoint(${BASE.x + x}::float8, ${BASE.y + y}::float8), 27700))`.execute(db);
	}
	for (const [edgeId, source, target] of HAND_EDGES) {
		await sql`INSERT INTO walk_edge (network_id, id, source, target, length_m, osm_way_id, highway, geom)
		          SELECT ${id}::bigint, ${edgeId}::bigint, a.id, b.id, ST_Distance(a.geom, b.geom), 1, 'footway', ST_MakeLine(a.geom, b.geom)
		          FROM walk_node a, walk_node b
		          WHERE a.network_id = ${id}::bigint AND a.id = ${source}::bigint AND b.network_id = ${id}::bigint AND b.id = ${target}::bigint`.execute(db);
	}
}

/** A geometry given in metres around BASE, as WGS84 GeoJSON text (what sites are). */
async function siteGeoJson(db: Kysely<Database>, wkt: string): Promise<string> {
	const { rows } = await sql<{ geojson: string }>`
		SELECT ST_AsGeoJSON(ST_Transform(ST_Translate(ST_GeomFromText(${wkt}::text, 27700), ${BASE.x}::float8, ${BASE.y}::float8), 4326), 12) AS geojson`.execute(db);
	return rows[0]!.geojson;
}

const ORIGINS = [
	// 5 m from fragment node 6 but 45 m from node 1: snaps to node 1, on the main component.
	{ id: 'a', x: BASE.x + 0, y: BASE.y + 45 },
	{ id: 'b', x: BASE.x + 100, y: BASE.y + 130 },
	// Two kilometres from everything.
	{ id: 'c', x: BASE.x + 2000, y: BASE.y + 2000 }
];

/** Worked by hand: snap(origin) + network + snap(site). */
const HAND_METRES = [
	{ originId: 'a', siteKey: 'point', metres: 45 + 300 + 20 },
	{ originId: 'a', siteKey: 'square', metres: 45 + 200 + 0 },
	{ originId: 'b', siteKey: 'point', metres: 30 + 100 * Math.SQRT2 + 100 + 20 },
	{ originId: 'b', siteKey: 'square', metres: 30 + 100 * Math.SQRT2 + 0 }
];

describe('walking distances on a network laid out by hand', () => {
	let sites: { key: string; geojson: string }[];
	beforeAll(async () => {
		await insertHandNetwork(database.db, 'second-place');
		sites = [
			{ key: 'point', geojson: await siteGeoJson(database.db, 'POINT(300 20)') },
			// A square around node 3: the node is inside, so the site is 0 m from it.
			{ key: 'square', geojson: await siteGeoJson(database.db, 'POLYGON((190 -10, 210 -10, 210 10, 190 10, 190 -10))') },
			{ key: 'far', geojson: await siteGeoJson(database.db, 'POINT(2000 -2000)') }
		];
	});

	const sorted = (rows: { originId: string; siteKey: string; metres: number }[]) =>
		[...rows].sort((p, q) => p.originId.localeCompare(q.originId) || p.siteKey.localeCompare(q.siteKey));

	async function expectHandValues(engine: WalkingEngine) {
		const result = await walkingDistances(database.db, { placeId: 'second-place', origins: ORIGINS, sites, engine });
		expect(result.engine).toBe(engine);
		const rows = sorted(result.distances);
		expect(rows.map(({ originId, siteKey }) => [originId, siteKey])).toEqual(HAND_METRES.map(({ originId, siteKey }) => [originId, siteKey]));
		rows.forEach((row, i) => expect(row.metres, `${row.originId} -> ${row.siteKey}`).toBeCloseTo(HAND_METRES[i]!.metres, 3));
	}

	it('in TypeScript, equal the hand-worked values; origins and sites beyond 400 m get none', async () => {
		await expectHandValues('typescript');
	});

	it('with a smaller snapping limit, leave out origins farther than it', async () => {
		const result = await walkingDistances(database.db, { placeId: 'second-place', origins: ORIGINS, sites, engine: 'typescript', maxSnapMetres: 40 });
		expect(sorted(result.distances).map((row) => `${row.originId}-${row.siteKey}`)).toEqual(['b-point', 'b-square']);
	});

	it('by pgRouting, equal the same values (where the server has pgRouting)', async (context) => {
		const skip = await pgRoutingSkipReason(database);
		if (skip) return context.skip(skip);
		await expectHandValues('pgrouting');
	});

	it("choose pgRouting by themselves when the database has it, and TypeScript when it has not", async () => {
		const result = await walkingDistances(database.db, { placeId: 'second-place', origins: ORIGINS, sites });
		expect(result.engine).toBe((await ensurePgRouting(database.db)) ? 'pgrouting' : 'typescript');
	});

	it('say so when the place has no walking network, or pgRouting is asked of a database without it', async () => {
		await database.db.deleteFrom('walk_network').where('place_id', '=', 'greater-icknield').execute();
		const error = await walkingDistances(database.db, { placeId: 'greater-icknield', origins: ORIGINS, sites }).catch((err: unknown) => err);
		expect(error).toBeInstanceOf(NoWalkingNetwork);
		expect((error as Error).message).toBe(
			'place "greater-icknield" has no walking network: import one with npm run import -- osm <file.osm.pbf> --place greater-icknield'
		);
		if (!(await ensurePgRouting(database.db))) {
			await expect(walkingDistances(database.db, { placeId: 'second-place', origins: ORIGINS, sites, engine: 'pgrouting' })).rejects.toThrow(
				/pgRouting is not available in this database/
			);
		}
	});
});
