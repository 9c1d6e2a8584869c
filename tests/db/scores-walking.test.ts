/**
 * Walking-distance scores end to end: the Smethwick OSM network imported for the demo place,
 * scored through the service. Network distances are never shorter than the straight line, and on a
 * real server the pgRouting and TypeScript matrices give the same scores.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScoreSpec } from '../../src/lib/domain/scoring/spec';
import { getCellScores, prepareScores } from '../../src/lib/server/scores/service';
import { ensureScoreGrid } from '../../src/lib/server/scores/grid';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { importOsmNetwork } from '../../src/lib/server/walking/import';
import { walkingDistances } from '../../src/lib/server/walking/distances';
import { openTestDatabase, type TestDatabase } from './support';
import { osmTitle, pgRoutingSkipReason, runRealData, SMETHWICK } from './walking-support';

let database: TestDatabase;
const PLACE = 'greater-icknield';
const spec = (query: string) => {
	const params = new URLSearchParams(query);
	return parseScoreSpec((name) => params.get(name));
};

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
});
afterAll(async () => {
	await database?.close();
});

describe.runIf(runRealData)(osmTitle('scores on walking distances over the Smethwick network'), () => {
	it('scores with distance=walk, never closer than the straight line, and caches the matrix', async () => {
		const db = database.db;
		await importOsmNetwork(db, { placeId: PLACE, file: SMETHWICK.pbf });
		const request = { placeId: PLACE, spec: spec('method=cumulative&distance=walk&threshold=20'), viewer: undefined };
		const first = await prepareScores(db, request);
		expect(first.travel.computedSites).toBeGreaterThan(0);
		expect((await prepareScores(db, request)).travel.computedSites).toBe(0);

		await prepareScores(db, { ...request, spec: spec('method=cumulative&distance=straight') });
		const pairs = (
			await sql<{ walk: number; straight: number }>`
				SELECT w.metres AS walk, s.metres AS straight
				FROM travel_distance w JOIN travel_distance s
				  ON s.place_id = w.place_id AND s.site_key = w.site_key AND s.cell_id = w.cell_id AND s.mode = 'straight'
				WHERE w.place_id = ${PLACE} AND w.mode = 'walk'`.execute(db)
		).rows;
		// The network covers Smethwick only (west of -1.938): some cells route, the far east does not.
		expect(pairs.length).toBeGreaterThan(50);
		for (const pair of pairs) expect(Number(pair.walk)).toBeGreaterThanOrEqual(Number(pair.straight) - 1e-6);
		// The detour factor over pairs more than a cell apart (a cell inside a site is 0 m away in a line).
		const apart = pairs.filter((p) => Number(p.straight) > 500);
		const detour = apart.reduce((sum, p) => sum + Number(p.walk), 0) / apart.reduce((sum, p) => sum + Number(p.straight), 0);
		console.log(`walking vs straight line over ${apart.length} routed cell–site pairs over 500 m apart: detour factor ${detour.toFixed(2)}`);
		expect(detour).toBeGreaterThan(1);
		expect(detour).toBeLessThan(3);

		const walk = await getCellScores(db, request);
		const straight = await getCellScores(db, { ...request, spec: spec('method=cumulative&distance=straight&threshold=20') });
		expect(walk.features.some((f) => f.properties.score > 0)).toBe(true);
		// Nothing is nearer on foot than as the crow flies, so no cell reaches more on foot.
		walk.features.forEach((f, i) => expect(f.properties.score).toBeLessThanOrEqual(straight.features[i]!.properties.score));
		expect(walk.description).toMatch(/walking network/);
	});

	it('gives the same matrix with pgRouting and TypeScript on the same network', async (context) => {
		const skip = await pgRoutingSkipReason(database);
		if (skip) {
			console.log(skip);
			context.skip();
		}
		const db = database.db;
		const grid = await ensureScoreGrid(db, PLACE);
		const origins = (await sql<{ id: string; x: number; y: number }>`SELECT cell_id AS id, ST_X(centre) AS x, ST_Y(centre) AS y FROM score_cell WHERE place_id = ${PLACE}`.execute(db)).rows.map((r) => ({
			id: r.id,
			x: Number(r.x),
			y: Number(r.y)
		}));
		expect(origins.length).toBe(grid.cellCount);
		const sites = (await sql<{ key: string; geojson: string }>`SELECT md5(ST_AsEWKB(geom)) AS key, ST_AsGeoJSON(geom) AS geojson FROM macro_asset WHERE place_id = ${PLACE}`.execute(db)).rows;
		const [routed, computed] = await Promise.all([
			walkingDistances(db, { placeId: PLACE, origins, sites, engine: 'pgrouting' }),
			walkingDistances(db, { placeId: PLACE, origins, sites, engine: 'typescript' })
		]);
		const byPair = new Map(computed.distances.map((d) => [`${d.originId}/${d.siteKey}`, d.metres]));
		expect(routed.distances.length).toBe(computed.distances.length);
		for (const d of routed.distances) {
			const other = byPair.get(`${d.originId}/${d.siteKey}`)!;
			expect(Math.abs(other - d.metres)).toBeLessThanOrEqual(0.01 * d.metres + 1e-6);
		}
	});
});
