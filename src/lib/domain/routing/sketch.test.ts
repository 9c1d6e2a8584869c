import { describe, expect, it } from 'vitest';
import { sketchFrame, sketchPath } from './sketch';

describe('sketchFrame', () => {
	it('fits a walk into the box, north up, keeping its shape (longitude scaled by cos latitude)', () => {
		// 0.002° of longitude at 60°N is as long as 0.001° of latitude: a square walk stays square.
		const walk = [
			[10, 60],
			[10.002, 60],
			[10.002, 60.001]
		];
		const frame = sketchFrame(walk, 200, 100, 10);
		const [a, b, c] = walk.map((p) => frame.project(p));
		expect(b![0] - a![0]).toBeCloseTo(80, 0);
		expect(a![1] - c![1]).toBeCloseTo(80, 0);
		expect(a![1]).toBeCloseTo(90, 5);
		expect(c![1]).toBeCloseTo(10, 5);
		expect(sketchPath(frame, walk)).toMatch(/^M\S+ \S+ L\S+ \S+ L\S+ \S+$/);
	});

	it('puts a single point in the middle', () => {
		expect(sketchFrame([[1, 2]], 100, 50).project([1, 2])).toEqual([50, 25]);
	});
});
