import { describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import { isBasemapSource } from '../../map/layers';
import { kindStyle } from '../../map/macro-assets';
import { SITE_MAP_LAYERS, siteMapBounds, siteMapLayers } from './site-map';

const SITE: MultiPolygon = {
	type: 'MultiPolygon',
	coordinates: [
		[
			[
				[-1.95, 52.49],
				[-1.94, 52.49],
				[-1.94, 52.5],
				[-1.95, 52.49]
			]
		]
	]
};
const hub = { id: 'hub', geometry: { type: 'Point' as const, coordinates: [-1.96, 52.495] } };
const enterprise = { id: 'coop', geometry: { type: 'Point' as const, coordinates: [-1.93, 52.51] } };

describe('site map layers', () => {
	it('draws the site in its kind’s colours under the enterprises and hubs, all as project sources', () => {
		const { sources, layers } = siteMapLayers({ id: 'h', kind: 'hospital', geometry: SITE }, [hub], [enterprise]);
		expect(layers.map((l) => l.id)).toEqual([SITE_MAP_LAYERS.siteFill, SITE_MAP_LAYERS.siteOutline, SITE_MAP_LAYERS.enterprises, SITE_MAP_LAYERS.hubs]);
		expect(layers[0]).toMatchObject({ paint: { 'fill-color': kindStyle('hospital').fill } });
		for (const id of Object.keys(sources)) expect(isBasemapSource(id)).toBe(false);
		const hubs = Object.values(sources).find((s) => s.type === 'geojson' && typeof s.data === 'object' && 'features' in s.data && s.data.features[0]?.properties?.id === 'hub');
		expect(hubs).toBeDefined();
	});

	it('opens on the site and everything near it', () => {
		expect(siteMapBounds([-1.95, 52.49, -1.94, 52.5], [hub, enterprise])).toEqual([-1.96, 52.49, -1.93, 52.51]);
		expect(siteMapBounds([-1.95, 52.49, -1.94, 52.5], [])).toEqual([-1.95, 52.49, -1.94, 52.5]);
	});
});
