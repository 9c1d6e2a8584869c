/**
 * OpenStreetMap data as the walking network needs it: nodes (id, longitude, latitude) and ways
 * (id, node references, tags). Relations are not read: a walking network is made of ways.
 * See https://wiki.openstreetmap.org/wiki/Elements.
 */
import { ProblemList } from '../imports/problems';

export interface OsmNode {
	readonly lon: number;
	readonly lat: number;
}

export interface OsmWay {
	readonly id: number;
	readonly refs: readonly number[];
	readonly tags: Readonly<Record<string, string>>;
}

export interface OsmData {
	/** By OSM id. Ids may be negative (files edited in JOSM, or reconstructed ones). */
	readonly nodes: ReadonlyMap<number, OsmNode>;
	/** In file order. */
	readonly ways: readonly OsmWay[];
}

export type OsmFormat = 'xml' | 'pbf';

export const OSM_FORMAT_LABELS: Readonly<Record<OsmFormat, string>> = {
	xml: 'OSM XML',
	pbf: 'OSM PBF'
};

/** The format a file name implies: .osm (XML) or .osm.pbf / .pbf (PBF). */
export function osmFormatOf(file: string): OsmFormat | undefined {
	const lower = file.toLowerCase();
	if (lower.endsWith('.pbf')) return 'pbf';
	if (lower.endsWith('.osm') || lower.endsWith('.xml')) return 'xml';
	return undefined;
}

/** The file is not OSM data we can read; `problems` say where and what, for the person holding it. */
export class OsmFileError extends Error {
	override name = 'OsmFileError';
	constructor(
		readonly file: string,
		readonly problems: readonly string[]
	) {
		super(`${file}: ${problems.join('; ')}`);
	}
}

/**
 * OSM stores coordinates as integers of 1e-7 degrees; rounding to that grid makes a node read from
 * XML (decimal text) and from PBF (integer deltas times a granularity) the same number.
 */
export function osmDegrees(value: number): number {
	return Math.round(value * 1e7) / 1e7;
}

/** Enough to find and fix a broken file without flooding the terminal. */
const PROBLEM_LIMIT = 20;

/**
 * Collects nodes and ways from either format, checking each element as it arrives. Elements are
 * named in messages by `where` (an XML line, a PBF block) and their id.
 */
export class OsmCollector {
	readonly nodes = new Map<number, OsmNode>();
	readonly ways: OsmWay[] = [];
	readonly problems = new ProblemList(PROBLEM_LIMIT);

	addNode(where: string, id: unknown, lat: unknown, lon: unknown): void {
		const label = `${where}: node ${String(id)}`;
		if (!isOsmId(id)) {
			this.problems.add(`${where}: a node has no valid id (${JSON.stringify(id) ?? 'none'})`);
			return;
		}
		const latitude = toNumber(lat);
		const longitude = toNumber(lon);
		if (latitude === undefined || latitude < -90 || latitude > 90) {
			this.problems.add(`${label}: lat ${JSON.stringify(lat) ?? 'missing'} is not a latitude between -90 and 90`);
			return;
		}
		if (longitude === undefined || longitude < -180 || longitude > 180) {
			this.problems.add(`${label}: lon ${JSON.stringify(lon) ?? 'missing'} is not a longitude between -180 and 180`);
			return;
		}
		const node = { lon: osmDegrees(longitude), lat: osmDegrees(latitude) };
		const seen = this.nodes.get(id);
		if (seen && (seen.lon !== node.lon || seen.lat !== node.lat)) {
			this.problems.add(`${label}: appears twice with different coordinates`);
			return;
		}
		this.nodes.set(id, node);
	}

	addWay(where: string, id: unknown, refs: readonly unknown[], tags: Readonly<Record<string, string>>): void {
		if (!isOsmId(id)) {
			this.problems.add(`${where}: a way has no valid id (${JSON.stringify(id) ?? 'none'})`);
			return;
		}
		const badRef = refs.find((ref) => !isOsmId(ref));
		if (badRef !== undefined || refs.some((ref) => ref === undefined)) {
			this.problems.add(`${where}: way ${id}: node reference ${JSON.stringify(badRef) ?? 'missing'} is not an OSM id`);
			return;
		}
		this.ways.push({ id, refs: refs as number[], tags });
	}

	/** The data, or an OsmFileError listing every problem found. */
	finish(file: string): OsmData {
		if (this.problems.count) throw new OsmFileError(file, this.problems.messages());
		return { nodes: this.nodes, ways: this.ways };
	}
}

function isOsmId(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value !== 0;
}

function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return undefined;
	return Number(value);
}

/** An OSM id written in XML: an optional minus and digits. */
export function parseOsmIdText(text: string | undefined): number | string | undefined {
	if (text === undefined) return undefined;
	return /^-?\d{1,16}$/.test(text) ? Number(text) : text;
}
