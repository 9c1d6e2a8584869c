/**
 * The hexagon ladder 250 m -> 500 m -> 1 km -> place as a `CellHierarchy`.
 *
 * Parents are defined by chaining, not by looking each level up from the base cell independently:
 * the hex500 parent of a hex250 cell is the 500 m cell containing the 250 m cell's centre, and the
 * hex1000 parent is the 1 km cell containing that hex500 parent's centre. Large hexagons cannot be
 * tiled exactly by small ones, so "the big cell containing the small one" is ambiguous at the
 * edges; chaining makes every cell have exactly one parent and the levels nest by construction.
 */
import type { CellHierarchy, Level } from './cell-hierarchy';
import { formatHexCellId, hexCellCentreOfIndex, locateHexCell, parseHexCellId, type HexCellLocator } from './cell-ids';

/** Edge length (ST_HexagonGrid `size`, metres) of each hexagon level. */
export const HEX_LEVEL_SIZES = { hex250: 250, hex500: 500, hex1000: 1000 } as const;

export interface HexCellHierarchyOptions {
	/** Point -> cell rule; defaults to `cells/hex.ts` through `locateHexCell`. */
	locate?: HexCellLocator;
	/** Id of the single place unit; 'place' unless several places share one database. */
	placeId?: string;
}

/** A hierarchy over `hex250:i:j` base ids. Results are cached per base cell. */
export function createHexCellHierarchy(options: HexCellHierarchyOptions = {}): CellHierarchy {
	const locate = options.locate ?? locateHexCell;
	const placeId = options.placeId ?? 'place';
	const cache = new Map<string, { hex500: string; hex1000: string }>();

	const parentsOf = (cellId: string): { hex500: string; hex1000: string } => {
		const cached = cache.get(cellId);
		if (cached) return cached;
		const parsed = parseHexCellId(cellId);
		if (!parsed || parsed.levelName !== 'hex250') throw new Error(`"${cellId}" is not a base cell id (expected hex250:i:j)`);
		const centre250 = hexCellCentreOfIndex(parsed.i, parsed.j, HEX_LEVEL_SIZES.hex250);
		const in500 = locate(centre250.x, centre250.y, HEX_LEVEL_SIZES.hex500);
		const in1000 = locate(in500.centre.x, in500.centre.y, HEX_LEVEL_SIZES.hex1000);
		const parents = { hex500: formatHexCellId('hex500', in500.i, in500.j), hex1000: formatHexCellId('hex1000', in1000.i, in1000.j) };
		cache.set(cellId, parents);
		return parents;
	};

	return {
		parentOf(cellId: string, level: Level): string {
			if (level === 'place') return placeId;
			if (level === 'hex250') {
				parentsOf(cellId);
				return cellId;
			}
			return parentsOf(cellId)[level];
		}
	};
}
