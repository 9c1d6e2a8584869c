/**
 * The cells a place is scored on: 250 m hexagons from ST_HexagonGrid over the place boundary
 * (the same grid and ids as the published resident layers), made once and kept in score_cell
 * until the boundary changes. Every origin–site distance hangs off this grid, so a new grid drops
 * the cached distances with it (ON DELETE CASCADE).
 */
import { sql, type Kysely } from 'kysely';
import { formatHexCellId } from '../../domain/privacy/cell-ids';
import { createHexCellHierarchy, HEX_LEVEL_SIZES } from '../../domain/privacy/hex-cell-hierarchy';
import type { Database } from '../db/schema';
import { ApiError } from '../http/errors';

export const SCORE_CELL_SIZE_M = HEX_LEVEL_SIZES.hex250;

export interface ScoreGrid {
	readonly placeId: string;
	readonly srid: number;
	readonly cellCount: number;
}

/** Makes sure the place's grid exists and matches its boundary; returns its size. */
export async function ensureScoreGrid(db: Kysely<Database>, placeId: string): Promise<ScoreGrid> {
	const place = await db
		.selectFrom('place')
		.leftJoin('score_grid', 'score_grid.place_id', 'place.id')
		.select([
			'place.projected_srid as srid',
			sql<string>`md5(ST_AsEWKB(place.boundary))`.as('boundary_hash'),
			'score_grid.boundary_hash as grid_hash',
			'score_grid.cell_count'
		])
		.where('place.id', '=', placeId)
		.executeTakeFirst();
	if (!place) throw new ApiError('not_found', `There is no place "${placeId}".`);
	if (place.grid_hash === place.boundary_hash && place.cell_count !== null) {
		return { placeId, srid: place.srid, cellCount: place.cell_count };
	}
	return db.transaction().execute(async (trx) => {
		// One builder per place; whoever waited finds the grid made.
		await sql`SELECT pg_advisory_xact_lock(727212, hashtext(${placeId}))`.execute(trx);
		const current = await trx.selectFrom('score_grid').select(['boundary_hash', 'cell_count']).where('place_id', '=', placeId).executeTakeFirst();
		if (current?.boundary_hash === place.boundary_hash) return { placeId, srid: place.srid, cellCount: current.cell_count };
		await trx.deleteFrom('score_grid').where('place_id', '=', placeId).execute();

		const { rows } = await sql<{ i: number; j: number }>`
			SELECT h.i, h.j
			FROM place p, ST_Transform(p.boundary, ${place.srid}::integer) AS b,
			     ST_HexagonGrid(${SCORE_CELL_SIZE_M}::float8, b) AS h
			WHERE p.id = ${placeId} AND ST_Intersects(h.geom, b)`.execute(trx);
		const hierarchy = createHexCellHierarchy();
		const ids = rows.map((r) => formatHexCellId('hex250', r.i, r.j));
		const is = rows.map((r) => r.i);
		const js = rows.map((r) => r.j);
		const parents500 = ids.map((id) => hierarchy.parentOf(id, 'hex500'));
		const parents1000 = ids.map((id) => hierarchy.parentOf(id, 'hex1000'));

		await trx
			.insertInto('score_grid')
			.values({ place_id: placeId, boundary_hash: place.boundary_hash, cell_size_m: SCORE_CELL_SIZE_M, cell_count: ids.length })
			.execute();
		await sql`
			INSERT INTO score_cell (place_id, cell_id, hex500_id, hex1000_id, centre, geom)
			SELECT ${placeId}, u.id, u.p500, u.p1000, ST_Centroid(h.geom), ST_Transform(h.geom, 4326)
			FROM place p, ST_Transform(p.boundary, ${place.srid}::integer) AS b,
			     ST_HexagonGrid(${SCORE_CELL_SIZE_M}::float8, b) AS h
			JOIN unnest(${is}::integer[], ${js}::integer[], ${ids}::text[], ${parents500}::text[], ${parents1000}::text[])
			     AS u (i, j, id, p500, p1000) ON u.i = h.i AND u.j = h.j
			WHERE p.id = ${placeId}`.execute(trx);
		// Fresh statistics, or the planner guesses (PGlite never autovacuums): see sql-scorer.ts.
		await sql`ANALYZE score_cell`.execute(trx);
		return { placeId, srid: place.srid, cellCount: ids.length };
	});
}
