/**
 * The score and scenario API over HTTP against the running app: shapes, caching, who may see
 * scenarios, and bad input answered with a clear error and nothing written.
 */
import { describe, expect, it } from 'vitest';
import { request } from './http';

const PLACE = 'greater-icknield';

async function jsonOf<T>(response: Response): Promise<T> {
	return (await response.json()) as T;
}

interface ScoreLayer {
	type: string;
	description: string;
	units: string;
	features: { id: string; geometry: { type: string }; properties: { cell: string; score: number; rank: number; percentile: number } }[];
	summary: { cells: number; max: number };
}

describe('GET /api/scores', () => {
	it('answers a GeoJSON FeatureCollection of cells with score, rank and percentile, cacheable', async () => {
		const response = await request('public', 'GET', `/api/scores?place=${PLACE}&method=e2sfca&skill=all&distance=straight`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/geo+json');
		expect(response.headers.get('cache-control')).toBe('public, max-age=60');
		// fetch asks for gzip as browsers do: a layer of thousands of cells travels at a tenth of its size.
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('vary')).toBe('Accept-Encoding');
		const etag = response.headers.get('etag');
		expect(etag).toMatch(/^"[\w-]+"$/);
		const unchanged = await request('public', 'GET', `/api/scores?place=${PLACE}&method=e2sfca&skill=all&distance=straight`, { headers: { 'if-none-match': etag! } });
		expect(unchanged.status).toBe(304);
		const layer = await jsonOf<ScoreLayer>(response);
		expect(layer.type).toBe('FeatureCollection');
		expect(layer.features.length).toBe(layer.summary.cells);
		expect(layer.features.length).toBeGreaterThan(100);
		for (const f of layer.features) {
			expect(f.geometry.type).toBe('Polygon');
			expect(f.properties.rank).toBeGreaterThanOrEqual(1);
			expect(f.properties.percentile).toBeGreaterThanOrEqual(0);
			expect(f.properties.percentile).toBeLessThanOrEqual(100);
		}
		expect(layer.description).toMatch(/^E2SFCA/);
		// A different method answers differently: cumulative counts whole opportunities.
		const cumulative = await jsonOf<ScoreLayer>(await request('public', 'GET', `/api/scores?place=${PLACE}&method=cumulative&skill=nursing-midwifery`));
		expect(cumulative.units).toBe('opportunities in reach');
		expect(cumulative.features.every((f) => Number.isInteger(f.properties.score))).toBe(true);
		expect(cumulative.summary.max).toBeGreaterThan(0);
	});

	it('gives the site view and explanations', async () => {
		const sites = await jsonOf<{ sites: { id: string; opportunities: number; supplyPerOpportunity: number | null }[] }>(await request('public', 'GET', `/api/scores/sites?place=${PLACE}&method=e2sfca`));
		expect(sites.sites.length).toBeGreaterThanOrEqual(4);
		const site = sites.sites.find((s) => s.opportunities > 0)!;
		const explained = await request('public', 'GET', `/api/scores/explain?place=${PLACE}&method=e2sfca&site=${site.id}`);
		expect(explained.status).toBe(200);
		expect((await jsonOf<{ supplyPerOpportunity: number }>(explained)).supplyPerOpportunity).toBe(site.supplyPerOpportunity);
		const layer = await jsonOf<ScoreLayer>(await request('public', 'GET', `/api/scores?place=${PLACE}&method=gravity`));
		const cell = layer.features[0]!.properties;
		const cellExplained = await jsonOf<{ score: number; contributions: unknown[] }>(await request('public', 'GET', `/api/scores/explain?place=${PLACE}&method=gravity&cell=${encodeURIComponent(cell.cell)}`));
		expect(cellExplained.score).toBe(cell.score);
		expect(cellExplained.contributions.length).toBeGreaterThan(0);
	});

	it('names every bad parameter in a 400, and an unknown place in a 404', async () => {
		const bad = await request('public', 'GET', `/api/scores?place=${PLACE}&method=best&threshold=-1&colour=red`);
		expect(bad.status).toBe(400);
		const { error } = await jsonOf<{ error: { code: string; message: string } }>(bad);
		expect(error.code).toBe('bad_request');
		expect(error.message).toMatch(/method must be one of/);
		expect(error.message).toMatch(/threshold/);
		expect(error.message).toMatch(/Unknown parameter "colour"/);
		expect((await request('public', 'GET', '/api/scores?method=e2sfca')).status).toBe(400);
		expect((await request('public', 'GET', '/api/scores?place=atlantis')).status).toBe(404);
		expect((await request('public', 'GET', `/api/scores?place=${PLACE}&skill=astronauts`)).status).toBe(400);
		expect((await request('public', 'GET', `/api/scores/explain?place=${PLACE}`)).status).toBe(400);
		expect((await request('public', 'GET', `/api/scores/explain?place=${PLACE}&cell=hex250:1:1`)).status).toBe(404);
	});
});

