/**
 * Places from boundary files (issue 16, part 2): `npm run import -- place` and `npm run place`
 * through their services. A boundary of several polygons is dissolved into one; the measuring CRS
 * is chosen (British National Grid in Great Britain, else the centroid's UTM zone); an invalid
 * polygon is refused by feature unless --make-valid; re-importing replaces the boundary and drops
 * the score grid and distances made from the old one; removing refuses while person-level
 * records exist, unless forced.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGeoJson } from '../../src/lib/domain/imports/source';
import { SYSTEM_ACTOR } from '../../src/lib/server/audit/log';
import { ImportRefused } from '../../src/lib/server/imports/index';
import { importPlaceBoundary, listPlaces, removePlace, type PlaceImportOptions } from '../../src/lib/server/places/service';
import { ensureScoreGrid } from '../../src/lib/server/scores/grid';
import { openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
beforeAll(async () => {
	database = await openTestDatabase();
});
afterAll(async () => {
	await database?.close();
});

type Ring = [number, number][];
const box = (west: number, south: number, east: number, north: number): Ring => [
	[west, south],
	[east, south],
	[east, north],
	[west, north],
	[west, south]
];

/** A FeatureCollection of polygons with the field names a council might use. */
function boundaryFile(rings: Ring[], name = 'parishes.geojson', extra: Record<string, unknown> = {}) {
	return parseGeoJson(
		JSON.stringify({
			type: 'FeatureCollection',
			...extra,
			features: rings.map((ring, index) => ({
				type: 'Feature',
				properties: { PARISH_NM: `Parish ${index + 1}`, PARISH_CD: `P${index + 1}` },
				geometry: { type: 'Polygon', coordinates: [ring] }
			}))
		}),
		name
	);
}

const options = (id: string, more: Partial<PlaceImportOptions> = {}): PlaceImportOptions => ({ id, name: `Place ${id}`, makeValid: false, dryRun: false, ...more });

async function placeRow(id: string) {
	const { rows } = await sql<{ srid: number; polygons: number; area: number; version: string }>`
		SELECT projected_srid AS srid, ST_NumGeometries(boundary) AS polygons, ST_Area(boundary::geography) AS area,
		       (SELECT version FROM data_version WHERE table_name = 'place')::text AS version
		FROM place WHERE id = ${id}`.execute(database.db);
	return rows[0];
}

async function refusal(pending: Promise<unknown>): Promise<ImportRefused> {
	const err = await pending.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(ImportRefused);
	return err as ImportRefused;
}

