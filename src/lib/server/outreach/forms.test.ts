import { describe, expect, it } from 'vitest';
import type { CommunityHub } from '../assets/queries';
import { parsePointLines, plannerRequest, plannerStart, type PlannerValues } from './forms';

const hub = (id: string, lon: number, lat: number): CommunityHub => ({
	id,
	placeId: 'p',
	name: `Hub ${id}`,
	hubType: 'library',
	address: null,
	description: null,
	positionAccuracyM: null,
	source: null,
	geometry: { type: 'Point', coordinates: [lon, lat] }
});
const HUBS = [hub('a', -1.95, 52.49), hub('b', -1.94, 52.48)];
const values = (extra: Partial<PlannerValues> = {}): PlannerValues => ({
	place: 'p',
	hubs: [],
	points: '',
	startHub: '',
	startLat: '',
	startLon: '',
	budget: '',
	minutesAtStop: '',
	return: false,
	distance: 'straight',
	name: '',
	...extra
});

describe('the outreach planner form', () => {
	it('reads typed points as "latitude, longitude, label", and names a line it cannot read', () => {
		expect(parsePointLines('52.4861, -1.9573, Corner of Cape Hill, by the bus stop\n\n52.5,-1.9')).toEqual({
			points: [
				{ id: 'point-1', lat: 52.4861, lon: -1.9573, label: 'Corner of Cape Hill, by the bus stop' },
				{ id: 'point-2', lat: 52.5, lon: -1.9, label: 'Point 2' }
			],
			issues: []
		});
		expect(parsePointLines('Cape Hill').issues).toEqual([{ field: 'points', message: 'line 1 ("Cape Hill") is not "latitude, longitude[, label]"' }]);
		expect(parsePointLines('95, 1').issues).toHaveLength(1);
	});

	it('turns ticked hubs, points, a start hub and a budget into the plan request', () => {
		const request = plannerRequest(values({ hubs: ['b'], points: '52.49, -1.96, Shop', startHub: 'a', budget: '90', return: true }), HUBS, 'plan');
		expect(request).toMatchObject({
			place: 'p',
			stops: [
				{ id: 'b', lon: -1.94, lat: 52.48, label: 'Hub b' },
				{ id: 'point-1', lon: -1.96, lat: 52.49, label: 'Shop' }
			],
			start: { lon: -1.95, lat: 52.49 },
			return: true,
			budgetMinutes: 90
		});
		// Typed coordinates win over the start hub.
		expect(plannerRequest(values({ hubs: ['a'], startHub: 'a', startLat: '52.5', startLon: '-1.9' }), HUBS, 'plan').start).toEqual({ lat: 52.5, lon: -1.9 });
	});

	it('refuses an empty route, an unknown hub, half a start and a zero budget, naming each field', () => {
		expect(() => plannerRequest(values(), HUBS, 'plan')).toThrow('Stops: tick at least one hub or type a point to visit');
		expect(() => plannerRequest(values({ hubs: ['zz'] }), HUBS, 'plan')).toThrow(/not hubs of this place: zz/);
		expect(() => plannerRequest(values({ hubs: ['a'], startLat: '52.5' }), HUBS, 'plan')).toThrow(/Start: give both a latitude and a longitude/);
		expect(() => plannerRequest(values({ hubs: ['a'], budget: '0' }), HUBS, 'plan')).toThrow(/"budgetMinutes" must be more than 0 minutes/);
		expect(() => plannerRequest(values({ hubs: ['a'] }), HUBS, 'save')).toThrow(/"name"/);
		// Suggestions need only a start.
		expect(plannerStart(values({ startHub: 'b' }), HUBS)).toEqual({ lon: -1.94, lat: 52.48 });
		expect(plannerStart(values(), HUBS)).toBeUndefined();
		expect(() => plannerStart(values({ startLon: '-1.9' }), HUBS)).toThrow(/Start: give both/);
	});
});
