/**
 * Walking networks from real OSM files in ../shared/data/real (read in place): the Leeds sample
 * (a genuine extract, as PBF and as XML) and Smethwick (rebuilt from a QuickOSM export, see its
 * SOURCE.md). Both formats must give the same network; pgRouting and the TypeScript router must
 * give the same metres; and the matrix the scores need (1,000 cells x 50 sites) is timed.
 */
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWalkNetwork } from '../../src/lib/domain/osm/network';
import type { Database } from '../../src/lib/server/db/schema';
import { walkingDistances, type WalkingDistances, type WalkingOrigin, type WalkingSite } from '../../src/lib/server/walking/distances';
import { importOsmNetwork, type OsmImportReport } from '../../src/lib/server/walking/import';
import { decodeOsmPbf } from '../../src/lib/server/walking/read-osm';
import { openTestDatabase, type TestDatabase } from './support';
import { LEEDS, osmTitle, pgRoutingSkipReason, runRealData, SMETHWICK } from './walking-support';

let database: TestDatabase;
beforeAll(async () => {
	if (runRealData) database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

type Bbox = readonly [number, number, number, number];

async function createPlaceOver(db: Kysely<Database>, id: string, [west, south, east, north]: Bbox): Promise<void> {
	await db
		.insertInto('place')
		.values({
			id,
			name: `Test place ${id}`,
			projected_srid: 27700,
			boundary: sql`ST_Multi(ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, 4326))`
		})
		.execute();
}

/** The bbox in British National Grid metres. */
async function projectedBox(db: Kysely<Database>, [west, south, east, north]: Bbox) {
	const { rows } = await sql<{ xmin: number; ymin: number; xmax: number; ymax: number }>`
		SELECT ST_XMin(b) AS xmin, ST_YMin(b) AS ymin, ST_XMax(b) AS xmax, ST_YMax(b) AS ymax
		FROM (SELECT ST_Transform(ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, 4326), 27700) AS b) box`.execute(db);
	const box = rows[0]!;
	return { xmin: Number(box.xmin), ymin: Number(box.ymin), xmax: Number(box.xmax), ymax: Number(box.ymax) };
}

/** `columns` x `rows` origins evenly over the bbox (cell centres), as score cells would be. */
async function originGrid(db: Kysely<Database>, bbox: Bbox, columns: number, rows: number): Promise<WalkingOrigin[]> {
	const box = await projectedBox(db, bbox);
	const origins: WalkingOrigin[] = [];
	for (let i = 0; i < columns; i++) {
		for (let j = 0; j < rows; j++) {
			origins.push({
				id: `o${i}-${j}`,
				x: box.xmin + ((i + 0.5) * (box.xmax - box.xmin)) / columns,
				y: box.ymin + ((j + 0.5) * (box.ymax - box.ymin)) / rows
			});
		}
	}
	return origins;
}

/** Deterministic numbers in [0, 1) (mulberry32), so the sites are the same on every run. */
function seededRandom(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `count` sites at seeded places in the bbox: every third an 80 m square (a building), the rest points. */
async function randomSites(db: Kysely<Database>, bbox: Bbox, count: number, seed: number): Promise<WalkingSite[]> {
	const random = seededRandom(seed);
	const [west, south, east, north] = bbox;
	const sites: WalkingSite[] = [];
	for (let k = 0; k < count; k++) {
		const lon = west + random() * (east - west);
		const lat = south + random() * (north - south);
		const { rows } = await sql<{ geojson: string }>`
			SELECT ST_AsGeoJSON(CASE WHEN ${k % 3 === 2}::boolean
				THEN ST_Transform(ST_Expand(ST_Transform(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326), 27700), 40), 4326)
				ELSE ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326) END) AS geojson`.execute(db);
		sites.push({ key: `s${k}`, geojson: rows[0]!.geojson });
	}
	return sites;
}

function byPair(result: WalkingDistances): Map<string, number> {
	return new Map(result.distances.map((row) => [`${row.originId}|${row.siteKey}`, row.metres]));
}

/** Runs both engines on the same request and checks they agree; returns the largest differences. */
async function compareEngines(placeId: string, origins: WalkingOrigin[], sites: WalkingSite[]) {
	const typescript = await walkingDistances(database.db, { placeId, origins, sites, engine: 'typescript' });
	const pgrouting = await walkingDistances(database.db, { placeId, origins, sites, engine: 'pgrouting' });
	const a = byPair(typescript);
	const b = byPair(pgrouting);
	expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
	let largestAbsolute = 0;
	let largestRelative = 0;
	for (const [pair, metres] of a) {
		const other = b.get(pair)!;
		largestAbsolute = Math.max(largestAbsolute, Math.abs(metres - other));
		largestRelative = Math.max(largestRelative, Math.abs(metres - other) / Math.max(metres, 1));
	}
	expect(largestRelative).toBeLessThan(0.01);
	// They read the same stored lengths: only the order of additions can differ.
	expect(largestAbsolute).toBeLessThan(1e-6);
	return { pairs: a.size, of: origins.length * sites.length, largestAbsolute, largestRelative };
}

function summary(report: OsmImportReport): string {
	return (
		`${report.file}: ${report.nodes} nodes, ${report.edges} edges, ${report.totalLengthKm.toFixed(2)} km, ` +
		`main component ${report.mainComponentNodes} (${(report.mainComponentShare * 100).toFixed(1)}%) of ${report.components}, ${report.milliseconds} ms on ${database.backend}`
	);
}

describe.skipIf(!runRealData)(osmTitle('walking network: Leeds OSM sample'), () => {
	let fromPbf: OsmImportReport;

	beforeAll(async () => {
		await createPlaceOver(database.db, 'leeds-its', LEEDS.bbox);
	});

	it('imports the same network from the PBF and from the XML', async () => {
		fromPbf = await importOsmNetwork(database.db, { placeId: 'leeds-its', file: LEEDS.pbf });
		const fromXml = await importOsmNetwork(database.db, { placeId: 'leeds-its', file: LEEDS.xml });
		console.info(`walking network: ${summary(fromPbf)}\nwalking network: ${summary(fromXml)}`);
		// SOURCE.md: 1,678 nodes and 294 ways, 184 of them highways.
		expect(fromPbf).toMatchObject({ format: 'pbf', osmNodes: 1678, osmWays: 294, replaced: false });
		expect(fromXml).toMatchObject({ format: 'xml', replaced: true });
		const same = ['osmNodes', 'osmWays', 'nodes', 'edges', 'waysKept', 'waysSkipped', 'missingNodeRefs', 'components', 'mainComponentNodes'] as const;
		for (const key of same) expect(fromXml[key], key).toEqual(fromPbf[key]);
		expect(fromXml.totalLengthKm).toBeCloseTo(fromPbf.totalLengthKm, 9);
		expect(fromPbf.waysKept + fromPbf.waysSkipped['other highway type'] + fromPbf.waysSkipped.area).toBeLessThanOrEqual(184);
		expect(fromPbf.mainComponentShare).toBeGreaterThan(0.8);
	});

	it('gives the same metres by pgRouting and by TypeScript, 200 origins x 10 sites', async (context) => {
		const skip = await pgRoutingSkipReason(database);
		if (skip) return context.skip(skip);
		const origins = await originGrid(database.db, LEEDS.bbox, 20, 10);
		const sites = await randomSites(database.db, LEEDS.bbox, 10, 1);
		const agreement = await compareEngines('leeds-its', origins, sites);
		console.info(`walking distances, Leeds: ${agreement.pairs} of ${agreement.of} pairs routed; pgRouting vs TypeScript: largest difference ${agreement.largestAbsolute.toExponential(2)} m (${agreement.largestRelative.toExponential(2)} relative)`);
		expect(agreement.pairs).toBeGreaterThan(agreement.of / 2);
	});
});

describe.skipIf(!runRealData)(osmTitle('walking network: Smethwick (reconstructed from QuickOSM)'), () => {
	beforeAll(async () => {
		await createPlaceOver(database.db, 'smethwick', SMETHWICK.bbox);
	});

	it('keeps every way but the motorways and the ones under construction', async () => {
		const report = await importOsmNetwork(database.db, { placeId: 'smethwick', file: SMETHWICK.pbf });
		console.info(`walking network: ${summary(report)}`);
		// SOURCE.md: 10,997 nodes and 2,814 ways; 7 motorway + 2 motorway_link, 6 construction.
		expect(report).toMatchObject({
			osmNodes: 10_997,
			osmWays: 2_814,
			waysKept: 2_799,
			waysSkipped: { motorway: 9, 'not built': 6, 'no highway tag': 0, 'no foot access': 0, area: 0, 'other highway type': 0 },
			missingNodeRefs: 0,
			nodesOutsidePlace: 0
		});
		// 78 nodes lie only on the 15 ways left out, and without them the largest component loses
		// 70 nodes: 10,650 of 10,919 (97.5%), against 10,720 of 10,997 with every way (next test).
		expect(report).toMatchObject({ nodes: 10_919, mainComponentNodes: 10_650 });
		expect(report.mainComponentShare).toBeCloseTo(0.975, 3);
	});

	it('has the largest component SOURCE.md counts (10,720 nodes) when every way is kept', async () => {
		const data = await decodeOsmPbf(fs.createReadStream(SMETHWICK.pbf), 'smethwick');
		const everyWay = buildWalkNetwork({ nodes: data.nodes, ways: data.ways.map((way) => ({ ...way, tags: { highway: 'path' } })) });
		expect(everyWay.nodes).toHaveLength(10_997);
		expect(everyWay.componentSizes[0]).toBe(10_720);
		// SOURCE.md: "the rest are 28 small fragments".
		expect(everyWay.componentSizes).toHaveLength(29);
	});

	it('imports the same network from the XML, replacing the PBF one', async () => {
		const before = await database.db.selectFrom('walk_network').selectAll().where('place_id', '=', 'smethwick').executeTakeFirstOrThrow();
		const report = await importOsmNetwork(database.db, { placeId: 'smethwick', file: SMETHWICK.xml });
		console.info(`walking network: ${summary(report)}`);
		expect(report).toMatchObject({ replaced: true, nodes: before.node_count, edges: before.edge_count, mainComponentNodes: before.main_component_nodes });
		expect(report.totalLengthKm * 1000).toBeCloseTo(before.total_length_m, 6);
		const { rows } = await sql<{ networks: number; nodes: number }>`
			SELECT (SELECT count(*)::int FROM walk_network WHERE place_id = 'smethwick') AS networks,
			       (SELECT count(*)::int FROM walk_node n JOIN walk_network w ON w.id = n.network_id WHERE w.place_id = 'smethwick') AS nodes`.execute(database.db);
		expect(rows[0]).toEqual({ networks: 1, nodes: 10_919 });
	});

	it('gives the same metres by pgRouting and by TypeScript, 200 origins x 10 sites', async (context) => {
		const skip = await pgRoutingSkipReason(database);
		if (skip) return context.skip(skip);
		const origins = await originGrid(database.db, SMETHWICK.bbox, 20, 10);
		const sites = await randomSites(database.db, SMETHWICK.bbox, 10, 2);
		const agreement = await compareEngines('smethwick', origins, sites);
		console.info(`walking distances, Smethwick: ${agreement.pairs} of ${agreement.of} pairs routed; pgRouting vs TypeScript: largest difference ${agreement.largestAbsolute.toExponential(2)} m (${agreement.largestRelative.toExponential(2)} relative)`);
		// The extract is the town's irregular outline clipped from OSM: a grid over its bbox puts
		// about half the origins more than 400 m from any road.
		expect(agreement.pairs).toBeGreaterThan(agreement.of * 0.4);
	});

	it('measures a 1,000 origins x 50 sites matrix (printed, not asserted)', async () => {
		const origins = await originGrid(database.db, SMETHWICK.bbox, 40, 25);
		const sites = await randomSites(database.db, SMETHWICK.bbox, 50, 3);
		const timed = async (engine: 'typescript' | 'pgrouting') => {
			const started = performance.now();
			const result = await walkingDistances(database.db, { placeId: 'smethwick', origins, sites, engine });
			return { ms: performance.now() - started, pairs: result.distances.length };
		};
		const lines: string[] = [];
		// The first call builds the graph unless an earlier test did; the second always finds it cached.
		const cold = await timed('typescript');
		const warm = await timed('typescript');
		lines.push(`TypeScript ${cold.ms.toFixed(0)} ms first, ${warm.ms.toFixed(0)} ms with the graph cached`);
		if (!(await pgRoutingSkipReason(database).catch(() => 'required'))) {
			const first = await timed('pgrouting');
			const second = await timed('pgrouting');
			lines.push(`pgRouting ${first.ms.toFixed(0)} ms, then ${second.ms.toFixed(0)} ms`);
			expect(first.pairs).toBe(warm.pairs);
		} else lines.push('pgRouting not available here');
		console.info(`walking matrix, Smethwick, 1,000 origins x 50 sites on ${database.backend}: ${cold.pairs} pairs routed; ${lines.join('; ')}`);
		expect(cold.pairs).toBe(warm.pairs);
		expect(cold.pairs).toBeGreaterThan(1000 * 50 * 0.4);
	});
});
