import { describe, expect, it } from 'vitest';
import { walkability, WALKABLE_HIGHWAYS } from './walkable';

describe('walkability', () => {
	it('keeps every pedestrian highway and street, with their links', () => {
		for (const highway of ['footway', 'path', 'steps', 'pedestrian', 'living_street', 'residential', 'service', 'track', 'cycleway', 'bridleway', 'unclassified', 'tertiary', 'secondary_link', 'primary', 'trunk', 'trunk_link', 'corridor']) {
			expect(walkability({ highway }), highway).toEqual({ walkable: true, highway });
		}
		expect(WALKABLE_HIGHWAYS.has('motorway')).toBe(false);
	});

	it('leaves out motorways, unbuilt ways, other highway types and ways with no highway', () => {
		expect(walkability({ highway: 'motorway' })).toEqual({ walkable: false, reason: 'motorway' });
		expect(walkability({ highway: 'motorway_link', foot: 'yes' })).toEqual({ walkable: false, reason: 'motorway' });
		for (const highway of ['construction', 'proposed', 'abandoned']) {
			expect(walkability({ highway }), highway).toEqual({ walkable: false, reason: 'not built' });
		}
		expect(walkability({ highway: 'bus_guideway' })).toEqual({ walkable: false, reason: 'other highway type' });
		expect(walkability({ building: 'yes' })).toEqual({ walkable: false, reason: 'no highway tag' });
	});

	it('leaves out ways closed to people on foot, unless foot access is granted', () => {
		expect(walkability({ highway: 'residential', foot: 'no' })).toEqual({ walkable: false, reason: 'no foot access' });
		expect(walkability({ highway: 'service', access: 'private' })).toEqual({ walkable: false, reason: 'no foot access' });
		expect(walkability({ highway: 'track', access: 'no' })).toEqual({ walkable: false, reason: 'no foot access' });
		for (const foot of ['yes', 'designated', 'permissive']) {
			expect(walkability({ highway: 'service', access: 'private', foot }), foot).toEqual({ walkable: true, highway: 'service' });
		}
		expect(walkability({ highway: 'footway', access: 'yes' })).toEqual({ walkable: true, highway: 'footway' });
	});

	it('leaves out areas (a square drawn as a closed way)', () => {
		expect(walkability({ highway: 'pedestrian', area: 'yes' })).toEqual({ walkable: false, reason: 'area' });
		expect(walkability({ highway: 'pedestrian', area: 'no' })).toEqual({ walkable: true, highway: 'pedestrian' });
	});
});
