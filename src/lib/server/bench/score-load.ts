/**
 * The synthetic load `npm run bench` scores (issue 4): a square place around Greater Icknield large
 * enough for about 1,000 cells of 250 m, 50 sites with 2,000 opportunity rows, and 100,000
 * synthetic resident records. Seeded, so every run measures the same data. Never used by the app.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { hexCellCentre } from '../../domain/cells/hex';
import { randomStream, randomUuid } from '../../domain/synthetic/random';
import type { Database } from '../db/schema';
import { insertSyntheticResidents, type SyntheticResident } from '../restricted/synthetic';

export interface BenchLoadOptions {
	readonly placeId: string;
	/** Side of the square place in metres (12,700 m gives about 1,000 cells of 250 m). */
	readonly sideMetres: number;
	readonly sites: number;
	readonly opportunityRows: number;
	readonly residents: number;
	readonly seed: string;
}

/** Creates the place, its sites and opportunities; returns the place's projected SRID and extent. */
export async function createBenchPlace(db: Kysely<Database>, options: BenchLoadOptions): Promise<{ srid: number; xmin: number; ymin: number }> {
	const half = options.sideMetres / 2;
	await db.deleteFrom('place').where('id', '=', options.placeId).execute();
	// Centred on Greater Icknield (about -1.93, 52.485) in British National Grid.
	await sql`
		INSERT INTO place (id, name, projected_srid, boundary, source)
		SELECT ${options.placeId}, 'Benchmark area (synthetic)', 27700,
		       ST_Multi(ST_Transform(ST_Expand(ST_Transform(ST_SetSRID(ST_MakePoint(-1.93, 52.485), 4326), 27700), ${half}::float8), 4326)),
		       'npm run bench synthetic load'`.execute(db);
	const { rows } = await sql<{ xmin: number; ymin: number }>`
		SELECT ST_XMin(b) AS xmin, ST_YMin(b) AS ymin FROM (SELECT ST_Transform(boundary, 27700) AS b FROM place WHERE id = ${options.placeId}) x`.execute(db);
	const xmin = Number(rows[0]!.xmin);
	const ymin = Number(rows[0]!.ymin);
	const random = randomStream(options.seed, 'bench-sites');
	const skills = (await db.selectFrom('skill_group').select('id').orderBy('id').execute()).map((s) => s.id);
	const kinds = ['hospital', 'housing', 'mixed_use', 'education', 'commercial'] as const;
	for (let j = 0; j < options.sites; j++) {
		const x = xmin + options.sideMetres * (0.05 + 0.9 * random.next());
		const y = ymin + options.sideMetres * (0.05 + 0.9 * random.next());
		await sql`
			INSERT INTO macro_asset (id, place_id, name, kind, status, geom, illustrative)
			VALUES (${`bench-site-${j}`}, ${options.placeId}, ${`Benchmark site ${j} (synthetic)`}, ${kinds[j % kinds.length]!}, 'planned',
			        ST_Multi(ST_Transform(ST_Buffer(ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), 27700), 60, 4), 4326)), '{jobs}')`.execute(db);
	}
	const rows2 = Array.from({ length: options.opportunityRows }, (_, n) => ({
		id: `bench-opportunity-${n}`,
		macro_asset_id: `bench-site-${n % options.sites}`,
		skill_group_id: skills[Math.floor(random.next() * skills.length)]!,
		kind: 'job' as const,
		title: `Benchmark opportunity ${n}`,
		count: 1 + Math.floor(random.next() * 20),
		illustrative: true
	}));
	for (let start = 0; start < rows2.length; start += 500) await db.insertInto('opportunity').values(rows2.slice(start, start + 500)).execute();
	return { srid: 27700, xmin, ymin };
}

