import { describe, expect, it } from 'vitest';
import {
	DemoDataError,
	parseHubs,
	parseMacroAssets,
	parseOpportunities,
	parsePlace,
	parseProfile,
	parseResidentialAreas,
	parseSkillGroups
} from './demo-data';
import greaterIcknieldProfile from '../../../../data/greater-icknield/synthetic-profile.json';

const square = [[[-1.95, 52.48], [-1.94, 52.48], [-1.94, 52.49], [-1.95, 52.49], [-1.95, 52.48]]];

function collection(properties: Record<string, unknown>, geometry: unknown = { type: 'Polygon', coordinates: square }) {
	return { type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry }] };
}

const site = {
	id: 'a-site',
	name: 'A site',
	kind: 'housing',
	status: 'consented',
	homes: 500,
	illustrative: []
};

describe('parsePlace', () => {
	it('reads a place and turns a Polygon into a MultiPolygon', () => {
		const place = parsePlace(collection({ id: 'a-place', name: 'A place', projected_srid: 27700 }));
		expect(place).toMatchObject({ id: 'a-place', projectedSrid: 27700, description: null });
		expect(place.boundary.type).toBe('MultiPolygon');
	});

	it('names the file and feature of a bad id', () => {
		expect(() => parsePlace(collection({ id: 'Greater Icknield', name: 'x', projected_srid: 27700 }))).toThrow(
			/^place\.geojson \(feature 0 "Greater Icknield"\): id "Greater Icknield" must be lower-case letters/
		);
	});

	it('refuses an unclosed ring, a latitude out of range and non-finite numbers', () => {
		const open = { type: 'Polygon', coordinates: [square[0]!.slice(0, 4).concat([[-1.96, 52.48]])] };
		expect(() => parsePlace(collection({ id: 'p', name: 'p', projected_srid: 27700 }, open))).toThrow(/ring 0 is not closed/);
		// Eastings and northings pasted in place of degrees.
		const projected = { type: 'Polygon', coordinates: [square[0]!.map(([x, y]) => [x! * 1e5, y! * 1e4])] };
		expect(() => parsePlace(collection({ id: 'p', name: 'p', projected_srid: 27700 }, projected))).toThrow(/\[lon, lat\]/);
		const infinite = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, Infinity], [0, 0]]] };
		expect(() => parsePlace(collection({ id: 'p', name: 'p', projected_srid: 27700 }, infinite))).toThrow(/finite/);
	});

	it('wants exactly one feature', () => {
		expect(() => parsePlace({ type: 'FeatureCollection', features: [] })).toThrow(/exactly one feature/);
	});
});

describe('parseMacroAssets', () => {
	it('reads a site', () => {
		const [asset] = parseMacroAssets(collection(site));
		expect(asset).toMatchObject({ id: 'a-site', kind: 'housing', homes: 500, owners: [], timelineStart: null });
	});

	it('refuses an unknown kind, naming the allowed ones', () => {
		expect(() => parseMacroAssets(collection({ ...site, kind: 'stadium' }))).toThrow(
			/macro-assets\.geojson \(feature 0 "a-site"\): kind must be one of hospital, housing, .*; got "stadium"/
		);
	});

	it('refuses unknown fields (a typo would otherwise be lost silently)', () => {
		expect(() => parseMacroAssets(collection({ ...site, homs: 5 }))).toThrow(/unknown field\(s\) homs/);
	});

	it('checks that illustrative names a figure that is there', () => {
		expect(() => parseMacroAssets(collection({ ...site, illustrative: ['price'] }))).toThrow(/"price", which is not one of/);
		expect(() => parseMacroAssets(collection({ ...site, illustrative: ['jobs'] }))).toThrow(/"jobs" but the figure is empty/);
	});

	it('refuses a timeline that ends before it starts, and duplicate ids', () => {
		expect(() => parseMacroAssets(collection({ ...site, timeline_start: 2030, timeline_end: 2020 }))).toThrow(/before timeline_start/);
		const twice = collection(site);
		twice.features.push(twice.features[0]!);
		expect(() => parseMacroAssets(twice)).toThrow(/id "a-site".*more than once/);
	});
});

