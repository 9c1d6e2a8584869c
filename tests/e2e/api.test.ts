import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

interface PlacesBody {
	places: { id: string; name: string; bbox: number[]; links: { macro_assets: string } }[];
}

async function firstPlace() {
	const body = (await (await fetch(`${baseUrl}/api/places`)).json()) as PlacesBody;
	const place = body.places[0];
	if (!place) throw new Error('the app has no place; the e2e setup should have loaded one');
	return place;
}

describe('GET /api/places', () => {
	it('lists places with a bounding box and a link to their sites, cacheable for a minute', async () => {
		const response = await fetch(`${baseUrl}/api/places`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(response.headers.get('cache-control')).toBe('public, max-age=60');
		const { places } = (await response.json()) as PlacesBody;
		expect(places.length).toBeGreaterThan(0);
		for (const place of places) {
			expect(place.bbox).toHaveLength(4);
			const [west, south, east, north] = place.bbox as [number, number, number, number];
			expect(west).toBeLessThan(east);
			expect(south).toBeLessThan(north);
			expect(place.links.macro_assets).toBe(`/api/places/${place.id}/macro-assets`);
		}
	});
});

describe('GET /api/places/{id}/macro-assets', () => {
	it('gives the sites as a GeoJSON FeatureCollection with the documented properties', async () => {
		const place = await firstPlace();
		const response = await fetch(`${baseUrl}${place.links.macro_assets}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/geo+json');
		expect(response.headers.get('cache-control')).toBe('public, max-age=60');
		const collection = (await response.json()) as {
			type: string;
			features: { type: string; id: string; geometry: { type: string }; properties: Record<string, unknown> }[];
		};
		expect(collection.type).toBe('FeatureCollection');
		expect(collection.features.length).toBeGreaterThan(0);
		for (const feature of collection.features) {
			expect(feature.type).toBe('Feature');
			expect(feature.geometry.type).toBe('MultiPolygon');
			const p = feature.properties;
			expect(p.id).toBe(feature.id);
			expect(typeof p.name).toBe('string');
			expect(typeof p.kind).toBe('string');
			expect(typeof p.status).toBe('string');
			expect(p.timeline).toEqual({
				start: expect.toSatisfy((v) => v === null || typeof v === 'number'),
				end: expect.toSatisfy((v) => v === null || typeof v === 'number'),
				note: expect.toSatisfy((v) => v === null || typeof v === 'string')
			});
			for (const figure of ['investment_gbp', 'homes', 'jobs']) {
				expect(p[figure] === null || typeof p[figure] === 'number').toBe(true);
			}
			for (const list of ['owners', 'partners', 'illustrative']) expect(Array.isArray(p[list])).toBe(true);
			expect(p).toHaveProperty('source');
		}
		const names = collection.features.map((f) => String(f.properties.name).toLowerCase());
		expect(names).toEqual([...names].sort());
	});

	it('answers 404 in the JSON error shape for an unknown place', async () => {
		const response = await fetch(`${baseUrl}/api/places/no-such-place/macro-assets`);
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await response.json()).toEqual({
			error: { code: 'not_found', message: expect.stringContaining('no-such-place') }
		});
	});
});

describe('the home page', () => {
	it('answers 404 for an unknown ?place=', async () => {
		const response = await fetch(`${baseUrl}/?place=no-such-place`);
		expect(response.status).toBe(404);
	});
});
