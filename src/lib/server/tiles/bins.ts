/**
 * Counted point tiles for zoomed-out maps: instead of every point (100,000 enterprises are 4 MB per
 * z10 tile), one point per grid square and category (consortium, hub type) with its count, at the
 * mean position of the square's points. The map's filters choose categories and then add the
 * squares up, so they still work in the browser; a square of one keeps the point's own properties,
 * so it stays clickable. This is the geojson-vt side (PGlite); queries.ts does the same in SQL.
 */
import { binTilePoints } from '../../domain/tiles/bins';

/** A geojson-vt tile feature: type 1 is a point, geometry in tile units (0 – extent). */
export interface VtFeature {
	type: number;
	geometry: unknown;
	tags: Record<string, unknown> | null;
}

export const MAX_BINS = 64;

/**
 * Bins the point features of one tile: `cells` × `cells` squares per category. Points in the
 * tile's buffer are left to the neighbouring tile, so no point is counted twice.
 */
export function binVtFeatures(features: readonly VtFeature[], category: string, cells: number, extent: number): VtFeature[] {
	const byCategory = new Map<string, { x: number; y: number; tags: Record<string, unknown> }[]>();
	for (const feature of features) {
		if (feature.type !== 1) continue;
		const tags = feature.tags ?? {};
		const key = String(tags[category] ?? '');
		let group = byCategory.get(key);
		if (!group) byCategory.set(key, (group = []));
		for (const [x, y] of feature.geometry as [number, number][]) group.push({ x: x / extent, y: y / extent, tags });
	}
	const out: VtFeature[] = [];
	for (const [key, points] of byCategory) {
		for (const bin of binTilePoints(points, (p) => [p.x, p.y], cells)) {
			const tags = bin.single ? { ...bin.single.tags, count: 1 } : key ? { [category]: key, count: bin.count } : { count: bin.count };
			out.push({ type: 1, geometry: [[Math.round(bin.x * extent), Math.round(bin.y * extent)]], tags });
		}
	}
	return out;
}
