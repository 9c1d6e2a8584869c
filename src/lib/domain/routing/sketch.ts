/**
 * A route drawn without a map library: positions (WGS84) fitted into a box of SVG units, for the
 * printable route sheet and the page without JavaScript. Longitude is scaled by cos(latitude) at
 * the route's middle (an equirectangular projection), which keeps a town-sized walk's shape true
 * to a fraction of a percent; y grows downwards, as SVG's does.
 */

export interface SketchFrame {
	readonly width: number;
	readonly height: number;
	/** [x, y] in SVG units for a [lon, lat]. */
	readonly project: (position: readonly number[]) => [number, number];
}

/**
 * The frame that fits every position into width × height (less `margin` on each side), keeping
 * the aspect ratio; a single position (or none) sits in the middle.
 */
export function sketchFrame(positions: readonly (readonly number[])[], width: number, height: number, margin = 16): SketchFrame {
	const lons = positions.map((p) => p[0]!);
	const lats = positions.map((p) => p[1]!);
	const [west, east] = [Math.min(...lons), Math.max(...lons)];
	const [south, north] = [Math.min(...lats), Math.max(...lats)];
	const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
	const spanX = (east - west) * k;
	const spanY = north - south;
	const scale = positions.length && (spanX > 0 || spanY > 0) ? Math.min((width - 2 * margin) / (spanX || Infinity), (height - 2 * margin) / (spanY || Infinity)) : 0;
	const offsetX = (width - spanX * scale) / 2;
	const offsetY = (height - spanY * scale) / 2;
	return {
		width,
		height,
		project: (position) =>
			positions.length === 0 ? [width / 2, height / 2] : [offsetX + (position[0]! - west) * k * scale, offsetY + (north - position[1]!) * scale]
	};
}

/** An SVG path's `d` for a line through positions. */
export function sketchPath(frame: SketchFrame, positions: readonly (readonly number[])[]): string {
	return positions.map((p, k) => `${k ? 'L' : 'M'}${frame.project(p).map((v) => v.toFixed(1)).join(' ')}`).join(' ');
}
