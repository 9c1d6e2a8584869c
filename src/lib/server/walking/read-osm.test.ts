/**
 * The Leeds sample (../shared/data/real/osm-sample-leeds-its-osmextract) is one real extract as
 * both PBF and XML (converted by osmium): both readers must give the same nodes and ways.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OsmFileError } from '../../domain/osm/elements';
import { parseOsmXml } from '../../domain/osm/xml';
import { decodeOsmPbf } from './read-osm';

const LEEDS = path.resolve('..', 'shared', 'data', 'real', 'osm-sample-leeds-its-osmextract');
const hasLeeds = fs.existsSync(LEEDS);
const required = process.env.REQUIRE_SHARED_DATA === '1';

async function problemsOf(bytes: Uint8Array): Promise<readonly string[]> {
	const error = await decodeOsmPbf([bytes], 'bad.osm.pbf').then(
		() => undefined,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(OsmFileError);
	return (error as OsmFileError).problems;
}

describe.skipIf(!hasLeeds && !required)(hasLeeds || required ? `Leeds OSM sample (${LEEDS})` : `Leeds OSM sample: SKIPPED, the public files are not at ${LEEDS}`, () => {
	const pbfFile = path.join(LEEDS, 'its-example.osm.pbf');
	const xmlFile = path.join(LEEDS, 'its-example.osm');

	it('reads the same nodes and ways from the PBF and from the XML', async () => {
		const fromPbf = await decodeOsmPbf(fs.createReadStream(pbfFile), pbfFile);
		const fromXml = await parseOsmXml(fs.createReadStream(xmlFile, { encoding: 'utf8' }), xmlFile);
		// SOURCE.md: 1,678 nodes and 294 ways.
		expect(fromPbf.nodes.size).toBe(1678);
		expect(fromPbf.ways).toHaveLength(294);
		expect([...fromPbf.nodes].sort(([a], [b]) => a - b)).toEqual([...fromXml.nodes].sort(([a], [b]) => a - b));
		expect(fromPbf.ways).toEqual(fromXml.ways);
		expect(fromPbf.ways.filter((way) => way.tags.highway)).toHaveLength(184);
	});

	it('refuses the PBF cut short, naming how far it got', async () => {
		const bytes = fs.readFileSync(pbfFile);
		const problems = await problemsOf(bytes.subarray(0, Math.floor(bytes.length / 2)));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^the PBF data is cut short or damaged( after block \d+)? \(/);
	});
});

describe('decodeOsmPbf', () => {
	it('refuses a file that is not PBF at all', async () => {
		expect(await problemsOf(new TextEncoder().encode('<?xml version="1.0"?><osm></osm>'))).toEqual([
			'this is not an OSM PBF file: it does not start with an OSMHeader block'
		]);
		expect(await problemsOf(new Uint8Array(3))).toEqual(['this is not an OSM PBF file: it is too short']);
		expect(await problemsOf(new Uint8Array())).toEqual(['the file is empty']);
	});
});
