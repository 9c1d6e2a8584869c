/**
 * Stand-in data for an empty database. The demo seed (Greater Icknield's five sites) loads itself at
 * start-up once it lands; until then, and for any database the seed leaves empty, the e2e tier
 * gives the app one small place with two sites so the page has something to show. The tests read
 * names from the API, so they hold for either data set.
 */
import type { MultiPolygon } from 'geojson';
import { sql } from 'kysely';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrator';
import type { NewMacroAsset } from '../../src/lib/server/db/schema';

function polygon(ring: [number, number][]): MultiPolygon {
	return { type: 'MultiPolygon', coordinates: [[[...ring, ring[0]!]]] };
}

const geom = (g: MultiPolygon) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;

const SITES: (Omit<NewMacroAsset, 'geom' | 'place_id'> & { shape: MultiPolygon })[] = [
	{
		id: 'e2e-hospital',
		name: 'E2E Test Hospital',
		kind: 'hospital',
		status: 'operational',
		description: 'A test fixture standing in for a hospital site.',
		timeline_start: 2016,
		timeline_end: 2024,
		investment_gbp: 350_000_000,
		jobs: 7000,
		owners: ['Test Trust'],
		partners: ['Test Builder'],
		source: 'tests/e2e/fixture.ts',
		illustrative: ['jobs'],
		shape: polygon([
			[-1.9635, 52.4945],
			[-1.9575, 52.4945],
			[-1.9575, 52.4975],
			[-1.9635, 52.4975]
		])
	},
	{
		id: 'e2e-canal-homes',
		name: 'E2E Canal Homes',
		kind: 'housing',
		status: 'under_construction',
		description: 'A test fixture standing in for a housing site.',
		timeline_start: 2019,
		homes: 1150,
		owners: [],
		partners: [],
		source: 'tests/e2e/fixture.ts',
		illustrative: [],
		shape: polygon([
			[-1.934, 52.4815],
			[-1.926, 52.4815],
			[-1.926, 52.4855],
			[-1.93, 52.4855],
			[-1.93, 52.484],
			[-1.934, 52.484]
		])
	}
];

/** Writes the stand-in place and sites into the embedded database in `dataDir` (app stopped). */
export async function insertFixture(dataDir: string, migrationsDir: string): Promise<void> {
	const database = await openDatabase({ pgliteDataDir: dataDir });
	try {
		await migrate(database.db, migrationsDir);
		await database.db.transaction().execute(async (tx) => {
			await tx
				.insertInto('place')
				.values({
					id: 'e2e-test-place',
					name: 'E2E Test Place',
					description: 'A small place made up by the end-to-end tests while no demo data is loaded.',
					projected_srid: 27700,
					boundary: geom(
						polygon([
							[-1.975, 52.476],
							[-1.915, 52.476],
							[-1.915, 52.503],
							[-1.975, 52.503]
						])
					),
					source: 'tests/e2e/fixture.ts'
				})
				.execute();
			for (const { shape, ...site } of SITES) {
				await tx
					.insertInto('macro_asset')
					.values({ ...site, place_id: 'e2e-test-place', geom: geom(shape) })
					.execute();
			}
		});
	} finally {
		await database.close();
	}
}
