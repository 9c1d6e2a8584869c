import { describe, expect, it } from 'vitest';
import { matrixFrom } from './matrix';
import { planOutreachRoute } from './outreach-plan';

/** A start at 0 m and stops along one street at the given metres; 100 m a minute. */
function street(stops: Record<string, number>, hasStart = true) {
	const positions = [...(hasStart ? [0] : []), ...Object.values(stops)];
	return {
		stopIds: Object.keys(stops),
		metres: matrixFrom(positions.length, (i, j) => Math.abs(positions[i]! - positions[j]!)),
		hasStart,
		metresPerMinute: 100,
		seed: 't'
	};
}

describe('planOutreachRoute (worked by hand: stops along one street, 100 m a minute)', () => {
	it('walks out along the street and gives each arrival', () => {
		const plan = planOutreachRoute({ ...street({ far: 300, near: 100, middle: 200 }), returnToStart: false });
		expect(plan.order).toEqual(['near', 'middle', 'far']);
		expect(plan.arrivals).toEqual([
			{ id: 'near', minute: 1 },
			{ id: 'middle', minute: 2 },
			{ id: 'far', minute: 3 }
		]);
		expect(plan).toMatchObject({ distanceMetres: 300, durationMinutes: 3, notFitting: [], method: 'exact' });
	});

	it('counts the walk back and the minutes at each stop', () => {
		const plan = planOutreachRoute({ ...street({ a: 100, b: 200 }), returnToStart: true, minutesAtStop: 5 });
		// 1 min to a, 5 there, 1 to b, 5 there, 2 back: arrivals 1 and 7, 14 in all, 400 m.
		expect(plan.arrivals.map((a) => a.minute)).toEqual([1, 7]);
		expect(plan).toMatchObject({ distanceMetres: 400, durationMinutes: 14 });
	});

	it('keeps what fits the budget and names the rest, in the order they would have come', () => {
		const open = planOutreachRoute({ ...street({ a: 100, b: 200, c: 300, d: 400 }), returnToStart: false, budgetMinutes: 2.5 });
		expect(open).toMatchObject({ order: ['a', 'b'], notFitting: ['c', 'd'], durationMinutes: 2 });
		// Returning: a and b take 2 out and 2 back = 4; c would make 6.
		const closed = planOutreachRoute({ ...street({ a: 100, b: 200, c: 300 }), returnToStart: true, budgetMinutes: 4 });
		expect(closed).toMatchObject({ order: ['a', 'b'], notFitting: ['c'], durationMinutes: 4 });
		// Nothing fits: every stop is named, none silently lost.
		const none = planOutreachRoute({ ...street({ a: 100, b: 200 }), returnToStart: false, budgetMinutes: 0.5 });
		expect(none).toMatchObject({ order: [], notFitting: ['a', 'b'], arrivals: [], distanceMetres: 0 });
	});

	it('without a start point, sets off at the first stop', () => {
		const plan = planOutreachRoute({ ...street({ x: 500, y: 100, z: 300 }, false), returnToStart: false });
		expect(plan.arrivals[0]!.minute).toBe(0);
		expect(plan.distanceMetres).toBe(400);
		expect([plan.order[0], plan.order[2]].sort()).toEqual(['x', 'y']);
	});

	it('refuses a matrix that does not match the stops', () => {
		expect(() => planOutreachRoute({ ...street({ a: 1 }), metres: matrixFrom(3, () => 1), returnToStart: false })).toThrow(/1 stops need a 2-node matrix/);
	});
});
