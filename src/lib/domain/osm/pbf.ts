/**
 * Reads OSM PBF (https://wiki.openstreetmap.org/wiki/PBF_Format), the format Geofabrik, BBBike and
 * osmium write. The bytes are decoded by osm-pbf-parser-node (MIT; pbf + node:zlib, maintained),
 * wired up in src/lib/server/walking/read-osm.ts; this module checks the file's start and turns
 * the decoder's elements, and its terse failures ("input format error"), into OsmData and messages.
 */
import { OsmCollector, OsmFileError, type OsmData } from './elements';

/** A PBF file opens with a 4-byte length and a BlobHeader whose type (field 1) is "OSMHeader". */
const SIGNATURE = new Uint8Array([0x0a, 9, ...new TextEncoder().encode('OSMHeader')]);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}

/**
 * Passes the bytes on after checking that they start like an OSM PBF file.
 * @throws OsmFileError for an empty file or one that is not PBF (XML named .pbf, say)
 */
export async function* checkPbfStart(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: string): AsyncGenerator<Uint8Array> {
	let head: Uint8Array = new Uint8Array();
	let checked = false;
	for await (const chunk of chunks) {
		if (checked) {
			yield chunk;
			continue;
		}
		head = concat(head, chunk);
		if (head.length < 4 + SIGNATURE.length) continue;
		if (!SIGNATURE.every((byte, i) => head[4 + i] === byte)) {
			throw new OsmFileError(file, ['this is not an OSM PBF file: it does not start with an OSMHeader block']);
		}
		checked = true;
		yield head;
	}
	if (!checked) throw new OsmFileError(file, [head.length ? 'this is not an OSM PBF file: it is too short' : 'the file is empty']);
}

interface PbfNode {
	readonly type: 'node';
	readonly id: unknown;
	readonly lat: unknown;
	readonly lon: unknown;
}
interface PbfWay {
	readonly type: 'way';
	readonly id: unknown;
	readonly refs?: unknown;
	readonly tags?: Record<string, string>;
}

function isElement(item: unknown): item is { type: string } {
	return typeof item === 'object' && item !== null && 'type' in item;
}

/**
 * Collects the nodes and ways a PBF decoder yields, one array of elements per block (the header
 * block has no `type` and is passed over).
 * @param file the file's name, for messages
 * @throws OsmFileError when decoding fails (the file is cut short or damaged) or an element is bad
 */
export async function collectPbfElements(blocks: AsyncIterable<readonly unknown[]>, file: string): Promise<OsmData> {
	const collector = new OsmCollector();
	let count = 0;
	try {
		for await (const block of blocks) {
			count++;
			for (const item of block) {
				if (!isElement(item)) continue;
				if (item.type === 'node') {
					const node = item as PbfNode;
					collector.addNode(`block ${count}`, node.id, node.lat, node.lon);
				} else if (item.type === 'way') {
					const way = item as PbfWay;
					collector.addWay(`block ${count}`, way.id, Array.isArray(way.refs) ? way.refs : [], way.tags ?? {});
				}
			}
		}
	} catch (err) {
		if (err instanceof OsmFileError) throw err;
		const after = count ? ` after block ${count}` : '';
		throw new OsmFileError(file, [`the PBF data is cut short or damaged${after} (${(err as Error).message})`]);
	}
	return collector.finish(file);
}
