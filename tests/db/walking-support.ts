/** Shared by the walking-network tests: whether pgRouting can be compared, and the real OSM files. */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import { ensurePgRouting } from '../../src/lib/server/walking/queries';
import { hasRealData, real, REAL_DATA, realDataTitle } from './imports-support';

/**
 * Why the pgRouting tests cannot run here, or undefined when they can. With REQUIRE_PGROUTING=1
 * (CI's real-server run) a missing pgRouting is a failure, not a skip.
 */
export async function pgRoutingSkipReason(database: { db: Kysely<Database>; backend: string }): Promise<string | undefined> {
	if (await ensurePgRouting(database.db)) return undefined;
	const reason =
		database.backend === 'pglite'
			? 'pgRouting does not exist for the embedded PGlite; run the db tests with TEST_DATABASE_URL=postgres://… on a server with postgresql-<version>-pgrouting'
			: 'the PostgreSQL server does not offer pgRouting (install postgresql-<version>-pgrouting)';
	if (process.env.REQUIRE_PGROUTING === '1') throw new Error(`REQUIRE_PGROUTING=1 but ${reason}`);
	return `SKIPPED: ${reason} (REQUIRE_PGROUTING=1 makes this a failure)`;
}

/**
 * The real OSM files are read in place from ../shared; without that folder their tests skip,
 * unless REQUIRE_SHARED_DATA=1, which lets them run and fail on the missing files.
 */
export const runRealData = hasRealData || process.env.REQUIRE_SHARED_DATA === '1';
export const osmTitle = (what: string) => (runRealData ? `${what} (${REAL_DATA})` : realDataTitle(what));

export const LEEDS = {
	folder: 'osm-sample-leeds-its-osmextract',
	pbf: real('osm-sample-leeds-its-osmextract', 'its-example.osm.pbf'),
	xml: real('osm-sample-leeds-its-osmextract', 'its-example.osm'),
	/** The PBF header's bbox (SOURCE.md), a little widened. */
	bbox: [-1.5615, 53.806, -1.5495, 53.8096] as const
};

export const SMETHWICK = {
	pbf: real('osm-smethwick-quickosm', 'smethwick_roads_reconstructed.osm.pbf'),
	xml: real('osm-smethwick-quickosm', 'smethwick_roads_reconstructed.osm'),
	pois: real('osm-smethwick-quickosm', 'smethwick_osm_building_pois.geojson'),
	/** lon -2.0067..-1.9382, lat 52.4663..52.5115 (SOURCE.md), a little widened. */
	bbox: [-2.0068, 52.4662, -1.9381, 52.5116] as const
};
