/**
 * Outreach routes (issue 12) through the service, on the hand-made network of tests/fixtures/osm/
 * tiny.osm (nodes 1-2-3 along a parallel, 4 north of 2; 6-7 a separate path): straight and walking
 * plans whose lengths can be worked out from the stored edges, every refusal the issue lists,
 * ownership, visit outcomes and the GPX export against the GPX 1.1 schema. Walking runs on
 * pgRouting where the server has it (TEST_DATABASE_URL) and on the TypeScript router on PGlite.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../src/lib/server/auth/queries';
import type { User } from '../../src/lib/server/auth/queries';
import { DomainError } from '../../src/lib/server/errors';
import {
	getRoute,
	listSavedRoutes,
	parseRequest,
	PLAN_REQUEST,
	planOutreach,
	recordVisit,
	removeRoute,
	routeAsGpx,
	saveRoute,
	SAVE_REQUEST,
	suggestHubs,
	VISIT_REQUEST,
	type PlanInput
} from '../../src/lib/server/outreach/service';
import { importOsmNetwork } from '../../src/lib/server/walking/import';
import { createPlace } from './imports-support';
import { openTestDatabase, type TestDatabase } from './support';

const NODE = {
	1: { lon: -1.93, lat: 52.48 },
	2: { lon: -1.929, lat: 52.48 },
	3: { lon: -1.928, lat: 52.48 },
	4: { lon: -1.929, lat: 52.481 },
	6: { lon: -1.92, lat: 52.485 }
} as const;
const PLACE = 'greater-icknield';

let database: TestDatabase;
let edge: { e12: number; e23: number; e24: number };
let researcher: User;
let other: User;
let admin: User;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(err: unknown) => err
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

const user = (role: User['role'], name: string) =>
	insertUser(database.db, { id: crypto.randomUUID(), username: name, displayName: name, role, passwordHash: 'x', createdBy: null });

beforeAll(async () => {
	database = await openTestDatabase();
	await createPlace(database.db, PLACE);
	await createPlace(database.db, 'no-network');
	await importOsmNetwork(database.db, { file: path.resolve('tests', 'fixtures', 'osm', 'tiny.osm'), placeId: PLACE });
	const { rows } = await sql<{ source: number; target: number; length_m: number }>`SELECT source::int, target::int, length_m FROM walk_edge`.execute(database.db);
	const length = (a: number, b: number) => Number(rows.find((r) => (r.source === a && r.target === b) || (r.source === b && r.target === a))!.length_m);
	edge = { e12: length(1, 2), e23: length(2, 3), e24: length(2, 4) };
	await database.db
		.insertInto('community_hub')
		.values({ id: 'hub-north', place_id: PLACE, name: 'North Community Centre', hub_type: 'community_centre', address: '1 North Street', geom: sql`ST_SetSRID(ST_MakePoint(-1.929, 52.481), 4326)` })
		.execute();
	researcher = await user('researcher', 'researcher.routes');
	other = await user('researcher', 'researcher.other');
	admin = await user('administrator', 'admin.routes');
}, 120_000);
afterAll(async () => {
	await database?.close();
});

/** Start at node 2, stops at nodes 1, 3 and 4 (ids a, c, n). */
const threeStops = (distance: 'straight' | 'walk', extra: Partial<PlanInput> = {}): PlanInput => ({
	place: PLACE,
	start: NODE[2],
	stops: [
		{ id: 'n', ...NODE[4] },
		{ id: 'a', ...NODE[1] },
		{ id: 'c', ...NODE[3] }
	],
	return: false,
	distance,
	...extra
});

