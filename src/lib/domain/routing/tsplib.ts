/**
 * Reads a TSPLIB95 instance (Reinelt 1991) of EDGE_WEIGHT_TYPE EUC_2D: coordinates, and the
 * distance TSPLIB defines for them, nint(sqrt(dx² + dy²)) — the rounding the published optima
 * assume (berlin52 7542, eil51 426).
 */
import { matrixFrom, type DistanceMatrix } from './matrix';

export interface TsplibInstance {
	readonly name: string;
	readonly points: readonly (readonly [number, number])[];
	readonly matrix: DistanceMatrix;
}

export function parseTsplibEuc2d(text: string): TsplibInstance {
	const header = new Map<string, string>();
	const points: [number, number][] = [];
	let inCoordinates = false;
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line || line === 'EOF') continue;
		if (line === 'NODE_COORD_SECTION') {
			inCoordinates = true;
			continue;
		}
		if (inCoordinates) {
			const [, x, y] = line.split(/\s+/).map(Number);
			if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`TSPLIB: cannot read the coordinates "${line}"`);
			points.push([x!, y!]);
		} else {
			const colon = line.indexOf(':');
			if (colon > 0) header.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
		}
	}
	if (header.get('EDGE_WEIGHT_TYPE') !== 'EUC_2D') throw new Error(`TSPLIB: only EUC_2D is read, not ${header.get('EDGE_WEIGHT_TYPE')}`);
	const dimension = Number(header.get('DIMENSION'));
	if (dimension !== points.length) throw new Error(`TSPLIB: DIMENSION ${dimension} but ${points.length} coordinates`);
	const matrix = matrixFrom(points.length, (i, j) => Math.round(Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1])));
	return { name: header.get('NAME') ?? 'unnamed', points, matrix };
}