describe('importing a place boundary', () => {
	it('dissolves adjacent parishes into one polygon and measures a place in Great Britain in British National Grid', async () => {
		// Two touching 0.02° boxes near Norwich (about 1.4 km x 2.2 km each).
		const report = await importPlaceBoundary(database.db, boundaryFile([box(1.26, 52.62, 1.28, 52.64), box(1.28, 52.62, 1.3, 52.64)]), options('broadland-test'));
		expect(report.created).toBe(true);
		expect(report.features).toBe(2);
		expect(report.polygons).toBe(1);
		expect(report.projection.srid).toBe(27700);
		expect(report.projection.reason).toContain('Great Britain');
		expect(report.crs).toContain('4326');
		const row = await placeRow('broadland-test');
		expect(row).toMatchObject({ srid: 27700, polygons: 1 });
		expect(row!.area / 1e6).toBeCloseTo(report.areaKm2, 3);
		expect(report.areaKm2).toBeGreaterThan(5);
		expect(report.areaKm2).toBeLessThan(7);
	});

	it('chooses the UTM zone of the centroid outside Great Britain, and takes --srid when given', async () => {
		const lyon = await importPlaceBoundary(database.db, boundaryFile([box(4.8, 45.74, 4.84, 45.77)]), options('lyon-test'));
		expect(lyon.projection.srid).toBe(32631);
		expect(lyon.projection.reason).toContain('UTM zone 31N');
		const capeTown = await importPlaceBoundary(database.db, boundaryFile([box(18.4, -33.95, 18.44, -33.9)]), options('cape-test', { srid: 32734 }));
		expect(capeTown.projection).toEqual({ srid: 32734, reason: 'EPSG:32734, as --srid says' });
		expect((await placeRow('cape-test'))!.srid).toBe(32734);
	});

	it('refuses a --srid that is not a projected CRS in metres, writing nothing', async () => {
		const before = await listPlaces(database.db);
		const geographic = await refusal(importPlaceBoundary(database.db, boundaryFile([box(4.8, 45.74, 4.84, 45.77)]), options('bad-srid', { srid: 4326 })));
		expect(geographic.problems[0]).toContain('not a projected CRS in metres');
		const unknown = await refusal(importPlaceBoundary(database.db, boundaryFile([box(4.8, 45.74, 4.84, 45.77)]), options('bad-srid', { srid: 999999 })));
		expect(unknown.problems[0]).toContain('does not know EPSG:999999');
		expect(await listPlaces(database.db)).toEqual(before);
	});

	it('refuses a self-intersecting polygon by feature unless --make-valid, which repairs it', async () => {
		const bowtie: Ring = [
			[-2.0, 53.0],
			[-1.98, 53.02],
			[-1.98, 53.0],
			[-2.0, 53.02],
			[-2.0, 53.0]
		];
		const file = boundaryFile([box(-2.03, 53.0, -2.0, 53.02), bowtie]);
		const refused = await refusal(importPlaceBoundary(database.db, file, options('bowtie-test')));
		expect(refused.problems).toHaveLength(1);
		expect(refused.problems[0]).toMatch(/^feature 2 \(PARISH_NM "Parish 2"\): the polygon is not valid \(Self-intersection.*pass --make-valid/);
		expect(await placeRow('bowtie-test')).toBeUndefined();
		const repaired = await importPlaceBoundary(database.db, file, options('bowtie-test', { makeValid: true }));
		expect(repaired.repaired).toEqual(['feature 2 (PARISH_NM "Parish 2")']);
		expect((await placeRow('bowtie-test'))!.polygons).toBeGreaterThanOrEqual(1);
	});

	it('reads British National Grid coordinates and says where it read the CRS from', async () => {
		const bng = parseGeoJson(
			JSON.stringify({
				type: 'FeatureCollection',
				crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } },
				features: [{ type: 'Feature', properties: { WARD: 'Grid' }, geometry: { type: 'Polygon', coordinates: [box(400000, 290000, 402000, 292000)] } }]
			}),
			'grid.geojson'
		);
		const report = await importPlaceBoundary(database.db, bng, options('grid-test'));
		expect(report.crs).toBe('EPSG:27700 (British National Grid) from the GeoJSON "crs" member');
		expect(report.areaKm2).toBeCloseTo(4, 1);
		expect(report.projection.srid).toBe(27700);
	});

	it('checks a dry run and writes nothing', async () => {
		const report = await importPlaceBoundary(database.db, boundaryFile([box(-1.5, 53.0, -1.48, 53.02)]), options('dry-test', { dryRun: true }));
		expect(report.dryRun).toBe(true);
		expect(report.created).toBe(true);
		expect(await placeRow('dry-test')).toBeUndefined();
	});

	it('replaces the boundary on a re-import with the same id, dropping the score grid and its distances', async () => {
		await importPlaceBoundary(database.db, boundaryFile([box(-1.6, 52.6, -1.58, 52.62)]), options('replace-test'));
		const grid = await ensureScoreGrid(database.db, 'replace-test');
		expect(grid.cellCount).toBeGreaterThan(10);
		const versionBefore = (await placeRow('replace-test'))!.version;

		// The same boundary again: nothing computed is dropped.
		const same = await importPlaceBoundary(database.db, boundaryFile([box(-1.6, 52.6, -1.58, 52.62)]), options('replace-test', { name: 'Renamed' }));
		expect(same.created).toBe(false);
		expect(same.stale).toBeUndefined();
		const { rows: kept } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM score_cell WHERE place_id = 'replace-test'`.execute(database.db);
		expect(kept[0]!.n).toBe(grid.cellCount);

		const wider = await importPlaceBoundary(database.db, boundaryFile([box(-1.62, 52.6, -1.58, 52.62)]), options('replace-test'));
		expect(wider.created).toBe(false);
		expect(wider.stale).toEqual({ scoreCells: grid.cellCount, distances: 0, publication: false });
		const { rows } = await sql<{ grids: number; cells: number }>`
			SELECT (SELECT count(*)::int FROM score_grid WHERE place_id = 'replace-test') AS grids,
			       (SELECT count(*)::int FROM score_cell WHERE place_id = 'replace-test') AS cells`.execute(database.db);
		expect(rows[0]).toEqual({ grids: 0, cells: 0 });
		expect(BigInt((await placeRow('replace-test'))!.version)).toBeGreaterThan(BigInt(versionBefore));
		// The next score request builds a grid over the new, wider boundary.
		expect((await ensureScoreGrid(database.db, 'replace-test')).cellCount).toBeGreaterThan(grid.cellCount);
	});
});

describe('removing a place', () => {
	it('refuses while person-level records exist, and with force removes them and audits it', async () => {
		await importPlaceBoundary(database.db, boundaryFile([box(-1.4, 52.6, -1.38, 52.62)]), options('remove-test'));
		await sql`
			INSERT INTO restricted.resident_skill (id, place_id, skill_group_id, cell_point, location_source, synthetic)
			SELECT ${crypto.randomUUID()}::uuid, 'remove-test', (SELECT id FROM skill_group ORDER BY id LIMIT 1),
			       ST_SetSRID(ST_MakePoint(-1.39, 52.61), 4326), 'chosen_point', false`.execute(database.db);
		const refused = await removePlace(database.db, SYSTEM_ACTOR, 'remove-test', { force: false }).catch((e: unknown) => e);
		expect(refused).toMatchObject({ kind: 'conflict', message: expect.stringContaining('holds 1 person-level record') });
		expect((await listPlaces(database.db)).find((p) => p.id === 'remove-test')?.personLevelRecords).toBe(1);

		expect(await removePlace(database.db, SYSTEM_ACTOR, 'remove-test', { force: true })).toEqual({ placeId: 'remove-test', personLevelRecords: 1 });
		expect(await placeRow('remove-test')).toBeUndefined();
		const { rows } = await sql<{ n: number }>`
			SELECT count(*)::int AS n FROM audit_log WHERE subject = 'place:remove-test' AND action = 'delete' AND record_count = 1`.execute(database.db);
		expect(rows[0]!.n).toBe(1);
	});

	it('removes a place without person-level records, and says when there is no such place', async () => {
		await importPlaceBoundary(database.db, boundaryFile([box(-1.3, 52.6, -1.28, 52.62)]), options('empty-test'));
		expect(await removePlace(database.db, SYSTEM_ACTOR, 'empty-test', { force: false })).toEqual({ placeId: 'empty-test', personLevelRecords: 0 });
		await expect(removePlace(database.db, SYSTEM_ACTOR, 'empty-test', { force: false })).rejects.toMatchObject({ kind: 'not_found' });
	});
});
