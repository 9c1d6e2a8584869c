import { describe, expect, it } from 'vitest';
import { boundaryBounds } from './place-preview';

describe('a place preview', () => {
	it('opens on the box of every part', () => {
		const boundary = {
			type: 'MultiPolygon' as const,
			coordinates: [
				[[[-2.62, 51.44], [-2.59, 51.44], [-2.59, 51.48], [-2.62, 51.44]]],
				[[[-2.5, 51.3], [-2.4, 51.3], [-2.4, 51.35], [-2.5, 51.3]]]
			]
		};
		expect(boundaryBounds(boundary)).toEqual([-2.62, 51.3, -2.4, 51.48]);
	});
});
