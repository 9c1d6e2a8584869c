/**
 * Opens an OSM file and hands its contents to the domain readers (src/lib/domain/osm): XML as
 * UTF-8 text, PBF as bytes through osm-pbf-parser-node's decoder. Streams, so a large extract is
 * never one string or one buffer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { OSMTransform } from 'osm-pbf-parser-node';
import { OsmFileError, type OsmData, type OsmFormat } from '../../domain/osm/elements';
import { checkPbfStart, collectPbfElements } from '../../domain/osm/pbf';
import { parseOsmXml } from '../../domain/osm/xml';

/** Decodes OSM PBF bytes. @throws OsmFileError naming what is wrong */
export async function decodeOsmPbf(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: string): Promise<OsmData> {
	// Node tags and relations are not needed for a walking network; not decoding them saves time.
	const decoder = new OSMTransform({ withTags: { node: false, way: true, relation: false }, withInfo: false });
	// pipeline, not pipe: an error on either side must end the other (pipe would leave it waiting).
	const blocks = pipeline(Readable.from(checkPbfStart(chunks, file)), decoder, () => {});
	return collectPbfElements(blocks as AsyncIterable<unknown[]>, file);
}

/** A file that cannot be read as OSM data; `problems` say why. */
export async function readOsmFile(file: string, format: OsmFormat): Promise<OsmData> {
	const name = path.basename(file);
	try {
		const stat = await fs.promises.stat(file);
		if (stat.isDirectory()) throw new OsmFileError(file, [`cannot read ${file}: it is a folder`]);
		return format === 'pbf'
			? await decodeOsmPbf(fs.createReadStream(file), name)
			: await parseOsmXml(fs.createReadStream(file, { encoding: 'utf8' }), name);
	} catch (err) {
		if (err instanceof OsmFileError) throw err;
		const code = (err as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new OsmFileError(file, [`cannot read ${file}: there is no such file`]);
		throw new OsmFileError(file, [`cannot read ${file}: ${(err as Error).message}`]);
	}
}
