/** Shared set-up for the import tests: a place to import into, running a command line, counting rows. */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../src/lib/server/db/schema';
import { parseImportArguments } from '../../src/lib/server/imports/command-line';
import { importFile, ImportRefused, type ImportReport } from '../../src/lib/server/imports/index';

/** The Greater Icknield study box (lon -1.98..-1.89, lat 52.46..52.51), as the shared data uses. */
export async function createPlace(db: Kysely<Database>, id = 'greater-icknield'): Promise<void> {
	await db
		.insertInto('place')
		.values({
			id,
			name: `Test place ${id}`,
			projected_srid: 27700,
			boundary: sql`ST_Multi(ST_MakeEnvelope(-1.98, 52.46, -1.89, 52.51, 4326))`
		})
		.execute();
}

/** Runs `npm run import -- <argv>` against a test database. */
export async function runImport(db: Kysely<Database>, argv: string[]): Promise<ImportReport> {
	const parsed = parseImportArguments(argv);
	if (!('command' in parsed)) throw new Error(`bad test arguments: ${JSON.stringify(parsed)}`);
	return importFile(db, parsed.command);
}

/** Runs an import that must be refused, and returns its messages. */
export async function refusedImport(db: Kysely<Database>, argv: string[]): Promise<readonly string[]> {
	const error = await runImport(db, argv).then(
		() => undefined,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(ImportRefused);
	return (error as ImportRefused).problems;
}

/** Row counts of every table imports write, to show that a refused import wrote nothing. */
export async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
	const { rows } = await sql<Record<string, number>>`
		SELECT (SELECT count(*)::int FROM macro_asset) AS macro_asset,
		       (SELECT count(*)::int FROM opportunity) AS opportunity,
		       (SELECT count(*)::int FROM community_hub) AS community_hub,
		       (SELECT count(*)::int FROM social_enterprise) AS social_enterprise,
		       (SELECT count(*)::int FROM reference_area) AS reference_area,
		       (SELECT count(*)::int FROM reference_area WHERE imd_rank IS NOT NULL) AS with_imd`.execute(db);
	return rows[0]!;
}

/** Metres between two WGS84 points (equirectangular: exact enough at the few-metre scale). */
export function metresBetween([lon1, lat1]: readonly number[], [lon2, lat2]: readonly number[]): number {
	const latitude = (((lat1! + lat2!) / 2) * Math.PI) / 180;
	return Math.hypot((lon1! - lon2!) * Math.cos(latitude) * 111_320, (lat1! - lat2!) * 110_574);
}

/**
 * The public files in the shared data folder, read in place (never copied into the project).
 * A clone without that folder skips the tests that need it.
 */
export const REAL_DATA = path.resolve('..', 'shared', 'data', 'real');
export const hasRealData = fs.existsSync(REAL_DATA);
export const realDataTitle = (what: string) =>
	hasRealData ? `${what} (${REAL_DATA})` : `${what}: SKIPPED, the public files are not at ${REAL_DATA}`;
export const real = (...parts: string[]) => path.join(REAL_DATA, ...parts);

/** Centroids of one type of reference area, by code, as [lon, lat]. */
export async function centroidsByCode(db: Kysely<Database>, areaType: string): Promise<Map<string, number[]>> {
	const { rows } = await sql<{ code: string; centroid: { coordinates: number[] } }>`
		SELECT code, ST_AsGeoJSON(ST_Centroid(geom))::json AS centroid
		FROM reference_area WHERE area_type = ${areaType}`.execute(db);
	return new Map(rows.map((row) => [row.code, row.centroid.coordinates]));
}
