/**
 * The demo seed on a freshly migrated database (PGlite, or real PostGIS with TEST_DATABASE_URL):
 * what it loads, that everything lies inside the place, that resident points are ST_HexagonGrid
 * cell centres, and that loading is idempotent and reproducible.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexCellAt } from '../../src/lib/domain/cells/hex';
import { createRandom } from '../../src/lib/domain/synthetic/random';
import { reseedDemoData, seedDemoDataIfEmpty, SeedRefusedError, type SeedReport } from '../../src/lib/server/seed/index';
import { openTestDatabase, type TestDatabase } from './support';

const PLACE = 'greater-icknield';
const HEALTH_GROUPS = ['nursing-midwifery', 'medical-clinical', 'allied-health-scientific'];

let database: TestDatabase;
let firstLoad: SeedReport | undefined;

beforeAll(async () => {
	database = await openTestDatabase();
	firstLoad = await seedDemoDataIfEmpty(database.db);
	console.info(`[seed] first load on ${database.backend}: ${firstLoad?.elapsedMs} ms`);
});

afterAll(async () => {
	await database?.close();
});

async function count(table: string, where = sql`TRUE`): Promise<number> {
	const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM ${sql.table(table)} WHERE ${where}`.execute(database.db);
	return rows[0]!.n;
}

/** An md5 over every loaded row of the place, in id order, timestamps left out. */
async function placeChecksum(): Promise<string> {
	const { rows } = await sql<{ checksum: string }>`
		SELECT md5(concat_ws('#',
			(SELECT string_agg(concat_ws('|', id, name, projected_srid, ST_AsText(boundary)), ';') FROM place WHERE id = ${PLACE}),
			(SELECT string_agg(concat_ws('|', id, name, kind, status, investment_gbp, homes, array_to_string(illustrative, ','), ST_AsText(geom)), ';' ORDER BY id)
				FROM macro_asset WHERE place_id = ${PLACE}),
			(SELECT string_agg(concat_ws('|', o.id, o.skill_group_id, o.kind, o.count, o.period_start, o.illustrative), ';' ORDER BY o.id)
				FROM opportunity o JOIN macro_asset m ON m.id = o.macro_asset_id WHERE m.place_id = ${PLACE}),
			(SELECT string_agg(concat_ws('|', id, hub_type, ST_AsText(geom)), ';' ORDER BY id) FROM community_hub WHERE place_id = ${PLACE}),
			(SELECT string_agg(concat_ws('|', id, name, consortium, offers, needs, employees, ST_AsText(geom)), ';' ORDER BY id)
				FROM social_enterprise WHERE place_id = ${PLACE}),
			(SELECT string_agg(concat_ws('|', id, skill_group_id, qualification_level, overseas_qualification, english_test_passed,
					professionally_registered, array_to_string(languages, ','), ST_AsText(cell_point)), ';' ORDER BY id)
				FROM restricted.resident_skill WHERE place_id = ${PLACE})
		)) AS checksum`.execute(database.db);
	return rows[0]!.checksum;
}

describe('seedDemoDataIfEmpty', () => {
	it('loads Greater Icknield into an empty database', async () => {
		expect(firstLoad).toMatchObject({
			place: PLACE,
			skillGroups: 14,
			macroAssets: 5,
			enterprises: 120,
			residents: 2000
		});
		expect(firstLoad!.opportunities).toBeGreaterThanOrEqual(40);
		expect(firstLoad!.opportunities).toBeLessThanOrEqual(70);
		expect(firstLoad!.hubs).toBeGreaterThanOrEqual(15);
		expect(firstLoad!.hubs).toBeLessThanOrEqual(25);
		// How long it takes is reported by the seed command, not asserted: a busy machine took 34 s.
		expect(firstLoad!.elapsedMs).toBeGreaterThan(0);
	});

	it('agrees with the rows in the database', async () => {
		expect(await count('place')).toBe(1);
		expect(await count('macro_asset', sql`place_id = ${PLACE}`)).toBe(5);
		expect(await count('opportunity')).toBe(firstLoad!.opportunities);
		expect(await count('community_hub', sql`place_id = ${PLACE}`)).toBe(firstLoad!.hubs);
		expect(await count('social_enterprise', sql`place_id = ${PLACE} AND synthetic`)).toBe(120);
		expect(await count('restricted.resident_skill', sql`place_id = ${PLACE} AND synthetic AND location_source = 'synthetic'`)).toBe(2000);
		expect(await count('skill_group_soc')).toBeGreaterThan(60);
	});

	it('does nothing when a place already exists', async () => {
		const before = await placeChecksum();
		expect(await seedDemoDataIfEmpty(database.db)).toBeUndefined();
		expect(await count('place')).toBe(1);
		expect(await count('restricted.resident_skill')).toBe(2000);
		// The neighbourhoods belong to no place: a reseed updates them, never adds a second set.
		expect(await count('reference_area', sql`area_type = 'neighbourhood' AND population_illustrative`)).toBe(9);
		expect(await placeChecksum()).toBe(before);
	});
});

