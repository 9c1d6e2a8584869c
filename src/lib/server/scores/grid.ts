/**
 * The cells a place is scored on: 250 m hexagons from ST_HexagonGrid over the place boundary
 * (the same grid and ids as the published resident layers), made once and kept in score_cell
 * until the boundary changes. Every origin–site distance hangs off this grid, so a new grid drops
 * the cached distances with it (ON DELETE CASCADE).
 */
import type { Kysely } from 'kysely';
import { formatHexCellId } from '../../domain/privacy/cell-ids';
import { createHexCellHierarchy, HEX_LEVEL_SIZES } from '../../domain/privacy/hex-cell-hierarchy';
import type { Database } from '../db/schema';
import { ApiError } from '../http/errors';
import { currentGrid, deleteGrid, hexagonsOverPlace, insertGrid, lockGridBuild, placeGridState } from './queries';

export const SCORE_CELL_SIZE_M = HEX_LEVEL_SIZES.hex250;

export interface ScoreGrid {
	readonly placeId: string;
	readonly srid: number;
	readonly cellCount: number;
}

/** Makes sure the place's grid exists and matches its boundary; returns its size. */
export async function ensureScoreGrid(db: Kysely<Database>, placeId: string): Promise<ScoreGrid> {
	const place = await placeGridState(db, placeId);
	if (!place) throw new ApiError('not_found', `There is no place "${placeId}".`);
	if (place.gridHash === place.boundaryHash && place.cellCount !== null) {
		return { placeId, srid: place.srid, cellCount: place.cellCount };
	}
	return db.transaction().execute(async (trx) => {
		// One builder per place; whoever waited finds the grid made.
		await lockGridBuild(trx, placeId);
		const current = await currentGrid(trx, placeId);
		if (current?.boundaryHash === place.boundaryHash) return { placeId, srid: place.srid, cellCount: current.cellCount };
		await deleteGrid(trx, placeId);
		const hierarchy = createHexCellHierarchy();
		const cells = (await hexagonsOverPlace(trx, placeId, place.srid, SCORE_CELL_SIZE_M)).map(({ i, j }) => {
			const id = formatHexCellId('hex250', i, j);
			return { i, j, id, hex500: hierarchy.parentOf(id, 'hex500'), hex1000: hierarchy.parentOf(id, 'hex1000') };
		});
		await insertGrid(trx, { placeId, srid: place.srid, boundaryHash: place.boundaryHash, sizeMetres: SCORE_CELL_SIZE_M, cells });
		return { placeId, srid: place.srid, cellCount: cells.length };
	});
}
