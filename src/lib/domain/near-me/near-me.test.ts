import { describe, expect, it } from 'vitest';
import { interestOf, walkingMinutes } from './interests';
import { parsePostcodeArea, pointForPostcodeArea, postcodeInAddress, postcodePointsFromAddresses } from './postcodes';

describe('interestOf', () => {
	it('puts help for overseas qualifications first, then sorts by kind', () => {
		expect(interestOf({ kind: 'training', title: 'English test and OSCE preparation for overseas-qualified nurses' })).toBe('abroad');
		expect(interestOf({ kind: 'placement', title: 'Clinical attachments for overseas-qualified doctors' })).toBe('abroad');
		expect(interestOf({ kind: 'job', title: 'Porters' })).toBe('jobs');
		expect(interestOf({ kind: 'placement', title: 'Work experience placements' })).toBe('training');
		expect(interestOf({ kind: 'training', title: 'Construction apprenticeships' })).toBe('training');
		expect(interestOf({ kind: 'procurement', title: 'Canal-side café concession' })).toBe('business');
	});
});

describe('walkingMinutes', () => {
	it('rounds up at 80 m a minute and never says 0', () => {
		expect(walkingMinutes(0)).toBe(1);
		expect(walkingMinutes(80)).toBe(1);
		expect(walkingMinutes(81)).toBe(2);
		expect(walkingMinutes(2400)).toBe(30);
		expect(() => walkingMinutes(Number.NaN)).toThrow(RangeError);
	});
});

describe('postcodes', () => {
	it('reads districts and sectors as people type them, and cuts a full postcode to its sector', () => {
		expect(parsePostcodeArea('b66')).toEqual({ district: 'B66' });
		expect(parsePostcodeArea(' B66  3 ')).toEqual({ district: 'B66', sector: 'B66 3' });
		expect(parsePostcodeArea('B663')).toEqual({ district: 'B66', sector: 'B66 3' });
		expect(parsePostcodeArea('B66 3PZ')).toEqual({ district: 'B66', sector: 'B66 3' });
		expect(parsePostcodeArea('EC1A')).toEqual({ district: 'EC1A' });
		expect(parsePostcodeArea('Smethwick')).toBeUndefined();
		expect(parsePostcodeArea('')).toBeUndefined();
	});
	it('finds a postcode in an address', () => {
		expect(postcodeInAddress('5 Suffrage Street, Smethwick B66 3PZ')).toEqual({ district: 'B66', sector: 'B66 3' });
		expect(postcodeInAddress('Spring Hill, Birmingham B18')).toBeUndefined();
	});
	it('places districts and sectors at the mean of the addresses in them', () => {
		const points = postcodePointsFromAddresses([
			{ address: 'A, B66 3PZ', lon: -1.98, lat: 52.49 },
			{ address: 'B, B66 3NR', lon: -1.96, lat: 52.5 },
			{ address: 'C, B66 4AA', lon: -1.94, lat: 52.48 },
			{ address: 'no postcode', lon: 0, lat: 0 }
		]);
		expect([...points.keys()]).toEqual(['B66', 'B66 3', 'B66 4']);
		expect(points.get('B66 3')).toMatchObject({ lon: -1.97, addresses: 2 });
		expect(points.get('B66')!.addresses).toBe(3);
		// A sector we have no address in falls back to its district.
		expect(pointForPostcodeArea({ district: 'B66', sector: 'B66 9' }, points)!.code).toBe('B66');
		expect(pointForPostcodeArea({ district: 'B21' }, points)).toBeUndefined();
	});
});

import { areaCentroid } from './areas';

describe('areaCentroid', () => {
	it('finds the middle of a square and prefers the largest polygon', () => {
		const square = (x: number, y: number, s: number) => [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]];
		expect(areaCentroid({ type: 'Polygon', coordinates: square(0, 0, 2) })).toEqual({ lon: 1, lat: 1 });
		expect(areaCentroid({ type: 'MultiPolygon', coordinates: [square(10, 10, 1), square(0, 0, 4)] })).toEqual({ lon: 2, lat: 2 });
	});
});

import { metresBetween, metresToPolygon } from './distance';

describe('distances', () => {
	const square = { type: 'MultiPolygon' as const, coordinates: [[[[-1.95, 52.49], [-1.94, 52.49], [-1.94, 52.5], [-1.95, 52.5], [-1.95, 52.49]]]] };
	it('measures metres between points like the geodesic (within 0.5%)', () => {
		// 0.01° of latitude is about 1,113 m.
		expect(metresBetween({ lon: -1.95, lat: 52.49 }, { lon: -1.95, lat: 52.5 })).toBeCloseTo(1112, -1);
	});
	it('is 0 inside a polygon and the distance to its edge outside', () => {
		expect(metresToPolygon({ lon: -1.945, lat: 52.495 }, square).metres).toBe(0);
		const outside = metresToPolygon({ lon: -1.945, lat: 52.48 }, square);
		expect(outside.metres).toBeCloseTo(1112, -1);
		expect(outside.nearest.lat).toBeCloseTo(52.49, 6);
		expect(outside.nearest.lon).toBeCloseTo(-1.945, 6);
	});
});
