import { describe, expect, it } from 'vitest';
import { containsPoint, containsWithMargin, distanceToEdges, envelopeOf, uniformPointIn, type PlanarMultiPolygon } from './planar';
import { createRandom } from './random';

// A 100 m square with a 20 m square hole in the middle, and a separate 10 m square to the east.
const shape: PlanarMultiPolygon = [
	[
		[[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]],
		[[40, 40], [60, 40], [60, 60], [40, 60], [40, 40]]
	],
	[[[200, 0], [210, 0], [210, 10], [200, 10], [200, 0]]]
];

describe('planar geometry', () => {
	it('knows inside, outside and holes', () => {
		expect(containsPoint(shape, 10, 10)).toBe(true);
		expect(containsPoint(shape, 50, 50)).toBe(false);
		expect(containsPoint(shape, 205, 5)).toBe(true);
		expect(containsPoint(shape, 150, 5)).toBe(false);
	});

	it('measures the distance to the nearest edge, holes included', () => {
		expect(distanceToEdges(shape, 10, 50)).toBeCloseTo(10, 9);
		expect(distanceToEdges(shape, 35, 50)).toBeCloseTo(5, 9);
		expect(containsWithMargin(shape, 10, 50, 10)).toBe(true);
		expect(containsWithMargin(shape, 10, 50, 10.5)).toBe(false);
	});

	it('draws points uniformly inside the shape only', () => {
		const random = createRandom('planar');
		let inSmallSquare = 0;
		for (let k = 0; k < 5000; k++) {
			const [x, y] = uniformPointIn(random, shape);
			expect(containsPoint(shape, x, y)).toBe(true);
			if (x >= 200) inSmallSquare += 1;
		}
		// Areas 9,600 and 100 m²: about 1% of points land in the small square.
		expect(inSmallSquare / 5000).toBeGreaterThan(0.005);
		expect(inSmallSquare / 5000).toBeLessThan(0.02);
		expect(envelopeOf(shape)).toEqual({ minX: 0, minY: 0, maxX: 210, maxY: 100 });
	});

	it('gives up on a shape with no area', () => {
		const line: PlanarMultiPolygon = [[[[0, 0], [10, 0], [0, 0]]]];
		expect(() => uniformPointIn(createRandom('x'), line, 100)).toThrow(/area near zero/);
	});
});
