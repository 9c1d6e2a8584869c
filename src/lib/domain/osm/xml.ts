/**
 * Reads OSM XML (https://wiki.openstreetmap.org/wiki/OSM_XML), as written by the OSM API, osmium,
 * JOSM and QuickOSM, streamed through saxes so a large extract never has to be one string.
 * Elements JOSM marks deleted (action="delete") or the API marks invisible are left out.
 */
import { SaxesParser } from 'saxes';
import { OsmCollector, OsmFileError, parseOsmIdText, type OsmData } from './elements';

/**
 * Parses OSM XML text, given in chunks of any size.
 * @param chunks the file's text (decoded as UTF-8)
 * @param file the file's name, for messages
 * @throws OsmFileError naming the line and element of every problem (not well-formed XML, a node
 *   without coordinates, a way without an id, ...)
 */
export async function parseOsmXml(chunks: AsyncIterable<string> | Iterable<string>, file: string): Promise<OsmData> {
	const collector = new OsmCollector();
	const parser = new SaxesParser({ position: true, xmlns: false });
	let xmlError: string | undefined;
	let rootSeen = false;
	let rootError: string | undefined;
	/** The way being read (its <nd> and <tag> children), or a node/relation whose children we skip. */
	let current: { kind: 'way'; where: string; id: number | string | undefined; refs: unknown[]; tags: Record<string, string> } | { kind: 'other' } | undefined;
	let depth = 0;

	const where = () => `line ${parser.line}`;
	const skipped = (attributes: Record<string, string>) => attributes.action === 'delete' || attributes.visible === 'false';

	parser.on('error', (err) => {
		// saxes prefixes "line:column: "; we say it in words.
		xmlError ??= `the XML is not well-formed at line ${parser.line}, column ${parser.column + 1}: ${err.message.replace(/^\d+:\d+: /, '')}`;
	});
	parser.on('opentag', (tag) => {
		depth++;
		const attributes = tag.attributes;
		if (!rootSeen) {
			rootSeen = true;
			if (tag.name === 'osmChange') rootError = 'this is an osmChange file (edits), not OSM data: export the area as .osm or .osm.pbf';
			else if (tag.name !== 'osm') rootError = `this is not OSM XML: the root element is <${tag.name}>, not <osm>`;
			return;
		}
		if (depth === 2) {
			if (tag.name === 'node' && !skipped(attributes)) {
				collector.addNode(where(), parseOsmIdText(attributes.id), attributes.lat, attributes.lon);
				current = { kind: 'other' };
			} else if (tag.name === 'way' && !skipped(attributes)) {
				current = { kind: 'way', where: where(), id: parseOsmIdText(attributes.id), refs: [], tags: {} };
			} else current = { kind: 'other' };
			return;
		}
		if (depth === 3 && current?.kind === 'way') {
			if (tag.name === 'nd') current.refs.push(parseOsmIdText(attributes.ref));
			else if (tag.name === 'tag') {
				if (attributes.k === undefined || attributes.v === undefined) {
					collector.problems.add(`${where()}: way ${String(current.id)}: a <tag> needs both k and v`);
				} else current.tags[attributes.k] = attributes.v;
			}
		}
	});
	parser.on('closetag', () => {
		if (depth === 2 && current?.kind === 'way') collector.addWay(current.where, current.id, current.refs, current.tags);
		if (depth === 2) current = undefined;
		depth--;
	});

	for await (const chunk of chunks) {
		parser.write(chunk);
		if (xmlError || rootError) break;
	}
	if (!xmlError && !rootError) parser.close();
	if (rootError) throw new OsmFileError(file, [rootError]);
	if (xmlError) throw new OsmFileError(file, [xmlError]);
	return collector.finish(file);
}
