/**
 * The bad-input suite over every GET route in the access table (issue 16, part 3): path
 * parameters filled with a NUL, a huge number, an overlong id; query parameters with a NUL and
 * offsets past any integer. None may answer 5xx, and API routes answer with the one error JSON.
 * Driven by ROUTE_POLICY, so a new endpoint is covered the day it is added to the table.
 * Signed in as an administrator, so that access is never what refuses.
 */
import { describe, expect, it } from 'vitest';
import { ROUTE_POLICY } from '../../src/lib/server/auth/policy';
import { request } from './http';

/** A plausible value per path parameter, for the cases where only the query is bad. */
const PLAUSIBLE: Readonly<Record<string, string>> = {
	id: 'greater-icknield',
	collectionId: 'macro-assets',
	featureId: 'midland-metropolitan-hospital',
	layer: 'macro-assets',
	z: '12',
	x: '2020',
	y: '1360'
};

const BAD_PATH_VALUES = ['%00', 'a%00b', '9'.repeat(40), '-1', '1e20', 'x'.repeat(1_000), '%E2%80%AE', '..%2F..%2Fetc'];

const BAD_QUERIES = [
	'place=%00',
	'skill=%00',
	'scenario=%00',
	'site=%00',
	'q=%00',
	'offset=1e20',
	'offset=9223372036854775808',
	'offset=-1',
	'limit=1e20',
	'limit=9223372036854775808',
	'bbox=%00',
	'bbox=1e400,0,1,1',
	'place=greater-icknield&offset=1e20&limit=1'
];

const getRoutes = Object.entries(ROUTE_POLICY)
	.filter(([, methods]) => methods.GET)
	.map(([route]) => route);

function fill(route: string, value: (name: string) => string): string {
	return route.replace(/\[([^\]]+)\]/g, (_, name: string) => value(name));
}

const isApi = (route: string) => route.startsWith('/api/') || route.startsWith('/ogc');

async function expectNoServerError(route: string, pathAndQuery: string): Promise<void> {
	const response = await request('administrator', 'GET', pathAndQuery);
	const body = await response.text();
	expect(response.status, `${pathAndQuery} answered ${response.status}: ${body.slice(0, 300)}`).toBeLessThan(500);
	if (isApi(route) && response.status >= 400) {
		expect(response.headers.get('content-type'), pathAndQuery).toMatch(/json/);
		const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
		expect(parsed.error, `${pathAndQuery}: ${body.slice(0, 300)}`).toEqual(
			expect.objectContaining({ code: expect.any(String), message: expect.any(String) })
		);
	}
}

describe('bad input on every GET route of the access table never gives a 5xx', () => {
	it('covers the table (a route left out of it would not be tested)', () => {
		expect(getRoutes.length).toBeGreaterThan(20);
	});

	for (const route of getRoutes) {
		const hasParameters = route.includes('[');
		it(`${route}: bad path parameters and bad query parameters`, async () => {
			if (hasParameters) {
				for (const value of BAD_PATH_VALUES) {
					await expectNoServerError(route, fill(route, () => value));
				}
			}
			const plausible = fill(route, (name) => PLAUSIBLE[name] ?? 'greater-icknield');
			for (const query of BAD_QUERIES) await expectNoServerError(route, `${plausible}?${query}`);
		});
	}
});

/** Text fields the JSON API takes, each given a NUL: PostgreSQL cannot store one, so each must be refused first. */
const NUL_BODY = JSON.stringify(
	Object.fromEntries(
		['place', 'placeId', 'skillGroupId', 'name', 'title', 'caption', 'description', 'kind', 'username', 'displayName'].map((field) => [
			field,
			`bad\u0000${field}`
		])
	)
);

const writeRoutes = Object.entries(ROUTE_POLICY).flatMap(([route, methods]) =>
	isApi(route) ? (['POST', 'PUT', 'PATCH'] as const).filter((method) => methods[method]).map((method) => [route, method] as const) : []
);

describe('a NUL in any text field of a JSON body, on every API route that takes one, never gives a 5xx', () => {
	for (const [route, method] of writeRoutes) {
		it(`${method} ${route}`, async () => {
			const pathOnly = fill(route, (name) => PLAUSIBLE[name] ?? 'greater-icknield');
			const response = await request('administrator', method, pathOnly, { body: NUL_BODY, contentType: 'application/json' });
			const body = await response.text();
			expect(response.status, `${method} ${pathOnly} answered ${response.status}: ${body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
			expect(response.status, `${method} ${pathOnly}: ${body.slice(0, 300)}`).toBeLessThan(500);
			expect((JSON.parse(body) as { error?: { code?: unknown } }).error?.code, body.slice(0, 300)).toEqual(expect.any(String));
		});
	}
});
