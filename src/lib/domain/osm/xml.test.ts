import { describe, expect, it } from 'vitest';
import { OsmFileError } from './elements';
import { parseOsmXml } from './xml';

const osm = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n${body}\n</osm>\n`;

async function problemsOf(text: string): Promise<readonly string[]> {
	const error = await parseOsmXml([text], 'bad.osm').then(
		() => undefined,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(OsmFileError);
	return (error as OsmFileError).problems;
}

describe('parseOsmXml', () => {
	it('reads nodes, ways with their node references and tags, and skips relations and deleted elements', async () => {
		const data = await parseOsmXml(
			[
				osm(`<bounds minlat="0" minlon="0" maxlat="1" maxlon="1"/>
 <node id="1" lat="52.5" lon="-1.9"><tag k="amenity" v="bench"/></node>
 <node id="-2" lat="52.5000001" lon="-1.9000001"/>
 <node id="3" lat="52.6" lon="-1.8" action="delete"/>
 <way id="10"><nd ref="1"/><nd ref="-2"/><tag k="highway" v="footway"/><tag k="name" v="A &amp; B"/></way>
 <way id="11" visible="false"><nd ref="1"/><nd ref="-2"/></way>
 <relation id="5"><member type="way" ref="10" role=""/><tag k="type" v="route"/></relation>`)
			],
			'ok.osm'
		);
		expect([...data.nodes]).toEqual([
			[1, { lon: -1.9, lat: 52.5 }],
			[-2, { lon: -1.9000001, lat: 52.5000001 }]
		]);
		expect(data.ways).toEqual([{ id: 10, refs: [1, -2], tags: { highway: 'footway', name: 'A & B' } }]);
	});

	it('reads text split anywhere into chunks', async () => {
		const text = osm('<node id="1" lat="52.5" lon="-1.9"/><node id="2" lat="52.6" lon="-1.9"/><way id="7"><nd ref="1"/><nd ref="2"/></way>');
		const chunks = text.match(/[\s\S]{1,7}/g)!;
		const data = await parseOsmXml(chunks, 'chunks.osm');
		expect(data.nodes.size).toBe(2);
		expect(data.ways).toEqual([{ id: 7, refs: [1, 2], tags: {} }]);
	});

	it('names the line and the problem when the XML is not well-formed', async () => {
		const problems = await problemsOf(osm('<node id="1" lat="52.5" lon="-1.9">\n<way id="2">'));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^the XML is not well-formed at line \d+, column \d+: /);
	});

	it('refuses a file that is not OSM XML, and an osmChange file', async () => {
		expect(await problemsOf('<gpx><trk/></gpx>')).toEqual(['this is not OSM XML: the root element is <gpx>, not <osm>']);
		expect((await problemsOf('<osmChange version="0.6"><create/></osmChange>'))[0]).toMatch(/osmChange file/);
		expect((await problemsOf(''))[0]).toMatch(/not well-formed/);
	});

	it('lists every bad element with its line and id', async () => {
		const problems = await problemsOf(
			osm(`<node id="1" lat="95" lon="-1.9"/>
<node id="x" lat="52" lon="-1.9"/>
<node id="3" lat="52" lon="east"/>
<node id="4" lat="52" lon="-1.9"/><node id="4" lat="53" lon="-1.9"/>
<way id="9"><nd ref="1"/><nd ref="q"/></way>
<way><nd ref="1"/></way>`)
		);
		expect(problems).toEqual([
			'line 3: node 1: lat "95" is not a latitude between -90 and 90',
			'line 4: a node has no valid id ("x")',
			'line 5: node 3: lon "east" is not a longitude between -180 and 180',
			'line 6: node 4: appears twice with different coordinates',
			'line 7: way 9: node reference "q" is not an OSM id',
			'line 8: a way has no valid id (none)'
		]);
	});
});
