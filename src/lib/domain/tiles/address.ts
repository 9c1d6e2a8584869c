/** The z/x/y address (Web Mercator, XYZ scheme) of the tile holding a WGS84 point. */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
	const n = 2 ** z;
	const rad = (lat * Math.PI) / 180;
	return {
		z,
		x: Math.floor(((lon + 180) / 360) * n),
		y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n)
	};
}
