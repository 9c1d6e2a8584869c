/**
 * A place's capital projects as GeoJSON, kept while the table is unchanged: every map, site page
 * and projector in the room asks for the same fifty polygons, and building them (PostGIS to
 * GeoJSON, then JSON, then gzip) for each was most of what that endpoint cost under load. One read
 * of the table's version decides whether the kept copy is current, so an edit shows at once.
 */
import type { Kysely } from 'kysely';
import type { MacroAssetFeatureCollection } from '../../contracts/sites';
import { SharedMemo } from '../cache/shared-memo';
import type { Database } from '../db/schema';
import { macroAssetFeatureCollection } from './geojson';
import { listMacroAssets, macroAssetsVersion } from './queries';

const collections = new SharedMemo<MacroAssetFeatureCollection>(64);

/** The place's sites by name, or null when there is no such place. */
export async function macroAssetCollection(db: Kysely<Database>, placeId: string): Promise<MacroAssetFeatureCollection | null> {
	const { placeExists, version } = await macroAssetsVersion(db, placeId);
	if (!placeExists) return null;
	return collections.get(`${placeId}#${version}`, async () => macroAssetFeatureCollection(await listMacroAssets(db, placeId)));
}