describe('parseOpportunities', () => {
	const references = { macroAssetIds: new Set(['a-site']), skillGroupIds: new Set(['care-support']) };
	const header = 'id,macro_asset_id,skill_group_id,kind,title,count,period_start,period_end,illustrative,source';

	it('reads rows, with quoted commas and empty dates', () => {
		const rows = parseOpportunities(`${header}\nhcas,a-site,care-support,job,"Healthcare assistants, band 3",80,,,true,Demo\n`, references);
		expect(rows).toEqual([
			{
				id: 'hcas',
				macroAssetId: 'a-site',
				skillGroupId: 'care-support',
				kind: 'job',
				title: 'Healthcare assistants, band 3',
				count: 80,
				periodStart: null,
				periodEnd: null,
				source: 'Demo',
				illustrative: true
			}
		]);
	});

	it('names the line of a reference to a missing site or skill group', () => {
		expect(() => parseOpportunities(`${header}\nx,nowhere,care-support,job,T,1,,,true,\n`, references)).toThrow(
			/opportunities\.csv \(line 2 "x"\): macro_asset_id "nowhere" is not in macro-assets\.geojson/
		);
		expect(() => parseOpportunities(`${header}\nx,a-site,surgery,job,T,1,,,true,\n`, references)).toThrow(/skill_group_id "surgery"/);
	});

	it('refuses a bad count, kind or date', () => {
		expect(() => parseOpportunities(`${header}\nx,a-site,care-support,job,T,0,,,true,\n`, references)).toThrow(/count must be/);
		expect(() => parseOpportunities(`${header}\nx,a-site,care-support,gig,T,1,,,true,\n`, references)).toThrow(/kind must be one of job/);
		expect(() => parseOpportunities(`${header}\nx,a-site,care-support,job,T,1,2025-02-30,,true,\n`, references)).toThrow(
			/period_start must be a date written YYYY-MM-DD/
		);
	});

	it('refuses a missing column', () => {
		expect(() => parseOpportunities('id,title\nx,T\n', references)).toThrow(/header.*missing macro_asset_id/);
	});
});

describe('the other files', () => {
	it('checks hub types and points', () => {
		const point = { type: 'Point', coordinates: [-1.94, 52.485] };
		expect(parseHubs(collection({ id: 'amc', name: 'AMC', hub_type: 'community_centre' }, point))[0]).toMatchObject({ hubType: 'community_centre' });
		expect(() => parseHubs(collection({ id: 'amc', name: 'AMC', hub_type: 'pub' }, point))).toThrow(/hub_type must be one of/);
		expect(() => parseHubs(collection({ id: 'amc', name: 'AMC', hub_type: 'school' }))).toThrow(/geometry must be a Point/);
	});

	it('needs a positive weight for every residential area', () => {
		expect(() => parseResidentialAreas(collection({ id: 'a', name: 'A', weight: 0 }))).toThrow(/weight must be a number above 0/);
	});

	it('checks SOC 2020 codes', () => {
		const groups = { skill_groups: [{ id: 'care-support', name: 'Care', sort_order: 1, soc2020: [{ code: '613', title: 'x' }] }] };
		expect(() => parseSkillGroups(groups)).toThrow(/a 4-digit SOC 2020 unit group/);
	});

	it('refuses a profile that names a skill group the taxonomy lacks', () => {
		expect(() => parseProfile(greaterIcknieldProfile, new Set(['care-support']))).toThrow(DemoDataError);
		expect(() => parseProfile(greaterIcknieldProfile, new Set(['care-support']))).toThrow(/skill group "[a-z-]+" is not in skill-groups\.json/);
	});
});
