import { describe, expect, it } from 'vitest';
import type { MultiPolygon } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import { IMD_DECILE_COLOURS, IMD_NO_DECILE_COLOUR } from './explorer';
import { KIND_STYLES, type MacroAssetFeatureCollection } from './macro-assets';
import {
	areaLayerBeforeId,
	areaLayers,
	isBasemapSource,
	kindColourExpression,
	LAYER_IDS,
	outsideMask,
	overviewBBox,
	projectLayers,
	PROJECT_ID_PREFIX,
	selectedSiteFilter,
	siteShapes,
	SOURCE_IDS,
	STREET_COLOUR,
	streetLayers,
	unionBBox
} from './layers';

const boundary: MultiPolygon = {
	type: 'MultiPolygon',
	coordinates: [
		[
			[
				[-2, 52],
				[-1.9, 52],
				[-1.9, 52.1],
				[-2, 52]
			],
			[
				[-1.95, 52.01],
				[-1.94, 52.01],
				[-1.94, 52.02],
				[-1.95, 52.01]
			]
		],
		[
			[
				[-1.8, 52],
				[-1.7, 52],
				[-1.7, 52.1],
				[-1.8, 52]
			]
		]
	]
};

const sites: MacroAssetFeatureCollection = {
	type: 'FeatureCollection',
	features: [
		{
			type: 'Feature',
			id: 'hospital',
			bbox: [-1.96, 52.01, -1.95, 52.02],
			geometry: { type: 'MultiPolygon', coordinates: [] },
			properties: {
				id: 'hospital',
				name: 'Hospital',
				kind: 'hospital',
				status: 'operational',
				description: 'long text the map does not need',
				timeline: { start: 2016, end: 2024, note: null },
				investment_gbp: 350e6,
				homes: null,
				jobs: 7000,
				owners: [],
				partners: [],
				source: null,
				illustrative: [],
				label_point: [-1.955, 52.015]
			}
		}
	]
};

describe('outsideMask', () => {
	it('cuts every outer ring of the place out of the world, ignoring the place’s own holes', () => {
		const mask = outsideMask(boundary);
		expect(mask.coordinates).toHaveLength(3);
		// Both outer rings are counter-clockwise here, so they come back reversed, as holes.
		expect(mask.coordinates[1]).toEqual([...boundary.coordinates[0]![0]!].reverse());
		expect(mask.coordinates[2]).toEqual([...boundary.coordinates[1]![0]!].reverse());
	});

	it('winds the world counter-clockwise and every hole clockwise, whatever the input winding', () => {
		const clockwise = boundary.coordinates[1]![0]!.slice().reverse();
		const mask = outsideMask({ type: 'MultiPolygon', coordinates: [[clockwise]] });
		expect(mask.coordinates[1]).toEqual(clockwise);
		const area = (ring: number[][]) =>
			ring.reduce((sum, [x1, y1], i) => {
				const [x2, y2] = ring[(i + 1) % ring.length]!;
				return sum + (x1! * y2! - x2! * y1!);
			}, 0);
		expect(area(mask.coordinates[0]!)).toBeGreaterThan(0);
		expect(area(mask.coordinates[1]!)).toBeLessThan(0);
	});
});

describe('kindColourExpression', () => {
	it('maps every kind to its colour with "other" as the default', () => {
		const expression: unknown[] = kindColourExpression('fill');
		expect(expression.slice(0, 2)).toEqual(['match', ['get', 'kind']]);
		expect(expression[expression.length - 1]).toBe(KIND_STYLES.other.fill);
		const hospitalAt = expression.indexOf('hospital');
		expect(expression[hospitalAt + 1]).toBe(KIND_STYLES.hospital.fill);
		expect(expression).toHaveLength(2 + Object.keys(KIND_STYLES).length * 2 + 1);
	});
});

describe('projectLayers', () => {
	it('namespaces every source and layer so they never collide with a basemap', () => {
		const { sources, layers } = projectLayers(boundary, sites);
		for (const id of [...Object.keys(sources), ...layers.map((l) => l.id)]) expect(id.startsWith(PROJECT_ID_PREFIX)).toBe(true);
		expect(new Set(layers.map((l) => l.id)).size).toBe(layers.length);
	});

	it('draws the mask under the boundary under the sites, and the selection on top', () => {
		const ids = projectLayers(boundary, sites).layers.map((l) => l.id);
		expect(ids).toEqual([
			LAYER_IDS.mask,
			LAYER_IDS.boundary,
			LAYER_IDS.siteFill,
			LAYER_IDS.siteOutline,
			LAYER_IDS.siteOutlineDashed,
			LAYER_IDS.selectedCasing,
			LAYER_IDS.selectedOutline
		]);
	});

	it('filters the selection layers to the selected site', () => {
		const layers = projectLayers(boundary, sites, 'hospital').layers;
		const selected = layers.find((l) => l.id === LAYER_IDS.selectedOutline);
		expect(selected && 'filter' in selected ? selected.filter : undefined).toEqual(selectedSiteFilter('hospital'));
		expect(selectedSiteFilter(null)).toEqual(['==', ['get', 'id'], '']);
	});

	it('hands the map only the properties it styles by', () => {
		expect(siteShapes(sites).features[0]!.properties).toMatchObject({ id: 'hospital', kind: 'hospital' });
	});
});

