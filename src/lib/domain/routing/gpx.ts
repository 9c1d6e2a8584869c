/**
 * A planned outreach route as GPX 1.1 (https://www.topografix.com/GPX/1/1/), the format phone map
 * apps and GPS units import: each stop a waypoint (<wpt>, in visiting order, its name numbered and
 * its planned arrival as <time>), and the walk itself a route-free track (<trk>) along the
 * network's geometry. Elements appear in the order the schema's sequences require (metadata, wpt,
 * rte, trk; inside wpt: time before name before desc), since validators enforce it.
 */

export interface GpxStop {
	readonly lon: number;
	readonly lat: number;
	readonly name: string;
	readonly description?: string;
	/** Planned arrival. */
	readonly arrival?: Date;
}

export interface GpxRoute {
	readonly name: string;
	readonly description?: string;
	/** When the route was made (GPX metadata time). */
	readonly created: Date;
	readonly stops: readonly GpxStop[];
	/** The walk as [lon, lat] positions (a LineString's coordinates). */
	readonly path: readonly (readonly [number, number])[];
	/** Who made the file (GPX's required creator attribute). */
	readonly creator?: string;
}

/** XML text with the five characters XML reserves escaped; other control characters dropped. */
function escapeXml(text: string): string {
	return (
		text
			// XML 1.0 allows tab, newline, carriage return and U+0020 upwards only.
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/"/g, '&quot;')
			.replace(/'/g, '&apos;')
	);
}

/** Coordinates with 7 decimals (about 1 cm), as GPX's decimal types take them. */
function coordinate(value: number, name: 'lat' | 'lon'): string {
	const limit = name === 'lat' ? 90 : 180;
	if (!Number.isFinite(value) || value < -limit || value > limit) throw new RangeError(`${name} ${value} is not a WGS84 ${name === 'lat' ? 'latitude' : 'longitude'}`);
	return value.toFixed(7).replace(/\.?0+$/, '');
}

const point = (lon: number, lat: number) => `lat="${coordinate(lat, 'lat')}" lon="${coordinate(lon, 'lon')}"`;
const time = (date: Date) => `<time>${date.toISOString().replace(/\.\d{3}Z$/, 'Z')}</time>`;

export function routeToGpx(route: GpxRoute): string {
	const lines = [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<gpx version="1.1" creator="${escapeXml(route.creator ?? 'Asset Atlas')}" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">`,
		'  <metadata>',
		`    <name>${escapeXml(route.name)}</name>`,
		...(route.description ? [`    <desc>${escapeXml(route.description)}</desc>`] : []),
		`    ${time(route.created)}`,
		'  </metadata>'
	];
	route.stops.forEach((stop, index) => {
		lines.push(`  <wpt ${point(stop.lon, stop.lat)}>`);
		if (stop.arrival) lines.push(`    ${time(stop.arrival)}`);
		lines.push(`    <name>${escapeXml(`${index + 1}. ${stop.name}`)}</name>`);
		if (stop.description) lines.push(`    <desc>${escapeXml(stop.description)}</desc>`);
		lines.push('  </wpt>');
	});
	if (route.path.length) {
		lines.push('  <trk>', `    <name>${escapeXml(route.name)}</name>`, '    <trkseg>');
		for (const [lon, lat] of route.path) lines.push(`      <trkpt ${point(lon, lat)}/>`);
		lines.push('    </trkseg>', '  </trk>');
	}
	lines.push('</gpx>', '');
	return lines.join('\n');
}