describe('the loaded place', () => {
	it('has a valid boundary of plausible size, measured in British National Grid', async () => {
		const { rows } = await sql<{ valid: boolean; srid: number; km2: number; parts: number }>`
			SELECT ST_IsValid(boundary) AS valid, projected_srid AS srid, ST_NumGeometries(boundary) AS parts,
			       ST_Area(ST_Transform(boundary, projected_srid)) / 1e6 AS km2
			FROM place WHERE id = ${PLACE}`.execute(database.db);
		expect(rows[0]).toMatchObject({ valid: true, srid: 27700, parts: 1 });
		// Four wards of inner west Birmingham and Smethwick: about 16 km².
		expect(rows[0]!.km2).toBeGreaterThan(12);
		expect(rows[0]!.km2).toBeLessThan(22);
	});

	it('has every site, hub, enterprise and resident point inside the boundary', async () => {
		const { rows } = await sql<{ sites: number; hubs: number; enterprises: number; residents: number }>`
			SELECT
				(SELECT count(*)::integer FROM macro_asset m WHERE m.place_id = p.id AND NOT ST_Within(m.geom, p.boundary)) AS sites,
				(SELECT count(*)::integer FROM community_hub h WHERE h.place_id = p.id AND NOT ST_Covers(p.boundary, h.geom)) AS hubs,
				(SELECT count(*)::integer FROM social_enterprise e WHERE e.place_id = p.id AND NOT ST_Covers(p.boundary, e.geom)) AS enterprises,
				(SELECT count(*)::integer FROM restricted.resident_skill r WHERE r.place_id = p.id AND NOT ST_Covers(p.boundary, r.cell_point)) AS residents
			FROM place p WHERE p.id = ${PLACE}`.execute(database.db);
		expect(rows[0]).toEqual({ sites: 0, hubs: 0, enterprises: 0, residents: 0 });
	});

	it('keeps the public facts and marks the invented figures', async () => {
		const sites = await database.db
			.selectFrom('macro_asset')
			.select(['id', 'kind', 'status', 'investment_gbp', 'homes', 'illustrative'])
			.where('place_id', '=', PLACE)
			.orderBy('id')
			.execute();
		const byId = Object.fromEntries(sites.map((s) => [s.id, s]));
		expect(byId['midland-metropolitan-university-hospital']).toMatchObject({ kind: 'hospital', status: 'operational', illustrative: [] });
		expect(Number(byId['midland-metropolitan-university-hospital']!.investment_gbp)).toBe(350_000_000);
		expect(byId['city-hospital-site']).toMatchObject({ kind: 'regeneration', status: 'released' });
		expect(byId['spring-hill-soho-loop']).toMatchObject({ kind: 'housing', status: 'consented', homes: 500 });
		expect(byId['spring-hill-soho-loop']!.illustrative).not.toContain('homes');
		expect(byId['chamberlain-gardens']).toMatchObject({ status: 'complete' });
		expect(byId['icknield-port-loop']!.illustrative).toContain('homes');
		// The hospital lies on Grove Lane, Smethwick (Sandwell), west of the Birmingham boundary.
		const { rows } = await sql<{ x: number; y: number }>`
			SELECT ST_X(c) AS x, ST_Y(c) AS y FROM (SELECT ST_Centroid(geom) AS c FROM macro_asset
			WHERE id = 'midland-metropolitan-university-hospital') s`.execute(database.db);
		expect(rows[0]!.x).toBeCloseTo(-1.95, 2);
		expect(rows[0]!.y).toBeCloseTo(52.49, 2);
	});

	it('gives every opportunity a site of the place and a known skill group', async () => {
		const { rows } = await sql<{ kinds: string[]; orphans: number }>`
			SELECT array_agg(DISTINCT o.kind ORDER BY o.kind) AS kinds,
			       count(*) FILTER (WHERE m.place_id IS DISTINCT FROM ${PLACE})::integer AS orphans
			FROM opportunity o LEFT JOIN macro_asset m ON m.id = o.macro_asset_id`.execute(database.db);
		expect(rows[0]!.kinds).toEqual(['job', 'placement', 'procurement', 'training']);
		expect(rows[0]!.orphans).toBe(0);
	});

	it('has the synthetic population the journal describes', async () => {
		const { rows } = await sql<{ overseas_health: number; no_qualifications: number; registered: number; english: number }>`
			SELECT
				count(*) FILTER (WHERE overseas_qualification AND skill_group_id IN (${sql.join(HEALTH_GROUPS)}))::integer AS overseas_health,
				count(*) FILTER (WHERE overseas_qualification AND english_test_passed AND skill_group_id IN (${sql.join(HEALTH_GROUPS)}))::integer AS english,
				count(*) FILTER (WHERE overseas_qualification AND professionally_registered AND skill_group_id IN (${sql.join(HEALTH_GROUPS)}))::integer AS registered,
				count(*) FILTER (WHERE qualification_level = 0)::integer AS no_qualifications
			FROM restricted.resident_skill WHERE place_id = ${PLACE}`.execute(database.db);
		expect(rows[0]!.overseas_health).toBe(94);
		expect(rows[0]!.english).toBeGreaterThan(0);
		expect(rows[0]!.registered).toBeLessThan(rows[0]!.english);
		expect(rows[0]!.no_qualifications / 2000).toBeGreaterThan(0.4);
		const names = await database.db.selectFrom('social_enterprise').select('name').where('place_id', '=', PLACE).execute();
		expect(names.every((e) => e.name.endsWith('(synthetic)'))).toBe(true);
	});

	it('stores resident points only at the centres of ST_HexagonGrid(250) cells', async () => {
		// Each distinct stored point, back in British National Grid, against the grid cell that
		// contains it. The WGS84 round trip costs about a millimetre (PROJ's Helmert inverse), so
		// "exactly" means within 1 cm here; hexCellAt itself is checked to 1e-6 m below.
		const { rows } = await sql<{ points: number; matched: number; worst: number; cells: number }>`
			WITH p AS (SELECT DISTINCT ST_Transform(cell_point, 27700) AS pt FROM restricted.resident_skill WHERE place_id = ${PLACE}),
			     grid AS (SELECT h.geom FROM place, ST_HexagonGrid(250, ST_Transform(place.boundary, 27700)) AS h WHERE place.id = ${PLACE})
			SELECT (SELECT count(*)::integer FROM p) AS points,
			       count(*)::integer AS matched,
			       max(ST_Distance(p.pt, ST_Centroid(grid.geom)))::float8 AS worst,
			       count(DISTINCT ST_AsText(ST_SnapToGrid(ST_Centroid(grid.geom), 0.01)))::integer AS cells
			FROM p JOIN grid ON ST_Intersects(grid.geom, p.pt)`.execute(database.db);
		const result = rows[0]!;
		expect(result.matched).toBe(result.points);
		expect(result.cells).toBe(result.points);
		expect(result.worst).toBeLessThan(0.01);
		// Around 100 hexagons cover the place; thousands of residents share far fewer points.
		expect(result.points).toBeGreaterThan(40);
		expect(result.points).toBeLessThan(200);
	});
});

