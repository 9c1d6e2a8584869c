import { describe, expect, it } from 'vitest';
import { routeToGpx, type GpxRoute } from './gpx';

const route: GpxRoute = {
	name: 'Saturday: Soho Road & <Smethwick>',
	created: new Date('2026-12-05T09:00:00.123Z'),
	stops: [
		{ lon: -1.9512345678, lat: 52.4987, name: 'African Millennium Centre', arrival: new Date('2026-12-05T10:00:00Z'), description: 'Ask for "Grace"' },
		{ lon: -1.96, lat: 52.5, name: 'Sikh Gurdwara\u0007' }
	],
	path: [
		[-1.9512345678, 52.4987],
		[-1.955, 52.499],
		[-1.96, 52.5]
	]
};

describe('routeToGpx', () => {
	const gpx = routeToGpx(route);
	it('writes the stops as numbered waypoints in visiting order, with their planned arrival', () => {
		expect(gpx).toContain('<wpt lat="52.4987" lon="-1.9512346">\n    <time>2026-12-05T10:00:00Z</time>\n    <name>1. African Millennium Centre</name>\n    <desc>Ask for &quot;Grace&quot;</desc>\n  </wpt>');
		expect(gpx.indexOf('1. African')).toBeLessThan(gpx.indexOf('2. Sikh'));
	});
	it('escapes what XML reserves and drops control characters XML 1.0 cannot hold', () => {
		expect(gpx).toContain('<name>Saturday: Soho Road &amp; &lt;Smethwick&gt;</name>');
		expect(gpx).toContain('<name>2. Sikh Gurdwara</name>');
		expect(gpx).not.toContain('\u0007');
	});
	it('draws the walk as one track segment', () => {
		expect(gpx.match(/<trkpt /g)).toHaveLength(3);
		expect(gpx.indexOf('<trk>')).toBeGreaterThan(gpx.lastIndexOf('</wpt>'));
	});
	it('refuses coordinates that are not WGS84', () => {
		expect(() => routeToGpx({ ...route, path: [[530000, 180000]] })).toThrow(/lat 180000 is not a WGS84 latitude/);
	});
});