describe('scenarios over HTTP', () => {
	it('lets a planner copy the baseline, add 300 nursing posts and compare, and nobody else see it', async () => {
		const name = `Hospital opens 300 nursing posts ${Date.now()}`;
		const created = await request('planner', 'POST', '/api/scenarios', { body: JSON.stringify({ place: PLACE, name }), contentType: 'application/json' });
		expect(created.status).toBe(201);
		const scenario = await jsonOf<{ id: string; opportunities: number; sitesList: { id: string; kind: string }[] }>(created);
		const hospital = scenario.sitesList.find((s) => s.kind === 'hospital')!;
		const added = await request('planner', 'POST', `/api/scenarios/${scenario.id}/opportunities`, {
			body: JSON.stringify({ site: hospital.id, skillGroup: 'nursing-midwifery', kind: 'job', title: 'Nursing posts', count: 300 }),
			contentType: 'application/json'
		});
		expect(added.status).toBe(201);

		const compared = await request('planner', 'GET', `/api/scores/compare?place=${PLACE}&method=cumulative&skill=nursing-midwifery&scenario=${scenario.id}`);
		expect(compared.status).toBe(200);
		expect(compared.headers.get('cache-control')).toBe('private, no-store');
		const comparison = await jsonOf<{ summary: { better: number; worse: number }; sites: { id: string; opportunitiesBefore: number; opportunitiesAfter: number }[] }>(compared);
		expect(comparison.summary.better).toBeGreaterThan(0);
		expect(comparison.summary.worse).toBe(0);
		const row = comparison.sites.find((s) => s.id === hospital.id)!;
		expect(row.opportunitiesAfter - row.opportunitiesBefore).toBe(300);

		const list = await jsonOf<{ scenarios: { id: string; name: string }[] }>(await request('planner', 'GET', `/api/scenarios?place=${PLACE}`));
		expect(list.scenarios.some((s) => s.id === scenario.id && s.name === name)).toBe(true);

		expect((await request('public', 'GET', `/api/scores?place=${PLACE}&scenario=${scenario.id}`)).status).toBe(401);
		expect((await request('researcher', 'GET', `/api/scores?place=${PLACE}&scenario=${scenario.id}`)).status).toBe(403);
		expect((await request('researcher', 'GET', '/api/scenarios')).status).toBe(403);
		expect((await request('public', 'GET', `/api/scenarios/${scenario.id}`)).status).toBe(401);
		expect((await request('planner', 'GET', `/api/scores?place=${PLACE}&scenario=${scenario.id}`)).status).toBe(200);

		expect((await request('planner', 'DELETE', `/api/scenarios/${scenario.id}`)).status).toBe(204);
		expect((await request('planner', 'GET', `/api/scenarios/${scenario.id}`)).status).toBe(404);
	});

	it('refuses bad scenario input with a clear message and writes nothing', async () => {
		const created = await request('planner', 'POST', '/api/scenarios', { body: JSON.stringify({ place: PLACE, name: `Bad input ${Date.now()}` }), contentType: 'application/json' });
		const scenario = await jsonOf<{ id: string; opportunities: number; sitesList: { id: string }[] }>(created);
		const post = (path: string, body: unknown) => request('planner', 'POST', path, { body: JSON.stringify(body), contentType: 'application/json' });
		const cases: [Response, number, RegExp][] = [
			[await post('/api/scenarios', { place: PLACE }), 422, /"name" is required/],
			[await post('/api/scenarios', { place: 'atlantis', name: 'x' }), 422, /existing place/],
			[await post(`/api/scenarios/${scenario.id}/opportunities`, { site: scenario.sitesList[0]!.id, skillGroup: 'nursing-midwifery', kind: 'job', title: 'x', count: -3 }), 422, /"count" must be a whole number/],
			[await post(`/api/scenarios/${scenario.id}/opportunities`, { site: scenario.sitesList[0]!.id, skillGroup: 'astronauts', kind: 'job', title: 'x', count: 3 }), 422, /astronauts/],
			[await post(`/api/scenarios/${scenario.id}/sites`, { name: 'Paris', kind: 'other', location: { lon: 2.35, lat: 48.85 } }), 422, /5 km/],
			[await post(`/api/scenarios/${scenario.id}/sites`, { name: 'x', kind: 'castle', location: { lon: -1.93, lat: 52.48 } }), 422, /"kind" must be one of/],
			[await post(`/api/scenarios/${scenario.id}/sites`, { name: 'x', kind: 'other', location: { lon: -1.93, lat: 52.48 }, colour: 'red' }), 400, /Unknown field/],
			[await request('planner', 'POST', `/api/scenarios/${scenario.id}/sites`, { body: '{"name":', contentType: 'application/json' }), 400, /not valid JSON/]
		];
		for (const [response, status, message] of cases) {
			expect(response.status).toBe(status);
			expect((await jsonOf<{ error: { message: string } }>(response)).error.message).toMatch(message);
		}
		const after = await jsonOf<{ opportunities: number; changes: unknown[] }>(await request('planner', 'GET', `/api/scenarios/${scenario.id}`));
		expect(after.opportunities).toBe(scenario.opportunities);
		expect(after.changes).toEqual([]);
		expect((await request('planner', 'DELETE', `/api/scenarios/${scenario.id}`)).status).toBe(204);
	});
});