describe('planning an outreach route', () => {
	it('on straight lines: one street end, diagonally to the north stop, diagonally to the other end', async () => {
		const plan = await planOutreach(database.db, threeStops('straight'));
		// 68 + 130 + 130 m beats 68 + 136 + 130 m (both ends first), unlike on the streets below.
		expect(plan.order[1]).toBe('n');
		expect(plan).toMatchObject({ engine: 'straight', method: 'exact', notFitting: [], metresPerMinute: 80 });
		expect(plan.distance_m).toBeCloseTo(edge.e12 + 2 * Math.hypot(edge.e12, edge.e24), 0);
		expect(plan.geometry!.coordinates).toHaveLength(4);
		expect(plan.arrivals.map((a) => a.id)).toEqual(plan.order);
		expect(plan.duration_min).toBeCloseTo(plan.distance_m / 80, 0);
	});

	it('walking: along the streets, with the lengths of the stored edges, drawn through the junction', async () => {
		const plan = await planOutreach(database.db, threeStops('walk'));
		expect(plan.engine).toBe(database.backend === 'pglite' ? 'typescript' : 'pgrouting');
		expect(plan.order[2]).toBe('n');
		// 2→1 (or 3), back through 2 to the other end, back through 2 and north to 4.
		expect(plan.distance_m).toBeCloseTo(2 * edge.e12 + 2 * edge.e23 + edge.e24, 0);
		const throughJunction = plan.geometry!.coordinates.filter(([lon, lat]) => Math.abs(lon! - NODE[2].lon) < 1e-6 && Math.abs(lat! - NODE[2].lat) < 1e-6);
		expect(throughJunction.length).toBeGreaterThanOrEqual(2);
		const coordinates = plan.geometry!.coordinates;
		expect(coordinates.filter((c, k) => k > 0 && c[0] === coordinates[k - 1]![0] && c[1] === coordinates[k - 1]![1])).toEqual([]);
		expect(plan.arrivals[2]!.minute).toBeCloseTo(plan.distance_m / 80, 0);
	});

	it('walking back to the start, and a budget that leaves a stop out, named', async () => {
		const back = await planOutreach(database.db, threeStops('walk', { return: true }));
		expect(back.distance_m).toBeCloseTo(2 * edge.e12 + 2 * edge.e23 + 2 * edge.e24, 0);
		// Arrivals at the two street ends take (e12 + e12 + e23) / 80 ≈ 2.5 min; the north stop ~4.8.
		const budget = await planOutreach(database.db, threeStops('walk', { budgetMinutes: 3 }));
		expect(budget.order.sort()).toEqual(['a', 'c']);
		expect(budget.notFitting).toEqual(['n']);
		expect(budget.duration_min).toBeLessThanOrEqual(3);
	});

	it('refuses repeated ids, a zero budget, more than 500 stops and unknown fields, naming each', async () => {
		const duplicate = await refusal(planOutreach(database.db, { ...threeStops('straight'), stops: [{ id: 'a', ...NODE[1] }, { id: 'a', ...NODE[3] }] }));
		expect(duplicate).toMatchObject({ kind: 'invalid', message: expect.stringMatching(/unique; repeated: a/) });
		expect(duplicate.fields).toEqual([{ field: 'stops.1.id', message: expect.stringContaining('repeats') }]);

		const body = { place: PLACE, stops: [{ id: 'a', ...NODE[1] }], return: false, distance: 'straight' };
		const zero = (() => {
			try {
				parseRequest(PLAN_REQUEST, { ...body, budgetMinutes: 0 });
			} catch (err) {
				return err as DomainError;
			}
		})();
		expect(zero).toMatchObject({ kind: 'invalid', message: '"budgetMinutes" must be more than 0 minutes' });
		const many = Array.from({ length: 501 }, (_, k) => ({ id: `s${k}`, ...NODE[1] }));
		expect(() => parseRequest(PLAN_REQUEST, { ...body, stops: many })).toThrow(/"stops" must be at most 500 stops/);
		expect(() => parseRequest(PLAN_REQUEST, { ...body, colour: 'red' })).toThrow(expect.objectContaining({ kind: 'malformed', message: 'Unknown field: colour.' }));
		expect(() => parseRequest(PLAN_REQUEST, { ...body, distance: 'fly' })).toThrow(/"distance" must be "straight" or "walk"/);
		expect(() => parseRequest(PLAN_REQUEST, { ...body, stops: [{ id: 'a', lon: 1 }] })).toThrow(/"stops.0.lat" is required/);
	});

	it('refuses stops outside the place, a walk where no network is loaded, and stops the network cannot reach', async () => {
		const outside = await refusal(planOutreach(database.db, { ...threeStops('straight'), stops: [{ id: 'far-away', lon: -1.5, lat: 52.48 }, { id: 'a', ...NODE[1] }] }));
		expect(outside).toMatchObject({ kind: 'invalid', message: expect.stringContaining('outside the place "greater-icknield": far-away') });

		const noNetwork = await refusal(planOutreach(database.db, { ...threeStops('walk'), place: 'no-network' }));
		expect(noNetwork.message).toMatch(/has no walking network loaded.*"distance": "straight"/);
		expect(noNetwork.fields).toEqual([{ field: 'distance', message: expect.any(String) }]);

		const island = await refusal(planOutreach(database.db, { ...threeStops('walk'), stops: [{ id: 'a', ...NODE[1] }, { id: 'island', ...NODE[6] }] }));
		expect(island.message).toMatch(/cannot reach island/);
		expect(island.fields).toEqual([{ field: 'stops.1', message: 'cannot be reached on the walking network' }]);

		expect(await refusal(planOutreach(database.db, { ...threeStops('straight'), place: 'atlantis' }))).toMatchObject({ kind: 'not_found' });
	});

	it('suggests the hubs nearest the start', async () => {
		const hubs = await suggestHubs(database.db, PLACE, NODE[2]);
		expect(hubs).toEqual([expect.objectContaining({ id: 'hub-north', name: 'North Community Centre', address: '1 North Street' })]);
		expect(hubs[0]!.metres).toBeGreaterThan(100);
		expect(hubs[0]!.metres).toBeLessThan(120);
	});
});

