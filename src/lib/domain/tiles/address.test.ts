import { describe, expect, it } from 'vitest';
import { tileAt } from './address';

describe('tileAt', () => {
	it('finds the tile holding a point', () => {
		expect(tileAt(0, 0, 0)).toEqual({ z: 0, x: 0, y: 0 });
		// Greater Icknield at z13, checked against the tile the map requests there.
		expect(tileAt(-1.93, 52.485, 13)).toEqual({ z: 13, x: 4052, y: 2687 });
		expect(tileAt(-1.93, 52.485, 10)).toEqual({ z: 10, x: 506, y: 335 });
	});
});
