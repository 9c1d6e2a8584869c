/**
 * The synthetic load `npm run bench` scores (issue 4): a square place around Greater Icknield large
 * enough for about 1,000 cells of 250 m, 50 sites with 2,000 opportunity rows, and 100,000
 * synthetic resident records. Seeded, so every run measures the same data. Never used by the app.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { hexCellCentre } from '../../domain/cells/hex';
import { randomStream, randomUuid } from '../../domain/synthetic/random';
import type { Database } from '../db/schema';
import { insertSyntheticResidents, type SyntheticResident } from '../restricted/synthetic';
import { deletePlace, insertEnvelopePlace, insertOctagonSite, insertOpportunities, insertSquarePlace, pointGeoJson, skillGroupIds, walkNetworkExtent } from './queries';

export { insertBenchEnterprises } from './queries';

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
	await deletePlace(db, options.placeId);
	// Centred on Greater Icknield (about -1.93, 52.485) in British National Grid.
	const { xmin, ymin } = await insertSquarePlace(db, {
		id: options.placeId,
		name: 'Benchmark area (synthetic)',
		source: 'npm run bench synthetic load',
		lon: -1.93,
		lat: 52.485,
		srid: 27700,
		halfMetres: options.sideMetres / 2
	});
	const random = randomStream(options.seed, 'bench-sites');
	const skills = await skillGroupIds(db);
	const kinds = ['hospital', 'housing', 'mixed_use', 'education', 'commercial'] as const;
	for (let j = 0; j < options.sites; j++) {
		const x = xmin + options.sideMetres * (0.05 + 0.9 * random.next());
		const y = ymin + options.sideMetres * (0.05 + 0.9 * random.next());
		await insertOctagonSite(db, { id: `bench-site-${j}`, placeId: options.placeId, name: `Benchmark site ${j} (synthetic)`, kind: kinds[j % kinds.length]!, srid: 27700, x, y });
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
	await insertOpportunities(db, rows2);
	return { srid: 27700, xmin, ymin };
}

/** 100,000 (or `residents`) synthetic records in clusters, snapped to 250 m cell centres. */
export async function insertBenchResidents(db: Kysely<Database>, options: BenchLoadOptions, extent: { srid: number; xmin: number; ymin: number }): Promise<void> {
	const random = randomStream(options.seed, 'bench-residents');
	const skills = await skillGroupIds(db);
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
	const { xmin, ymin, xmax, ymax } = await walkNetworkExtent(db, placeId);
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
		points.push({ key: crypto.createHash('md5').update(`bench-${k}`).digest('hex'), geojson: await pointGeoJson(db, x, y, 27700) });
	}
	return { origins: grid, sites: points };
}

/** A place over the Smethwick OSM extract's extent (lon -2.0067..-1.9382, lat 52.4663..52.5115). */
export async function createWalkBenchPlace(db: Kysely<Database>, placeId: string): Promise<void> {
	await deletePlace(db, placeId);
	await insertEnvelopePlace(db, { id: placeId, name: 'Smethwick (walking benchmark)', srid: 27700, west: -2.0067, south: 52.4663, east: -1.9382, north: 52.5115 });
}