describe('reseedDemoData', () => {
	it('reproduces exactly the same rows and counts', async () => {
		const before = await placeChecksum();
		const report = await reseedDemoData(database.db);
		console.info(`[seed] reseed on ${database.backend}: ${report.elapsedMs} ms`);
		expect(report).toMatchObject({ ...firstLoad, elapsedMs: expect.any(Number) });
		expect(await count('place')).toBe(1);
		expect(await count('restricted.resident_skill')).toBe(2000);
		// The neighbourhoods belong to no place: a reseed updates them, never adds a second set.
		expect(await count('reference_area', sql`area_type = 'neighbourhood' AND population_illustrative`)).toBe(9);
		expect(await placeChecksum()).toBe(before);
	});

	it('refuses to delete non-synthetic resident records unless forced', async () => {
		await sql`
			INSERT INTO restricted.resident_skill (id, place_id, skill_group_id, cell_point, location_source, synthetic)
			VALUES ('00000000-0000-4000-8000-000000000001', ${PLACE}, 'care-support',
			        ST_SetSRID(ST_MakePoint(-1.93, 52.485), 4326), 'chosen_point', false)`.execute(database.db);
		await expect(reseedDemoData(database.db)).rejects.toBeInstanceOf(SeedRefusedError);
		expect(await count('restricted.resident_skill')).toBe(2001);
		await reseedDemoData(database.db, { force: true });
		expect(await count('restricted.resident_skill')).toBe(2000);
		expect(await count('restricted.resident_skill', sql`NOT synthetic`)).toBe(0);
	});
});