describe('saved routes', () => {
	it('saves a route as its owner’s, with hub names, and keeps it from other researchers', async () => {
		const request = parseRequest(SAVE_REQUEST, { ...threeStops('walk'), name: 'Tuesday round', stops: [{ id: 'hub-north', ...NODE[4] }, { id: 'a', ...NODE[1], label: 'Corner shop' }] });
		const saved = await saveRoute(database.db, researcher, request);
		expect(saved).toMatchObject({ name: 'Tuesday round', ownerId: researcher.id, place: PLACE, stopCount: 2, visited: 0, outcomes: [] });
		expect(saved.stops).toEqual([
			{ id: 'hub-north', label: 'North Community Centre', kind: 'hub', lon: NODE[4].lon, lat: NODE[4].lat, address: '1 North Street' },
			{ id: 'a', label: 'Corner shop', kind: 'point', lon: NODE[1].lon, lat: NODE[1].lat, address: null }
		]);
		expect(saved.plan.geometry!.type).toBe('LineString');
		expect(saved.settings).toEqual({ start: NODE[2], return: false, distance: 'walk', budgetMinutes: null, minutesAtStop: 0 });

		expect((await listSavedRoutes(database.db, researcher)).map((r) => r.id)).toEqual([saved.id]);
		expect(await listSavedRoutes(database.db, other)).toEqual([]);
		expect((await listSavedRoutes(database.db, admin)).map((r) => r.id)).toContain(saved.id);
		expect(await refusal(getRoute(database.db, other, saved.id))).toMatchObject({ kind: 'not_found' });
		expect(await refusal(removeRoute(database.db, other, saved.id))).toMatchObject({ kind: 'not_found' });
		expect((await getRoute(database.db, admin, saved.id)).id).toBe(saved.id);
		expect(await refusal(getRoute(database.db, researcher, 'not-a-uuid'))).toMatchObject({ kind: 'not_found' });
	});

	it('records the outcome of each visit, replacing it when recorded again; only on the owner’s own stops', async () => {
		const saved = await saveRoute(database.db, researcher, parseRequest(SAVE_REQUEST, { ...threeStops('straight'), name: 'Outcomes' }));
		const first = await recordVisit(database.db, researcher, saved.id, 'a', parseRequest(VISIT_REQUEST, { visited: true, peopleReached: 12, questionnaires: 4, notes: 'Ask for Mr K next time' }));
		expect(first).toMatchObject({ stopId: 'a', visited: true, peopleReached: 12, questionnaires: 4, notes: 'Ask for Mr K next time' });
		await recordVisit(database.db, researcher, saved.id, 'a', parseRequest(VISIT_REQUEST, { visited: true, peopleReached: 15 }));
		const read = await getRoute(database.db, researcher, saved.id);
		expect(read.outcomes).toEqual([expect.objectContaining({ stopId: 'a', peopleReached: 15, questionnaires: 0, notes: null })]);
		expect(read.visited).toBe(1);
		expect(await refusal(recordVisit(database.db, researcher, saved.id, 'nowhere', { visited: true, peopleReached: 0, questionnaires: 0, notes: null }))).toMatchObject({
			kind: 'not_found',
			message: 'Route "Outcomes" has no stop "nowhere".'
		});
		expect(await refusal(recordVisit(database.db, other, saved.id, 'a', { visited: false, peopleReached: 0, questionnaires: 0, notes: null }))).toMatchObject({ kind: 'not_found' });
		expect(() => parseRequest(VISIT_REQUEST, { visited: true, peopleReached: -1 })).toThrow(/"peopleReached" must not be negative/);
		await removeRoute(database.db, researcher, saved.id);
		expect(await refusal(getRoute(database.db, researcher, saved.id))).toMatchObject({ kind: 'not_found' });
		const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outreach_visit WHERE route_id = ${saved.id}::uuid`.execute(database.db);
		expect(rows[0]!.n).toBe(0);
	});
});

const SCHEMA = path.resolve('..', 'shared', 'standards', 'gpx-1.1', 'gpx.xsd');
const runGpx = fs.existsSync(SCHEMA) || process.env.REQUIRE_SHARED_DATA === '1';
if (!runGpx) console.warn(`SKIPPED: the GPX schema test needs ${SCHEMA} (../shared); REQUIRE_SHARED_DATA=1 makes its absence a failure`);

describe.runIf(runGpx)('GPX export', () => {
	it('writes the ordered stops and the walk, and validates against the GPX 1.1 schema with xmllint', async () => {
		const saved = await saveRoute(database.db, researcher, parseRequest(SAVE_REQUEST, { ...threeStops('walk'), name: 'Route & <sheet>' }));
		const { filename, xml } = await routeAsGpx(database.db, researcher, saved.id);
		expect(filename).toBe('route-sheet.gpx');
		expect(xml.match(/<wpt /g)).toHaveLength(3);
		expect(xml).toContain(`<name>3. n</name>`);
		expect(xml.match(/<trkpt /g)!.length).toBeGreaterThanOrEqual(saved.plan.geometry!.coordinates.length);
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-route-gpx-')), filename);
		fs.writeFileSync(file, xml);
		const result = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
		expect(result.stderr).toContain('validates');
		expect(result.status).toBe(0);
		expect(await refusal(routeAsGpx(database.db, other, saved.id))).toMatchObject({ kind: 'not_found' });
	});
});
