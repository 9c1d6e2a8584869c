/**
 * The Open Referral UK export over HTTP (issue 15, part 6): every endpoint's answer validated
 * against the profile's JSON schemas (ajv, draft 2020-12, offline from ../shared), paging to the
 * last page, open CORS with a preflight, and refusals in the one error JSON (with CORS too).
 */
import { describe, expect, it } from 'vitest';
import { orukValidator, runOrukSchemas } from '../../src/lib/server/openreferral/test-schemas';
import { request } from './http';

async function getJson(path: string): Promise<{ status: number; headers: Headers; body: unknown }> {
	const response = await request('public', 'GET', path, { headers: { accept: 'application/json', origin: 'https://directory.example' } });
	return { status: response.status, headers: response.headers, body: await response.json() };
}

interface Page<T> {
	total_items: number;
	total_pages: number;
	page_number: number;
	last_page: boolean;
	contents: T[];
}

describe('Open Referral UK endpoints', () => {
	it('answers the API information at /openreferral and /openreferral/', async () => {
		for (const path of ['/openreferral', '/openreferral/']) {
			const { status, headers, body } = await getJson(path);
			expect(status, path).toBe(200);
			expect(headers.get('access-control-allow-origin')).toBe('*');
			expect(body).toMatchObject({ version: '3.0', profile: expect.stringMatching(/^https:/), openapi_url: expect.stringMatching(/openapi/) });
		}
	});

	it('answers a CORS preflight from any origin', async () => {
		for (const path of ['/openreferral/services', '/openreferral/services/00000000-0000-5000-8000-000000000000', '/openreferral/taxonomies']) {
			const response = await request('public', 'OPTIONS', path, {
				origin: 'https://council.example',
				headers: { 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept' }
			});
			expect(response.status, path).toBe(204);
			expect(response.headers.get('access-control-allow-origin')).toBe('*');
			expect(response.headers.get('access-control-allow-methods')).toMatch(/GET/);
		}
	});

	it('refuses bad parameters and unknown ids in the error JSON, with CORS', async () => {
		const bad = await getJson('/openreferral/services?per_page=100000');
		expect(bad.status).toBe(400);
		expect(bad.headers.get('access-control-allow-origin')).toBe('*');
		expect(bad.body).toMatchObject({ error: { code: 'bad_request', message: expect.stringMatching(/per_page/) } });
		expect((await getJson('/openreferral/services?day=monday')).status).toBe(400);
		const missing = await getJson('/openreferral/services/00000000-0000-5000-8000-000000000000');
		expect(missing.status).toBe(404);
		expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
		expect((await getJson('/openreferral/taxonomy_terms/nope')).status).toBe(404);
	});

	describe.runIf(runOrukSchemas)('every answer against the profile schemas', () => {
		const { errors, pageErrors } = orukValidator();

		it('services: every page, then every service fully nested', async () => {
			const first = (await getJson('/openreferral/services?per_page=7')).body as Page<{ id: string }>;
			expect(first.total_items).toBeGreaterThan(20);
			const ids: string[] = [];
			for (let page = 1; page <= first.total_pages; page++) {
				const { status, body } = await getJson(`/openreferral/services?page=${page}&per_page=7`);
				expect(status).toBe(200);
				expect(pageErrors('compiled/service_list.json', body), `page ${page}`).toEqual([]);
				const p = body as Page<{ id: string }>;
				expect(p.page_number).toBe(page);
				expect(p.last_page).toBe(page === first.total_pages);
				ids.push(...p.contents.map((c) => c.id));
			}
			expect(new Set(ids).size).toBe(first.total_items);
			for (const id of ids) {
				const { status, body } = await getJson(`/openreferral/services/${id}`);
				expect(status).toBe(200);
				expect(errors('compiled/service.json', body), id).toEqual([]);
			}
		});

		it('services at locations: the page and each one', async () => {
			const { body } = await getJson('/openreferral/service_at_locations?per_page=200');
			expect(pageErrors('compiled/service_at_location_list.json', body)).toEqual([]);
			const p = body as Page<{ id: string; location: { latitude: number; longitude: number } }>;
			expect(p.contents.every((c) => c.location.latitude > 52 && c.location.longitude < -1.8)).toBe(true);
			for (const { id } of p.contents.slice(0, 8)) {
				const one = await getJson(`/openreferral/service_at_locations/${id}`);
				expect(one.status).toBe(200);
				expect(errors('compiled/service_at_location.json', one.body), id).toEqual([]);
			}
		});

		it('taxonomies and taxonomy terms, and the filters by them', async () => {
			const taxonomies = (await getJson('/openreferral/taxonomies')).body as Page<{ id: string }>;
			expect(taxonomies.contents).toHaveLength(1);
			for (const t of taxonomies.contents) {
				expect(errors('taxonomy.json', t)).toEqual([]);
				expect(errors('taxonomy.json', (await getJson(`/openreferral/taxonomies/${t.id}`)).body)).toEqual([]);
			}
			const terms = (await getJson('/openreferral/taxonomy_terms?per_page=100')).body as Page<{ id: string; term: string }>;
			expect(terms.contents.length).toBeGreaterThan(8);
			for (const term of terms.contents) {
				expect(errors('taxonomy_term.json', term)).toEqual([]);
				expect(errors('taxonomy_term.json', (await getJson(`/openreferral/taxonomy_terms/${term.id}`)).body)).toEqual([]);
			}
			const employment = terms.contents.find((t) => t.term === 'employment_support')!;
			const filtered = (await getJson(`/openreferral/services?taxonomy_term_id=${employment.id}`)).body as Page<{ name: string }>;
			expect(filtered.contents.map((s) => s.name)).toContain('The Learning Works employment shop');
			const byTaxonomy = (await getJson(`/openreferral/services?taxonomy_id=${taxonomies.contents[0]!.id}&per_page=1`)).body as Page<unknown>;
			expect(byTaxonomy.total_items).toBe(((await getJson('/openreferral/services?per_page=1')).body as Page<unknown>).total_items);
		});
	});
});