/** 100,000 (or `residents`) synthetic records in clusters, snapped to 250 m cell centres. */
export async function insertBenchResidents(db: Kysely<Database>, options: BenchLoadOptions, extent: { srid: number; xmin: number; ymin: number }): Promise<void> {
	const random = randomStream(options.seed, 'bench-residents');
	const skills = (await db.selectFrom('skill_group').select('id').orderBy('id').execute()).map((s) => s.id);
	const centres = Array.from({ length: 40 }, () => ({ x: extent.xmin + options.sideMetres * random.next(), y: extent.ymin + options.sideMetres * random.next(), spread: 400 + 1500 * random.next() }));
	const residents: SyntheticResident[] = [];
	for (let n = 0; n < options.residents; n++) {
		const centre = centres[Math.floor(random.next() * centres.length)]!;
		// Box–Muller: a normal cloud around each cluster centre, clamped to the square.
		const r = Math.sqrt(-2 * Math.log(1 - random.next())) * centre.spread;
		const angle = 2 * Math.PI * random.next();
		const x = Math.min(extent.xmin + options.sideMetres - 1, Math.max(extent.xmin + 1, centre.x + r * Math.cos(angle)));
		const y = Math.min(extent.ymin + options.sideMetres - 1, Math.max(extent.ymin + 1, centre.y + r * Math.sin(angle)));
		const overseas = random.next() < 0.1;
		residents.push({
			id: randomUuid(random),
			skillGroupId: skills[Math.floor(random.next() * skills.length)]!,
			qualificationLevel: Math.floor(random.next() * 9),
			overseasQualification: overseas,
			englishTestPassed: overseas ? random.next() < 0.6 : random.next() < 0.95,
			professionallyRegistered: random.next() < 0.3,
			languages: ['en'],
			cell: hexCellCentre(x, y, 250)
		});
	}
	await insertSyntheticResidents(db, options.placeId, extent.srid, residents);
}

/** A 1,000-point grid and 50 random sites over a walking network's extent, for the matrix benchmark. */
export async function walkingBenchPoints(
	db: Kysely<Database>,
	placeId: string,
	origins: number,
	sites: number,
	seed: string
): Promise<{ origins: { id: string; x: number; y: number }[]; sites: { key: string; geojson: string }[] }> {
	const { rows } = await sql<{ xmin: number; ymin: number; xmax: number; ymax: number }>`
		SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
		FROM (SELECT ST_Extent(n.geom)::geometry AS e FROM walk_node n JOIN walk_network w ON w.id = n.network_id WHERE w.place_id = ${placeId}) x`.execute(db);
	const box = rows[0]!;
	const [xmin, ymin, xmax, ymax] = [Number(box.xmin), Number(box.ymin), Number(box.xmax), Number(box.ymax)];
	const side = Math.ceil(Math.sqrt(origins));
	const grid: { id: string; x: number; y: number }[] = [];
	for (let i = 0; i < side && grid.length < origins; i++) {
		for (let j = 0; j < side && grid.length < origins; j++) {
			grid.push({ id: `o-${i}-${j}`, x: xmin + ((i + 0.5) * (xmax - xmin)) / side, y: ymin + ((j + 0.5) * (ymax - ymin)) / side });
		}
	}
	const random = randomStream(seed, 'bench-walking');
	const points: { key: string; geojson: string }[] = [];
	for (let k = 0; k < sites; k++) {
		const x = xmin + (xmax - xmin) * (0.1 + 0.8 * random.next());
		const y = ymin + (ymax - ymin) * (0.1 + 0.8 * random.next());
		const { rows: p } = await sql<{ g: string }>`SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_MakePoint(${x}::float8, ${y}::float8), 27700), 4326)) AS g`.execute(db);
		points.push({ key: crypto.createHash('md5').update(`bench-${k}`).digest('hex'), geojson: p[0]!.g });
	}
	return { origins: grid, sites: points };
}

/** A place over the Smethwick OSM extract's extent (lon -2.0067..-1.9382, lat 52.4663..52.5115). */
export async function createWalkBenchPlace(db: Kysely<Database>, placeId: string): Promise<void> {
	await db.deleteFrom('place').where('id', '=', placeId).execute();
	await sql`INSERT INTO place (id, name, projected_srid, boundary)
		VALUES (${placeId}, 'Smethwick (walking benchmark)', 27700, ST_Multi(ST_MakeEnvelope(-2.0067, 52.4663, -1.9382, 52.5115, 4326)))`.execute(db);
}

/** `count` synthetic social enterprises spread over the bench place (public points for the map benchmark). */
export async function insertBenchEnterprises(db: Kysely<Database>, placeId: string, count: number, extent: { xmin: number; ymin: number }, sideMetres: number): Promise<void> {
	await sql`SELECT setseed(0.42)`.execute(db);
	await sql`
		INSERT INTO social_enterprise (id, place_id, name, consortium, synthetic, geom)
		SELECT 'bench-enterprise-' || n, ${placeId}, 'Benchmark enterprise ' || n || ' (synthetic)',
		       (ARRAY['health', 'social_care', 'food', 'creative_industries', 'retail', 'construction', 'tourism'])[1 + n % 7],
		       true,
		       ST_Transform(ST_SetSRID(ST_MakePoint(${extent.xmin}::float8 + random() * ${sideMetres}::float8, ${extent.ymin}::float8 + random() * ${sideMetres}::float8), 27700), 4326)
		FROM generate_series(1, ${count}::integer) AS n`.execute(db);
	await sql`ANALYZE social_enterprise`.execute(db);
}
