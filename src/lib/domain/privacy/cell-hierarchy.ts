/**
 * The geography that resident counts are published on: a fixed ladder of levels from the base
 * 250 m hexagon up to the whole place, and the public rule that says which coarser unit each base
 * cell belongs to. The ladder is what "coarsen before suppressing" climbs (DESIGN.md, Anonymisation
 * rules: hex 250 m -> 500 m -> 1 km -> ward/place).
 */

/** Levels from finest to coarsest. Index order matters: a unit's parent is one index up. */
export const LEVELS = ['hex250', 'hex500', 'hex1000', 'place'] as const;

export type Level = (typeof LEVELS)[number];

/** The finest level: every record is counted in exactly one unit of it. */
export const BASE_LEVEL: Level = 'hex250';

/**
 * The public nesting of cells. For a base cell id (level 'hex250'), returns the id of the unit
 * containing it at `level`; `parentOf(id, 'hex250')` is the id itself.
 *
 * Implementations must nest: two base cells in the same unit at one level must share their unit at
 * every coarser level, and there is a single 'place' unit. `buildCellTree` checks both, because the
 * partition argument (one filter's units never overlap) depends on it.
 */
export interface CellHierarchy {
	parentOf(cellId: string, level: Level): string;
}

/** Position of a level in `LEVELS` (0 = base). */
export function levelRank(level: Level): number {
	return LEVELS.indexOf(level);
}