/** A paint property of one layer, as plain JSON. */
function paint(layers: readonly LayerSpecification[], id: string, property: string): unknown {
	const layer = layers.find((l) => l.id === id);
	return (layer as { paint?: Record<string, unknown> } | undefined)?.paint?.[property];
}

describe('streetLayers', () => {
	const { sources, layers } = streetLayers('http://atlas.test/tiles/streets/{z}/{x}/{y}.mvt?place=p');

	it('draws the streets tiles in one namespaced line layer', () => {
		expect(Object.keys(sources)).toEqual([SOURCE_IDS.streets]);
		expect(layers.map((l) => [l.id, l.type, 'source-layer' in l ? l['source-layer'] : undefined])).toEqual([[LAYER_IDS.streets, 'line', 'streets']]);
		expect(paint(layers, LAYER_IDS.streets, 'line-color')).toBe(STREET_COLOUR);
	});

	it('draws main roads wider than streets, and streets wider than service roads and paths, at every zoom', () => {
		// ['interpolate', ['linear'], ['zoom'], z, ['match', ['get', 'highway'], major, w, minor, w, street], ...]
		const width = paint(layers, LAYER_IDS.streets, 'line-width') as unknown[];
		const stops = width.slice(3);
		expect(stops.length).toBeGreaterThanOrEqual(4);
		for (let i = 0; i < stops.length; i += 2) {
			const match = stops[i + 1] as [string, unknown, string[], number, string[], number, number];
			const widthOf = (highway: string) => (match[2].includes(highway) ? match[3] : match[4].includes(highway) ? match[5] : match[6]);
			expect(widthOf('primary')).toBeGreaterThan(widthOf('residential'));
			expect(widthOf('residential')).toBeGreaterThan(widthOf('service'));
			expect(widthOf('footway')).toBe(widthOf('service'));
			expect(widthOf('trunk_link')).toBe(widthOf('primary'));
		}
	});
});

describe('areaLayers', () => {
	it('fills LSOAs by IMD decile, with the no-decile grey for the rest, and outlines wards', () => {
		const { sources, layers } = areaLayers('http://atlas.test', ['lsoa', 'ward']);
		expect(Object.keys(sources).sort()).toEqual([SOURCE_IDS.lsoas, SOURCE_IDS.wards].sort());
		const fill = paint(layers, LAYER_IDS.lsoaFill, 'fill-color') as unknown[];
		expect(fill.slice(0, 2)).toEqual(['match', ['get', 'imd_decile']]);
		expect(fill[2]).toBe(1);
		expect(fill[3]).toBe(IMD_DECILE_COLOURS[0]);
		expect(fill.at(-1)).toBe(IMD_NO_DECILE_COLOUR);
		expect(layers.map((l) => l.id)).toEqual([LAYER_IDS.lsoaFill, LAYER_IDS.lsoaOutline, LAYER_IDS.wardFill, LAYER_IDS.wardLine]);
	});

	it('asks only for the area types loaded', () => {
		const { sources, layers } = areaLayers('http://atlas.test', ['ward']);
		expect(Object.keys(sources)).toEqual([SOURCE_IDS.wards]);
		expect(layers.map((l) => l.id)).toEqual([LAYER_IDS.wardFill, LAYER_IDS.wardLine]);
	});
});

describe('areaLayerBeforeId', () => {
	it('puts the LSOA fill under the streets when they are drawn, otherwise under the mask', () => {
		expect(areaLayerBeforeId(LAYER_IDS.lsoaFill, (id) => id === LAYER_IDS.streets)).toBe(LAYER_IDS.streets);
		expect(areaLayerBeforeId(LAYER_IDS.lsoaFill, () => false)).toBe(LAYER_IDS.mask);
	});

	it('puts LSOA outlines and wards under the place boundary', () => {
		for (const id of [LAYER_IDS.lsoaOutline, LAYER_IDS.wardFill, LAYER_IDS.wardLine]) {
			expect(areaLayerBeforeId(id, () => true)).toBe(LAYER_IDS.boundary);
		}
	});
});

describe('unionBBox', () => {
	it('covers every box', () => {
		expect(
			unionBBox([
				[0, 0, 1, 1],
				[-1, 0.5, 0.5, 2]
			])
		).toEqual([-1, 0, 1, 2]);
		expect(unionBBox([])).toBeUndefined();
	});
});

describe('overviewBBox', () => {
	const place: [number, number, number, number] = [-2, 52, -1.8, 52.1];
	const siteBoxes: [number, number, number, number][] = [
		[-1.95, 52.04, -1.94, 52.05],
		[-1.92, 52.03, -1.91, 52.04]
	];
	it('shows the whole place on a wide map', () => {
		expect(overviewBBox(place, siteBoxes, 1200)).toEqual(place);
	});
	it('shows just the sites on a narrow map', () => {
		expect(overviewBBox(place, siteBoxes, 390)).toEqual([-1.95, 52.03, -1.91, 52.05]);
	});
	it('shows the place when there are no sites, and sites that stray outside it', () => {
		expect(overviewBBox(place, [], 390)).toEqual(place);
		expect(overviewBBox(place, [[-2.1, 52, -2.05, 52.01]], 1200)).toEqual([-2.1, 52, -1.8, 52.1]);
	});
});

describe('isBasemapSource', () => {
	it('tells basemap sources from the project’s own', () => {
		expect(isBasemapSource('openmaptiles')).toBe(true);
		expect(isBasemapSource('atlas-sites')).toBe(false);
		expect(isBasemapSource(undefined)).toBe(false);
	});
});
