/**
 * The leak scan: with the seeded synthetic population loaded, request every page and endpoint a
 * planner or the public can reach, with every filter the API offers, and check that nothing
 * person-level comes back: no record identifier, no record's cell coordinate (to 4 decimal
 * places), no person-level field. The person-level truth is read through the audited export, as
 * an administrator.
 */
import { describe, expect, it } from 'vitest';
import { decideAccess, ROUTE_POLICY } from '../../src/lib/server/auth/policy';
import { request, type RoleName } from './http';

const PLACE = 'greater-icknield';
const READINESS = ['any', 'overseas_qualification', 'english_test_passed', 'professionally_registered'];
const PERSON_LEVEL_FIELDS = ['qualification_level', 'qualificationLevel', 'languages', 'collected_by', 'collectedBy', 'cell_point', 'birth', 'date_of_birth'];

interface Resident {
	id: string;
	lon: string;
	lat: string;
}

async function personLevelTruth(): Promise<Resident[]> {
	const response = await request('administrator', 'GET', '/records/export');
	expect(response.status).toBe(200);
	const [header, ...lines] = (await response.text()).trim().split(/\r?\n/);
	const columns = header!.split(',');
	const at = (name: string) => columns.indexOf(name);
	return lines.map((line) => {
		const cells = line.split(',');
		return { id: cells[at('id')]!, lon: Number(cells[at('cell_lon')]).toFixed(4), lat: Number(cells[at('cell_lat')]).toFixed(4) };
	});
}

/** Every "lon, lat" pair with four or more decimals in a text, rounded to four. */
function coordinatePairs(text: string): Set<string> {
	const pairs = new Set<string>();
	for (const m of text.matchAll(/(-?\d{1,3}\.\d{4,})\s*,\s*(-?\d{1,3}\.\d{4,})/g)) {
		pairs.add(`${Number(m[1]).toFixed(4)},${Number(m[2]).toFixed(4)}`);
	}
	return pairs;
}

async function reachablePaths(role: RoleName): Promise<string[]> {
	const skills = await skillIds();
	const sites = ((await (await request(role, 'GET', `/api/places/${PLACE}/macro-assets`)).json()) as { features: { id: string }[] }).features.map((f) => f.id);
	const paths: string[] = [];
	for (const [route, methods] of Object.entries(ROUTE_POLICY)) {
		if (!methods.GET || decideAccess(route, 'GET', role === 'public' ? undefined : role) !== 'allow') continue;
		if (route === '/api/layers/resident-skills') {
			for (const skill of ['all', ...skills]) for (const readiness of READINESS) paths.push(`${route}?place=${PLACE}&skill=${skill}&readiness=${readiness}`);
		} else if (route === '/api/places/[id]/macro-assets') {
			paths.push(`/api/places/${PLACE}/macro-assets`);
		} else if (route === '/') {
			paths.push('/', ...sites.map((id) => `/?site=${id}`));
		} else {
			paths.push(route);
		}
	}
	return paths;
}

async function skillIds(): Promise<string[]> {
	const body = (await (await request('public', 'GET', '/api/skill-groups')).json()) as { skillGroups: { id: string }[] };
	expect(body.skillGroups.length).toBeGreaterThan(5);
	return body.skillGroups.map((s) => s.id);
}

describe('leak scan', () => {
	it('finds no person-level identifier, coordinate or field in anything a planner or the public can fetch', async () => {
		const residents = await personLevelTruth();
		expect(residents.length).toBeGreaterThanOrEqual(2000);
		const ids = new Set(residents.map((r) => r.id));
		const cells = new Set(residents.map((r) => `${r.lon},${r.lat}`));

		let responses = 0;
		let bytes = 0;
		for (const role of ['public', 'planner'] as const) {
			const paths = await reachablePaths(role);
			expect(paths.length).toBeGreaterThan(60);
			for (const path of paths) {
				const response = await request(role, 'GET', path);
				expect(response.status, `${role} GET ${path}`).toBeLessThan(400);
				const text = await response.text();
				responses++;
				bytes += text.length;
				for (const m of text.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi)) {
					expect(ids.has(m[0].toLowerCase()), `${role} GET ${path} carries resident id ${m[0]}`).toBe(false);
				}
				for (const pair of coordinatePairs(text)) {
					expect(cells.has(pair), `${role} GET ${path} carries a resident cell coordinate ${pair}`).toBe(false);
				}
				for (const field of PERSON_LEVEL_FIELDS) {
					expect(text.includes(`"${field}"`), `${role} GET ${path} carries field ${field}`).toBe(false);
				}
			}
		}
		console.log(`leak scan: ${responses} responses, ${(bytes / 1e6).toFixed(1)} MB, checked against ${residents.length} residents`);
	});

	it('would notice a leak: the scan finds resident coordinates in the researcher-only export', async () => {
		const residents = await personLevelTruth();
		const text = await (await request('administrator', 'GET', '/records/export')).text();
		// The export writes "lon,lat" columns side by side, the shape the scan looks for.
		const pairs = coordinatePairs(text);
		expect(residents.some((r) => pairs.has(`${r.lon},${r.lat}`))).toBe(true);
	});
});
