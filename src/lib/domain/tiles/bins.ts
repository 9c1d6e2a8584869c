/**
 * Counting points per grid square of a tile: how the map draws 100,000 points when zoomed out.
 * The tile server counts them per square and category (server/tiles), and the map adds up the
 * squares of the categories its filters keep (map/deck-points), both with this.
 */

export interface PointBin<T> {
	/** The bin's position: the mean of its points, in the tile's own 0–1 coordinates. */
	x: number;
	y: number;
	count: number;
	/** The point itself when the bin holds just one (drawn and clickable as a normal point). */
	single: T | null;
}

/**
 * Counts points (in a tile's 0–1 coordinates) per square of a `cells` × `cells` grid over the
 * tile; points outside the tile (its buffer) are left to the neighbouring tile, so none counts twice.
 * `weight` says how many points one input stands for (a square the server already counted); the
 * position is then the weighted mean, and only a lone point of weight 1 is kept as `single`.
 */
export function binTilePoints<T>(
	points: readonly T[],
	position: (p: T) => readonly [number, number],
	cells: number,
	weight: (p: T) => number = () => 1
): PointBin<T>[] {
	const bins = new Map<number, { sx: number; sy: number; count: number; first: T }>();
	for (const p of points) {
		const [x, y] = position(p);
		if (!(x >= 0 && x < 1 && y >= 0 && y < 1)) continue;
		const w = weight(p);
		if (!(w > 0)) continue;
		const key = Math.floor(y * cells) * cells + Math.floor(x * cells);
		const bin = bins.get(key);
		if (bin) {
			bin.sx += x * w;
			bin.sy += y * w;
			bin.count += w;
		} else bins.set(key, { sx: x * w, sy: y * w, count: w, first: p });
	}
	return [...bins.values()].map((b) => ({ x: b.sx / b.count, y: b.sy / b.count, count: b.count, single: b.count === 1 ? b.first : null }));
}
