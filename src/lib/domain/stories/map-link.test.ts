import { describe, expect, it } from 'vitest';
import { mapLinkFromAddParam, mapLinkParams } from './map-link';

const ORIGIN = 'https://atlas.example.org';

describe('mapLinkParams', () => {
	it('reads an address-bar link into parameters', () => {
		expect(mapLinkParams(`${ORIGIN}/?place=greater-icknield&site=midland-metropolitan-university-hospital`, ORIGIN)).toEqual({
			params: { place: 'greater-icknield', site: 'midland-metropolitan-university-hospital' }
		});
	});

	it('takes a path or a bare query, and decodes values', () => {
		expect(mapLinkParams('/?place=greater-icknield&skill=nursing%20midwifery', ORIGIN).params).toEqual({ place: 'greater-icknield', skill: 'nursing midwifery' });
		expect(mapLinkParams('?scores=e2sfca', ORIGIN).params).toEqual({ scores: 'e2sfca' });
	});

	it('takes the map with no parameters as the default view', () => {
		expect(mapLinkParams(`${ORIGIN}/`, ORIGIN).params).toEqual({});
	});

	it('drops the presentation switch, so a link copied from a presented map is stored as a plain view', () => {
		expect(mapLinkParams('/?place=greater-icknield&present=1', ORIGIN).params).toEqual({ place: 'greater-icknield' });
	});

	it('refuses another site, naming it', () => {
		expect(mapLinkParams('https://evil.example/?place=greater-icknield', ORIGIN).problem).toMatch(/goes to evil\.example, not to Asset Atlas/);
		expect(mapLinkParams('http://atlas.example.org/?place=x', ORIGIN).problem).toMatch(/not to Asset Atlas/);
	});

	it('refuses another page of this site, naming it', () => {
		expect(mapLinkParams(`${ORIGIN}/sites/midland-metropolitan-university-hospital`, ORIGIN).problem).toMatch(/page \/sites\/midland-metropolitan-university-hospital, not to the map/);
	});

	it('refuses an empty paste and parameters that cannot be stored', () => {
		expect(mapLinkParams('   ', ORIGIN).problem).toMatch(/Paste a link to the map/);
		expect(mapLinkParams('/?1bad=x', ORIGIN).problem).toMatch(/cannot be stored: it has a parameter name "1bad"/);
	});
});

describe('mapLinkFromAddParam', () => {
	it('turns the map query into an absolute map link', () => {
		expect(mapLinkFromAddParam('place=greater-icknield&scores=e2sfca', ORIGIN)).toBe(`${ORIGIN}/?place=greater-icknield&scores=e2sfca`);
		expect(mapLinkFromAddParam('?place=greater-icknield', ORIGIN)).toBe(`${ORIGIN}/?place=greater-icknield`);
		expect(mapLinkFromAddParam('', ORIGIN)).toBe(`${ORIGIN}/`);
	});

	it('leaves a whole link as it is (checked when the form is sent)', () => {
		expect(mapLinkFromAddParam('/?place=x', ORIGIN)).toBe('/?place=x');
		expect(mapLinkFromAddParam('https://evil.example/', ORIGIN)).toBe('https://evil.example/');
	});
});