describe('hexCellAt against PostGIS', () => {
	it('finds the same ST_HexagonGrid cell (indexes and centroid to 1e-6 m) for 400 random points', async () => {
		const random = createRandom('hex-grid-check');
		const points = Array.from({ length: 400 }, (_, n) => ({
			n,
			// Mostly around Greater Icknield in British National Grid, some across the origin.
			x: n < 350 ? 395_000 + random.next() * 15_000 : -3_000 + random.next() * 6_000,
			y: n < 350 ? 282_000 + random.next() * 12_000 : -3_000 + random.next() * 6_000
		}));
		const { rows } = await sql<{ n: number; i: number; j: number; cx: number; cy: number }>`
			SELECT p.n, h.i, h.j, ST_X(ST_Centroid(h.geom))::float8 AS cx, ST_Y(ST_Centroid(h.geom))::float8 AS cy
			FROM jsonb_to_recordset(${JSON.stringify(points)}::text::jsonb) AS p(n integer, x float8, y float8)
			CROSS JOIN LATERAL ST_HexagonGrid(250, ST_Expand(ST_SetSRID(ST_MakePoint(p.x, p.y), 27700), 1)) AS h
			WHERE ST_Contains(h.geom, ST_SetSRID(ST_MakePoint(p.x, p.y), 27700))
			ORDER BY p.n`.execute(database.db);
		expect(rows.map((r) => r.n)).toEqual(points.map((p) => p.n));
		for (const row of rows) {
			const point = points[row.n]!;
			const cell = hexCellAt(point.x, point.y, 250);
			expect({ i: cell.i, j: cell.j }).toEqual({ i: row.i, j: row.j });
			expect(Math.abs(cell.x - row.cx)).toBeLessThan(1e-6);
			expect(Math.abs(cell.y - row.cy)).toBeLessThan(1e-6);
		}
	});
});

/** `node --import tsx scripts/seed.ts …` with the embedded database pointed at a folder of its own. */
function runSeed(args: string[], dataDir: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', ...args], {
			env: { ...process.env, PGLITE_DATA_DIR: dataDir, DATABASE_URL: '', SEED_ON_EMPTY: 'false' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, stdout, stderr }));
	});
}

describe('npm run seed on the command line (issue 16, part 2)', () => {
	it('prints help for --help and exits 0 without opening a database', async () => {
		const dataDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-seed-help-')), 'db');
		try {
			const help = await runSeed(['--help'], dataDir);
			expect(help.status).toBe(0);
			expect(help.stdout).toMatch(/^usage: npm run seed/);
			expect(help.stdout).toMatch(/--force/);
			expect(help.stderr).toBe('');
			// Nothing was opened, so nothing was created, let alone seeded.
			await expect(fs.stat(dataDir)).rejects.toThrow(/ENOENT/);
		} finally {
			await fs.rm(path.dirname(dataDir), { recursive: true, force: true });
		}
	}, 60_000);

	it('refuses an unknown option with usage and exit status 2, before opening a database', async () => {
		const dataDir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-seed-bad-')), 'db');
		try {
			const refused = await runSeed(['--froce'], dataDir);
			expect(refused.status).toBe(2);
			expect(refused.stderr).toMatch(/^seed: unknown option --froce\n\nusage: npm run seed/);
			expect(refused.stdout).toBe('');
			await expect(fs.stat(dataDir)).rejects.toThrow(/ENOENT/);
		} finally {
			await fs.rm(path.dirname(dataDir), { recursive: true, force: true });
		}
	}, 60_000);
});
