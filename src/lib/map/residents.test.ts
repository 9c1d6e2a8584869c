import { describe, expect, it } from 'vitest';
import { classLabel, countClasses, fillColourExpression, residentLayerSpecs, RESIDENT_LAYER_IDS } from './residents';

describe('countClasses', () => {
	it('starts at k, steps in multiples of the rounding base, and ends open', () => {
		const classes = countClasses([10, 15, 40, 85, 120], 10, 5);
		expect(classes[0]!.from).toBe(10);
		for (const c of classes) {
			expect(c.from % 5).toBe(0);
			if (c.to !== null) expect((c.to + 5) % 5).toBe(0);
		}
		expect(classes.at(-1)!.to).toBeNull();
		expect(classes.length).toBeLessThanOrEqual(6);
		// Every published count falls in exactly one class.
		for (const n of [10, 15, 40, 85, 120]) {
			expect(classes.filter((c) => n >= c.from && (c.to === null || n <= c.to))).toHaveLength(1);
		}
	});

	it('gives one class when every cell has the same count, and none when nothing is published', () => {
		expect(countClasses([10, 10], 10, 5).map(classLabel)).toEqual(['10+']);
		expect(countClasses([], 10, 5)).toEqual([]);
	});
});

describe('residentLayerSpecs', () => {
	it('colours published cells by class and outlines withheld cells apart', () => {
		const classes = countClasses([10, 50, 100], 10, 5);
		const [fill, , withheld] = residentLayerSpecs(classes);
		expect(fill!.id).toBe(RESIDENT_LAYER_IDS.fill);
		expect((fill as { filter: unknown }).filter).toEqual(['==', ['get', 'suppressed'], false]);
		expect((withheld as { filter: unknown }).filter).toEqual(['==', ['get', 'suppressed'], true]);
		const expression = fillColourExpression(classes) as unknown[];
		expect(expression[0]).toBe('step');
		expect(expression).toHaveLength(3 + 2 * (classes.length - 1));
	});
});
