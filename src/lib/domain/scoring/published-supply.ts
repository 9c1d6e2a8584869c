/**
 * Local supply P(i) per 250 m score cell from a published resident layer — never from person-level
 * records. A published 250 m cell gives its rounded count; a coarser published unit (500 m, 1 km,
 * the whole place) spreads its rounded count evenly over the score cells it was counted in; a
 * withheld (suppressed) unit, or a cell no published unit covers, gives 0. So scores, the site view
 * and explanations reveal nothing the published layer does not.
 */

/** A score cell with the ids of the coarser hexagons it lies in. */
export interface SupplyCell {
	readonly id: string;
	readonly hex500: string;
	readonly hex1000: string;
}

/** The id of the unit that covers the whole place when nothing finer could be published. */
export const PLACE_UNIT_ID = 'place';

/**
 * P(i) for every cell, in `cells` order. `units` maps a published unit's id to its count; a null
 * count is a unit published as withheld, which gives its cells 0 (its coarser parents do not
 * stand in for it: they were counted with it).
 */
export function spreadPublishedSupply(cells: readonly SupplyCell[], units: ReadonlyMap<string, number | null>): Float64Array {
	const in500 = new Map<string, number>();
	const in1000 = new Map<string, number>();
	for (const cell of cells) {
		in500.set(cell.hex500, (in500.get(cell.hex500) ?? 0) + 1);
		in1000.set(cell.hex1000, (in1000.get(cell.hex1000) ?? 0) + 1);
	}
	const supply = new Float64Array(cells.length);
	cells.forEach((cell, i) => {
		let value: number | null;
		if (units.has(cell.id)) value = units.get(cell.id)!;
		else if (units.has(cell.hex500)) value = share(units.get(cell.hex500)!, in500.get(cell.hex500)!);
		else if (units.has(cell.hex1000)) value = share(units.get(cell.hex1000)!, in1000.get(cell.hex1000)!);
		else if (units.has(PLACE_UNIT_ID)) value = share(units.get(PLACE_UNIT_ID)!, cells.length);
		else value = 0;
		supply[i] = value ?? 0;
	});
	return supply;
}

function share(count: number | null, cells: number): number | null {
	return count === null ? null : count / cells;
}
