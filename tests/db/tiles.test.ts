/**
 * Vector tiles and OGC API – Features collections against the database: ST_AsMVT on a server whose
 * PostGIS has MVT, geojson-vt + vt-pbf on PGlite, the same features either way.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tileAt } from '../../src/lib/domain/tiles/address';
import { COLLECTIONS, findCollection, parseItemsQuery } from '../../src/lib/server/ogc/collections';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { getTile } from '../../src/lib/server/tiles/index';
import { importOsmNetwork } from '../../src/lib/server/walking/import';
import { supportsMvt } from '../../src/lib/server/tiles/queries';
import { getTileSummary } from '../../src/lib/server/tiles/summary';
import { getCellScores } from '../../src/lib/server/scores/service';
import { getResidentLayer } from '../../src/lib/server/published/layers';
import { parseScoreSpec } from '../../src/lib/domain/scoring/spec';
import { valueDistribution } from '../../src/lib/domain/tiles/distribution';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
});
afterAll(async () => {
	await database?.close();
});

function decode(bytes: Uint8Array, layer: string) {
	const tile = new VectorTile(new PbfReader(bytes));
	const found = tile.layers[layer];
	if (!found) return [];
	return Array.from({ length: found.length }, (_, i) => found.feature(i));
}

describe('vector tiles', () => {
	it('encodes the layers with the engine this backend has, features and properties intact', async () => {
		const db = database.db;
		const engine = (await supportsMvt(db)) ? 'postgis' : 'geojson-vt';
		expect(engine).toBe(database.backend === 'pglite' ? 'geojson-vt' : 'postgis');
		// A z12 tile over the middle of Greater Icknield.
		const at = tileAt(-1.93, 52.485, 12);
		const request = (layer: string, query = '') => getTile(db, { layer, ...at, params: new URLSearchParams(query), viewer: undefined });

		const enterprises = await request('social-enterprises');
		expect(enterprises.engine).toBe(engine);
		const features = decode(enterprises.bytes, 'social-enterprises');
		expect(features.length).toBeGreaterThan(10);
		expect(features.every((f) => f.type === 1 && typeof f.properties.name === 'string' && typeof f.properties.consortium === 'string')).toBe(true);
		// Every enterprise whose point lies in this tile is in it.
		const inTile = (await db.selectFrom('social_enterprise').select('id').execute()).length;
		expect(features.length).toBeLessThanOrEqual(inTile);

		const sites = decode((await request('macro-assets')).bytes, 'macro-assets');
		expect(sites.length).toBeGreaterThanOrEqual(3);
		expect(sites.every((f) => f.type === 3 && typeof f.properties.kind === 'string')).toBe(true);

		const residents = decode((await request('resident-skills', 'place=greater-icknield&skill=all')).bytes, 'resident-skills');
		expect(residents.length).toBeGreaterThan(5);
		for (const f of residents) {
			if (f.properties.suppressed === true) expect(f.properties.count).toBeUndefined();
			else expect(Number(f.properties.count) % 5).toBe(0);
		}

		const scores = await request('opportunity-scores', 'place=greater-icknield&method=cumulative');
		expect(scores.engine).toBe('geojson-vt');
		const cells = decode(scores.bytes, 'opportunity-scores');
		expect(cells.length).toBeGreaterThan(20);
		expect(cells.every((f) => typeof f.properties.score === 'number' && typeof f.properties.rank === 'number')).toBe(true);

		// Without an imported network the streets layer is empty; with one it draws the ways.
		expect((await request('streets', 'place=greater-icknield')).bytes.length).toBe(0);

		// Far from any data: an empty tile, not an error.
		const empty = await getTile(db, { layer: 'social-enterprises', ...tileAt(100, 10, 12), params: new URLSearchParams(), viewer: undefined });
		expect(empty.bytes.length).toBe(0);
	});

	it('counts points per grid square and category when asked for bins, losing none and keeping lone points whole', async () => {
		const db = database.db;
		for (const [layer, category] of [
			['social-enterprises', 'consortium'],
			['community-hubs', 'hub_type']
		] as const) {
			// Zoomed out over the whole place (z12 and z13), where the map asks for counted tiles.
			for (const at of [tileAt(-1.93, 52.485, 12), tileAt(-1.93, 52.485, 13), tileAt(-1.95, 52.49, 13)]) {
				const ask = (query: string) => getTile(db, { layer, ...at, params: new URLSearchParams(query), viewer: undefined });
				// Every point inside the tile (not its buffer), counted by category and by 4 × 4 square.
				const expected = new Map<string, number>();
				for (const f of decode((await ask('place=greater-icknield')).bytes, layer)) {
					const { x, y } = f.loadGeometry()[0]![0]!;
					if (x < 0 || y < 0 || x >= f.extent || y >= f.extent) continue;
					const key = `${f.properties[category]}/${Math.floor((x / f.extent) * 4)}/${Math.floor((y / f.extent) * 4)}`;
					expected.set(key, (expected.get(key) ?? 0) + 1);
				}
				const binned = decode((await ask('place=greater-icknield&bins=4')).bytes, layer);
				const counted = new Map<string, number>();
				for (const f of binned) {
					const { x, y } = f.loadGeometry()[0]![0]!;
					const square = `${Math.min(3, Math.floor((x / f.extent) * 4))}/${Math.min(3, Math.floor((y / f.extent) * 4))}`;
					const key = `${f.properties[category]}/${square}`;
					expect(counted.has(key), `one feature per square and ${category}: ${key}`).toBe(false);
					counted.set(key, Number(f.properties.count));
					if (f.properties.count === 1) expect(typeof f.properties.name).toBe('string');
					else expect(f.properties.name).toBeUndefined();
				}
				expect(Object.fromEntries(counted)).toEqual(Object.fromEntries(expected));
			}
		}
		// One square for the whole z12 tile: a feature per consortium, fewer than the enterprises.
		const at = tileAt(-1.93, 52.485, 12);
		const all = decode((await getTile(db, { layer: 'social-enterprises', ...at, params: new URLSearchParams('place=greater-icknield'), viewer: undefined })).bytes, 'social-enterprises');
		const few = decode((await getTile(db, { layer: 'social-enterprises', ...at, params: new URLSearchParams('place=greater-icknield&bins=1'), viewer: undefined })).bytes, 'social-enterprises');
		expect(few.length).toBe(new Set(few.map((f) => f.properties.consortium)).size);
		expect(few.length).toBeLessThan(all.length);
		expect(few.some((f) => Number(f.properties.count) > 1)).toBe(true);

		for (const bad of ['0', '65', '2.5', 'many']) {
			await expect(getTile(db, { layer: 'social-enterprises', ...at, params: new URLSearchParams(`bins=${bad}`), viewer: undefined })).rejects.toMatchObject({
				code: 'bad_request',
				message: expect.stringMatching(/bins must be a whole number from 1 to 64/)
			});
		}
		await expect(getTile(db, { layer: 'macro-assets', ...at, params: new URLSearchParams('bins=4'), viewer: undefined })).rejects.toMatchObject({ code: 'bad_request' });
	});

	it('renders a tile once for clients that all ask before it is ready', async () => {
		const db = database.db;
		// A tile and a score setting no other test asks for, so nothing is cached yet.
		const at = tileAt(-1.925, 52.49, 15);
		const ask = () => getTile(db, { layer: 'opportunity-scores', ...at, params: new URLSearchParams('place=greater-icknield&method=gravity&halfWeight=7'), viewer: undefined });
		const answers = await Promise.all(Array.from({ length: 20 }, ask));
		expect(new Set(answers).size).toBe(1);
		expect(answers[0]!.shared).toBe(true);
		expect(decode(answers[0]!.bytes, 'opportunity-scores').length).toBeGreaterThan(0);
		expect(await ask()).toBe(answers[0]);
	});

	it('draws a hub added after its layer was first tiled, in the next tile asked for', async () => {
		const db = database.db;
		const params = new URLSearchParams('place=greater-icknield');
		const ask = (lon: number, lat: number) => getTile(db, { layer: 'community-hubs', ...tileAt(lon, lat, 16), params, viewer: undefined });
		await ask(-1.93, 52.485); // the layer is read (and, on PGlite, indexed) before the hub exists
		await sql`INSERT INTO community_hub (id, place_id, name, hub_type, geom)
		          VALUES ('late-hub', 'greater-icknield', 'A hub added late', 'library', ST_SetSRID(ST_MakePoint(-1.9412, 52.4911), 4326))`.execute(db);
		try {
			const names = decode((await ask(-1.9412, 52.4911)).bytes, 'community-hubs').map((f) => f.properties.name);
			expect(names).toContain('A hub added late');
		} finally {
			await db.deleteFrom('community_hub').where('id', '=', 'late-hub').execute();
		}
	});

	it('refuses bad addresses and parameters', async () => {
		const db = database.db;
		const params = new URLSearchParams();
		await expect(getTile(db, { layer: 'secrets', z: 1, x: 0, y: 0, params, viewer: undefined })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getTile(db, { layer: 'macro-assets', z: 3, x: 8, y: 0, params, viewer: undefined })).rejects.toMatchObject({ code: 'bad_request' });
		await expect(getTile(db, { layer: 'macro-assets', z: 23, x: 0, y: 0, params, viewer: undefined })).rejects.toMatchObject({ code: 'bad_request' });
		await expect(getTile(db, { layer: 'macro-assets', z: 1, x: 0, y: 0, params: new URLSearchParams('colour=red'), viewer: undefined })).rejects.toMatchObject({ code: 'bad_request' });
		await expect(getTile(db, { layer: 'resident-skills', z: 1, x: 0, y: 0, params, viewer: undefined })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/place is required/) });
	});

	it('summarises the score and resident layers the map draws from tiles, as their GeoJSON layers would', async () => {
		const db = database.db;
		const query = 'place=greater-icknield&method=cumulative&skill=all&distance=straight';
		const summary = await getTileSummary(db, 'opportunity-scores', new URLSearchParams(query), undefined);
		const layer = await getCellScores(db, { placeId: 'greater-icknield', spec: parseScoreSpec((n) => new URLSearchParams(query).get(n), new URLSearchParams(query).keys()), viewer: undefined });
		if (summary.layer !== 'opportunity-scores') throw new Error('wrong layer');
		expect(summary).not.toHaveProperty('features');
		expect(summary.units).toBe(layer.units);
		expect(summary.distribution).toEqual(valueDistribution(layer.features.map((f) => f.properties.score)));
		expect(summary.distribution.count).toBe(layer.features.length);
		expect(JSON.stringify(summary).length).toBeLessThan(JSON.stringify(layer).length / 20);

		const residents = await getTileSummary(db, 'resident-skills', new URLSearchParams('place=greater-icknield&skill=all&readiness=any'), undefined);
		const published = await getResidentLayer(db, { placeId: 'greater-icknield', skill: 'all', readiness: 'any' });
		const counts = published.features.map((f) => f.properties.count ?? 0);
		expect(residents).toMatchObject({ layer: 'resident-skills', total: published.total, k: published.k, maxCount: Math.max(...counts), cells: counts.filter((c) => c > 0).length });

		await expect(getTileSummary(db, 'macro-assets', new URLSearchParams(), undefined)).rejects.toMatchObject({ code: 'not_found' });
		await expect(getTileSummary(db, 'opportunity-scores', new URLSearchParams('place=greater-icknield&method=nonsense'), undefined)).rejects.toMatchObject({ code: 'bad_request' });
	});
});

describe('OGC API – Features collections', () => {
	it('pages every collection with bbox, limit and offset, and finds single features', async () => {
		const db = database.db;
		for (const collection of COLLECTIONS) {
			const query = parseItemsQuery(new URL(`http://x/ogc/collections/${collection.id}/items?limit=3`), collection, undefined);
			const first = await collection.items(db, query);
			// The demo's reference areas are its nine neighbourhoods (with illustrative populations, issue 11).
			if (collection.id === 'reference-areas') expect(first.numberMatched).toBe(9);
			expect(first.features.length).toBe(Math.min(3, first.numberMatched));
			const second = await collection.items(db, { ...query, offset: 3 });
			const ids = new Set(first.features.map((f) => f.id));
			expect(second.features.every((f) => !ids.has(f.id))).toBe(true);
			const one = await collection.item(db, String(first.features[0]!.id), query);
			expect(one?.id).toBe(first.features[0]!.id);
			const box = await collection.items(db, { ...query, limit: 10_000, bbox: [-1.95, 52.47, -1.93, 52.49] });
			expect(box.numberMatched).toBeLessThan(first.numberMatched + 1);
			expect(await collection.extent(db)).toHaveLength(4);
		}
		const sites = findCollection('macro-assets');
		expect(await sites.item(db, 'no-such-site', parseItemsQuery(new URL('http://x/'), sites, undefined))).toBeUndefined();
		expect(() => parseItemsQuery(new URL('http://x/?bbox=1,2,3'), sites, undefined)).toThrow(/bbox must be 4 numbers/);
		expect(() => parseItemsQuery(new URL('http://x/?limit=0'), sites, undefined)).toThrow(/limit/);
		expect(() => parseItemsQuery(new URL('http://x/?colour=red'), sites, undefined)).toThrow(/Unknown parameter: colour/);
		expect(parseItemsQuery(new URL('http://x/?limit=99999'), sites, undefined).limit).toBe(10_000);
	});
});

describe('streets tiles', () => {
	it('draws the imported walking network, for a map whose basemap is unreachable', async () => {
		const db = database.db;
		await importOsmNetwork(db, { placeId: 'greater-icknield', file: 'tests/fixtures/osm/tiny.osm' });
		const { rows } = await sql<{ lon: number; lat: number }>`
			SELECT ST_X(ST_Transform(geom, 4326)) AS lon, ST_Y(ST_Transform(geom, 4326)) AS lat FROM walk_node LIMIT 1`.execute(db);
		const at = tileAt(Number(rows[0]!.lon), Number(rows[0]!.lat), 15);
		const tile = await getTile(db, { layer: 'streets', ...at, params: new URLSearchParams('place=greater-icknield'), viewer: undefined });
		const lines = decode(tile.bytes, 'streets');
		expect(lines.length).toBeGreaterThan(0);
		expect(lines.every((f) => f.type === 2 && typeof f.properties.highway === 'string')).toBe(true);
	});
});
