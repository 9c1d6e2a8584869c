import { describe, expect, it } from 'vitest';
import { spreadPublishedSupply, type SupplyCell } from './published-supply';

const cells: SupplyCell[] = [
	{ id: 'hex250:0:0', hex500: 'hex500:0:0', hex1000: 'hex1000:0:0' },
	{ id: 'hex250:0:1', hex500: 'hex500:0:0', hex1000: 'hex1000:0:0' },
	{ id: 'hex250:1:0', hex500: 'hex500:1:0', hex1000: 'hex1000:0:0' },
	{ id: 'hex250:5:5', hex500: 'hex500:2:2', hex1000: 'hex1000:1:1' }
];

describe('spreadPublishedSupply', () => {
	it('gives a published cell its count and spreads a coarser unit over the cells it covers', () => {
		const supply = spreadPublishedSupply(cells, new Map([['hex250:0:0', 15], ['hex500:0:0', 40], ['hex1000:0:0', 30]]));
		// hex250:0:1 shares its 500 m parent with a cell published on its own: the parent's count is split over both.
		expect([...supply]).toEqual([15, 20, 10, 0]);
	});

	it('falls back to the place unit, and gives a withheld unit 0 without reaching past it', () => {
		expect([...spreadPublishedSupply(cells, new Map([['place', 20]]))]).toEqual([5, 5, 5, 5]);
		expect([...spreadPublishedSupply(cells, new Map<string, number | null>([['hex500:0:0', null], ['place', 40]]))]).toEqual([0, 0, 10, 10]);
	});

	it('adds up to the published total when every unit is spread', () => {
		const supply = spreadPublishedSupply(cells, new Map([['hex1000:0:0', 35], ['hex250:5:5', 10]]));
		expect(supply.reduce((sum, value) => sum + value, 0)).toBeCloseTo(45, 12);
	});
});
