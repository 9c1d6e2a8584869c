import { describe, expect, it } from 'vitest';
import {
	areasLegend,
	cameraFromUrl,
	enterprisesLegend,
	explorerStateFromUrl,
	exportFileName,
	IMD_NO_DECILE_COLOUR,
	roundCamera,
	scoresLegend,
	sitesLegend,
	viewTitle,
	writeExplorerState
} from './explorer';

describe('explorer URL state', () => {
	it('opens the default layers, plus scores when a pre-`layers` link asks for them', () => {
		expect(explorerStateFromUrl(new URLSearchParams('')).layers).toEqual(['sites', 'hubs', 'enterprises']);
		expect(explorerStateFromUrl(new URLSearchParams('scores=e2sfca')).layers).toEqual(['scores', 'sites', 'hubs', 'enterprises']);
		expect(explorerStateFromUrl(new URLSearchParams('layers=')).layers).toEqual([]);
	});

	it('round-trips layers, filters and camera, dropping unknown values', () => {
		const params = new URLSearchParams('layers=enterprises,nonsense,sites&consortia=food,health,bogus&hubTypes=school&status=planned&lon=-1.95&lat=52.48&z=14.5');
		const state = explorerStateFromUrl(params);
		expect(state).toEqual({
			layers: ['sites', 'enterprises'],
			consortia: ['health', 'food'],
			hubTypes: ['school'],
			status: ['planned'],
			camera: { lon: -1.95, lat: 52.48, z: 14.5, bearing: 0, pitch: 0 }
		});
		const url = writeExplorerState(new URL('http://x/?place=p&layers=old'), state);
		expect(url.search).toBe('?place=p&layers=sites%2Centerprises&consortia=health%2Cfood&hubTypes=school&status=planned&lon=-1.95&lat=52.48&z=14.5');
		expect(explorerStateFromUrl(url.searchParams)).toEqual(state);
	});

	it('needs lon, lat and z for a camera and refuses values off the map', () => {
		expect(cameraFromUrl(new URLSearchParams('lon=1&lat=2'))).toBeNull();
		expect(cameraFromUrl(new URLSearchParams('lon=200&lat=2&z=3'))).toBeNull();
		expect(cameraFromUrl(new URLSearchParams('lon=1&lat=2&z=3&pitch=30&bearing=-20'))).toEqual({ lon: 1, lat: 2, z: 3, bearing: -20, pitch: 30 });
	});

	it('rounds the camera to about a metre and a fiftieth of a zoom level', () => {
		expect(roundCamera({ lon: -1.9512345678, lat: 52.4898765, z: 13.45678, bearing: 0.4, pitch: -0.2 })).toEqual({ lon: -1.95123, lat: 52.48988, z: 13.46, bearing: 0, pitch: 0 });
	});
});

describe('legend and title', () => {
	it('draws dashed outlines for projects not yet built and solid for the rest', () => {
		const legend = sitesLegend(['hospital'], ['planned', 'operational']);
		expect(legend.items.map((i) => [i.label, i.shape])).toEqual([
			['Hospital', 'fill'],
			['Planned', 'dashed'],
			['Operational', 'line']
		]);
	});

	it('lists only the consortia shown, and the counted discs when zoomed out', () => {
		expect(enterprisesLegend(['food'], 14).items.map((i) => i.label)).toEqual(['Food']);
		expect(enterprisesLegend([], 11).items).toHaveLength(8);
	});

	it('labels IMD decile 1 as the most deprived, and says what the no-decile grey means', () => {
		const items = areasLegend(['lsoa', 'ward']).items;
		expect(items[0]!.label).toBe('1 = most deprived');
		expect(items[9]!.label).toBe('10 = least deprived');
		expect(items[10]).toMatchObject({ label: 'No decile loaded', colour: IMD_NO_DECILE_COLOUR });
		expect(items.at(-1)!.label).toBe('Ward boundary');
		expect(areasLegend(['ward']).items.map((i) => i.label)).toEqual(['Ward boundary']);
	});

	it('titles a view by place and layers, and names the file by place and date', () => {
		expect(viewTitle('Greater Icknield', [sitesLegend([], []), enterprisesLegend([], 14)])).toBe('Greater Icknield: capital projects and social enterprises');
		expect(exportFileName('greater-icknield', new Date('2026-11-25T10:00:00Z'))).toBe('asset-atlas-greater-icknield-2026-11-25.png');
	});
});

describe('score legends name what they show (issue 17)', () => {
	const facts = { method: '2sfca' as const, skillName: 'Nursing & midwifery', readinessLabel: 'everyone with the skills', walkMinutes: 20, distance: 'straight' as const, scenarioName: 'New ward' };
	const classes = [{ from: 0, to: null, colour: '#2166ac', label: 'Better' }];
	it('names the layer, skill group, readiness, walk, distance kind and scenario', () => {
		const legend = scoresLegend(classes, facts, 'posts per local person');
		expect(legend.title).toBe('Opportunity score: Posts per local person with the skills · Nursing & midwifery');
		expect(legend.note).toBe('Counting everyone with the skills · within 20 minutes\' walk (straight line) · scenario “New ward” · colour = posts per local person');
	});
	it('says a difference map is the change, scenario against the baseline', () => {
		const legend = scoresLegend(classes, facts, 'posts per local person', true);
		expect(legend.title).toMatch(/^Change in opportunity score: .* · Nursing & midwifery$/);
		expect(legend.note).toContain('scenario “New ward” against the baseline (today’s plans)');
		expect(legend.note).toContain('colour = change in posts per local person');
	});
});
