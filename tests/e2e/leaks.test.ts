/**
 * The leak scan: with the seeded synthetic population loaded, request every page and endpoint a
 * planner or the public can reach, with every filter the API offers, and check that nothing
 * person-level comes back: no record identifier, no record's cell coordinate (to 4 decimal
 * places), no person-level field. The person-level truth is read through the audited export, as
 * an administrator.
 */
import { tileAt } from '../../src/lib/domain/tiles/address';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decideAccess, ROUTE_POLICY } from '../../src/lib/server/auth/policy';
import { STAGES } from '../../src/lib/domain/matching/candidates';
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

const SCORE_METHODS = ['cumulative', 'gravity', '2sfca', 'e2sfca'];

/** A few cells of the score grid to explain: the best, the worst, and some between. */
async function sampleCells(): Promise<string[]> {
	const body = (await (await request('public', 'GET', `/api/scores?place=${PLACE}&method=e2sfca&skill=all`)).json()) as {
		features: { properties: { cell: string; rank: number } }[];
	};
	const byRank = [...body.features].sort((a, b) => a.properties.rank - b.properties.rank);
	expect(byRank.length).toBeGreaterThan(10);
	return [0, 0.25, 0.5, 0.75, 1].map((q) => byRank[Math.round(q * (byRank.length - 1))]!.properties.cell);
}

/** A scenario of the planner's, so that scenario pages and scenario scores are scanned too. */
async function scanScenario(): Promise<string> {
	const response = await request('planner', 'POST', '/api/scenarios', {
		body: JSON.stringify({ place: PLACE, name: `Leak scan ${Date.now()}` }),
		contentType: 'application/json'
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: string }).id;
}

/**
 * A researcher's saved route with a visit note: notes are free text a researcher writes about a
 * visit, readable only by them and administrators. Returns the note, which no scanned answer may hold.
 */
async function researcherVisitNote(): Promise<string> {
	const note = `visit note canary ${Date.now().toString(36)}`;
	const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });
	const suggested = await request('researcher', 'GET', `/api/routes/suggestions?place=${PLACE}&lon=-1.95&lat=52.49&limit=2`);
	expect(suggested.status).toBe(200);
	const stops = ((await suggested.json()) as { hubs: { id: string; lon: number; lat: number }[] }).hubs.map(({ id, lon, lat }) => ({ id, lon, lat }));
	const created = await request('researcher', 'POST', '/api/routes', json({ name: 'Leak scan round', place: PLACE, stops, return: false, distance: 'straight' }));
	expect(created.status).toBe(201);
	const route = (await created.json()) as { id: string };
	expect((await request('researcher', 'PUT', `/api/routes/${route.id}/visits/${stops[0]!.id}`, json({ visited: true, peopleReached: 2, notes: note }))).status).toBe(200);
	// The scan would notice it: the owner's own read carries the note.
	expect(await (await request('researcher', 'GET', `/api/routes/${route.id}`)).text()).toContain(note);
	return note;
}

/**
 * A questionnaire response (issue 11) whose free-text idea is a unique marker: answers are
 * person-level, readable by the researcher who collected them, coordinators and administrators.
 * Returns the marker and the response id, neither of which any scanned answer may hold.
 */
async function questionnaireIdea(): Promise<{ marker: string; id: string }> {
	const marker = `questionnaire idea canary ${Date.now().toString(36)}`;
	const { version } = (await (await request('researcher', 'GET', '/api/questionnaires/current')).json()) as { version: number };
	const id = crypto.randomUUID();
	const answers = { consent: true, age_band: '25-34', main_language: 'so', location: { lon: -1.94512, lat: 52.49233 }, occupation: 'nurse', overseas_qualification: true, ideas: marker, groups: marker };
	const created = await request('researcher', 'POST', '/api/responses', { body: JSON.stringify({ id, questionnaireVersion: version, answers }), contentType: 'application/json' });
	expect(created.status).toBe(201);
	// The scan would notice it: the researcher's own read carries the marker.
	expect(await (await request('researcher', 'GET', '/api/responses')).text()).toContain(marker);
	return { marker, id };
}

/**
 * A partner's note on a pipeline case and on one of its stage moves (issue 14): person-level free
 * text. Returns the marker, which no public or planner answer may hold.
 */
async function pipelineCaseNote(): Promise<string> {
	const note = `case note canary ${Date.now().toString(36)}`;
	const listed = await request('partner', 'GET', `/api/pipeline/cases?place=${PLACE}&limit=1`);
	expect(listed.status).toBe(200);
	const [first] = ((await listed.json()) as { cases: { id: string; stage: string }[] }).cases;
	expect(first, 'the demo seeds pipeline cases').toBeDefined();
	const stage = first!.stage === 'in_work' ? 'ready_for_work' : 'in_work';
	const patched = await request('partner', 'PATCH', `/api/pipeline/cases/${first!.id}`, { body: JSON.stringify({ note, stage, historyNote: note }), contentType: 'application/json' });
	expect(patched.status).toBe(200);
	// The scan would notice it: the partner's own read carries the note.
	expect(await (await request('partner', 'GET', `/api/pipeline/cases/${first!.id}`)).text()).toContain(note);
	return note;
}

interface NetworkMarkers {
	/** Texts that no public or planner answer may hold. */
	secrets: string[];
	/** A consented enterprise (contact not public) and an unconsented one, by id. */
	listed: string;
	unlisted: string;
}

/**
 * The enterprise network's private texts (issue 15): the contact of an enterprise that did not
 * consent to be published, the contact of a listed enterprise that did not agree to show it, and
 * the title and contact of an idea still waiting for moderation.
 */
async function networkMarkers(): Promise<NetworkMarkers> {
	const tag = Date.now().toString(36);
	const secrets = [`unlisted-contact-canary-${tag}`, `hidden-contact-canary-${tag}`, `unmoderated-idea-canary-${tag}`, `idea-contact-canary-${tag}`];
	const form = (fields: Record<string, string>) => ({ body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' });
	const create = async (name: string, contact: string, consent: boolean) => {
		const fields: Record<string, string> = { name, consortium: 'construction', stage: 'trading', offers: '', needs: '', employees: '', contact, lon: '-1.9366', lat: '52.4866' };
		if (consent) fields.consentToPublish = 'on';
		const response = await request('network', 'POST', '/enterprises/new?/create', form(fields));
		const location = response.headers.get('location') ?? '';
		expect(location, `creating ${name}`).toMatch(/^\/enterprises\/[a-z0-9-]+\?saved=1$/);
		return location.split('/')[2]!.split('?')[0]!;
	};
	const unlisted = await create(`Leak scan unlisted ${tag}`, secrets[0]!, false);
	const listed = await create(`Leak scan listed ${tag}`, secrets[1]!, true);
	const idea = await request('public', 'POST', '/api/ideas', {
		body: JSON.stringify({ title: secrets[2], description: 'Waiting for moderation', contact: secrets[3] }),
		contentType: 'application/json'
	});
	expect(idea.status).toBe(201);
	// The scan would notice them: network staff read both contacts, a reviewer reads the idea.
	expect(await (await request('network', 'GET', `/api/enterprises/${unlisted}`)).text()).toContain(secrets[0]);
	expect(await (await request('network', 'GET', `/api/enterprises/${listed}`)).text()).toContain(secrets[1]);
	expect(await (await request('partner', 'GET', '/ideas/review')).text()).toContain(secrets[3]);
	return { secrets, listed, unlisted };
}

/** Score requests: every method and skill group, and explanations of sample cells and every site. */
function scorePaths(route: string, skills: string[], sites: string[], cells: string[], scenario: string | null): string[] {
	// Under a scenario, each method once: the filters were scanned on the baseline already.
	const suffix = scenario ? `&scenario=${scenario}` : '';
	const specs = [
		...SCORE_METHODS.map((method) => `place=${PLACE}&method=${method}&skill=all`),
		...(scenario ? [] : skills.map((skill) => `place=${PLACE}&method=e2sfca&skill=${skill}`)),
		...(scenario ? [] : READINESS.slice(1).map((readiness) => `place=${PLACE}&method=2sfca&skill=all&readiness=${readiness}`))
	];
	if (route === '/api/scores/explain') {
		return (scenario ? ['e2sfca'] : ['cumulative', 'e2sfca']).flatMap((method) => [
			...cells.map((cell) => `${route}?place=${PLACE}&method=${method}&skill=all&cell=${encodeURIComponent(cell)}${suffix}`),
			...sites.map((site) => `${route}?place=${PLACE}&method=${method}&skill=all&site=${site}${suffix}`)
		]);
	}
	if (route === '/api/scores/compare') return scenario ? SCORE_METHODS.map((method) => `${route}?place=${PLACE}&method=${method}&skill=all&scenario=${scenario}`) : [];
	return specs.map((spec) => `${route}?${spec}${suffix}`);
}

async function reachablePaths(role: RoleName, scenario: string, network: NetworkMarkers): Promise<string[]> {
	const skills = await skillIds();
	const sites = ((await (await request(role, 'GET', `/api/places/${PLACE}/macro-assets`)).json()) as { features: { id: string }[] }).features.map((f) => f.id);
	const cells = await sampleCells();
	const planner = role !== 'public';
	const paths: string[] = [];
	for (const [route, methods] of Object.entries(ROUTE_POLICY)) {
		if (!methods.GET || decideAccess(route, 'GET', role === 'public' ? undefined : role) !== 'allow') continue;
		if (route.startsWith('/api/scores')) {
			paths.push(...scorePaths(route, skills, sites, cells, null));
			if (planner) paths.push(...scorePaths(route, skills, sites, cells, scenario));
		} else if (route === '/api/scenarios') {
			paths.push(`${route}?place=${PLACE}`);
		} else if (route === '/api/scenarios/[id]' || route === '/scenarios/[id]') {
			paths.push(route.replace('[id]', scenario));
		} else if (route === '/api/layers/resident-skills') {
			for (const skill of ['all', ...skills]) for (const readiness of READINESS) paths.push(`${route}?place=${PLACE}&skill=${skill}&readiness=${readiness}`);
		} else if (route === '/api/places/[id]/macro-assets') {
			paths.push(`/api/places/${PLACE}/macro-assets`);
		} else if (route === '/') {
			paths.push('/', ...sites.map((id) => `/?site=${id}`), `/?scores=e2sfca&site=${sites[0]}`);
		} else if (route === '/near-me' || route === '/api/near-me') {
			// Residents' near-me list (issue 13): every neighbourhood and a postcode district and sector,
			// with every interest. (A cell or lon/lat origin is answered with its cell's centre, which is
			// the request's own point, not a resident's, so those shapes are left to tests/e2e/near-me.)
			const areas = ((JSON.parse(readFileSync(new URL('../../data/greater-icknield/residential-areas.geojson', import.meta.url), 'utf8')) as { features: { properties: { id: string } }[] }).features).map((f) => f.properties.id);
			for (const interest of ['', '&interest=jobs', '&interest=training', '&interest=business', '&interest=abroad']) {
				paths.push(...areas.map((area) => `${route}?area=${area}${interest}`), `${route}?postcode=B66${interest}`, `${route}?postcode=B18%207${interest}`);
			}
		} else if (route === '/sites/[id]') {
			paths.push(...sites.map((id) => `/sites/${id}`), ...sites.map((id) => `/sites/${id}?walk=30&skill=${skills[0]}&readiness=overseas_qualification`));
		} else if (route === '/api/sites/[id]/gap') {
			// Every site, every skill group and readiness at the shortest and longest walk (issue 17).
			for (const id of sites) {
				for (const skill of ['all', ...skills]) for (const walk of [10, 30]) paths.push(`/api/sites/${id}/gap?walk=${walk}&skill=${skill}`);
				for (const readiness of READINESS) paths.push(`/api/sites/${id}/gap?readiness=${readiness}`);
				if (planner) paths.push(`/api/sites/${id}/gap?scenario=${scenario}`);
			}
		} else if (route.startsWith('/ogc/collections/[collectionId]')) {
			paths.push(...ogcPaths(route, skills, sites, cells));
		} else if (route === '/tiles/[layer]/[z]/[x]/[y].mvt') {
			paths.push(...tilePaths(skills));
		} else if (route === '/tiles/[layer]/summary.json') {
			// What the map reads beside the score and resident tiles: every filter and method.
			paths.push(
				...SCORE_METHODS.map((method) => `/tiles/opportunity-scores/summary.json?place=${PLACE}&method=${method}`),
				...['all', ...skills].flatMap((skill) => READINESS.map((readiness) => `/tiles/resident-skills/summary.json?place=${PLACE}&skill=${skill}&readiness=${readiness}`))
			);
		} else if (route.startsWith('/openreferral/')) {
			paths.push(...(await openReferralPaths(role, route)));
		} else if (route === '/coverage') {
			// Questionnaire coverage per neighbourhood (issue 11): the default, the strictest and loosest thresholds.
			paths.push(route, `${route}?place=${PLACE}&areas=neighbourhood&below=1`, `${route}?below=100`);
		} else if (route === '/api/finance/summary' || route === '/finance') {
			paths.push(route, `${route}?place=${PLACE}`);
		} else if (route === '/api/matching/sites/[id]') {
			paths.push(...sites.map((id) => `/api/matching/sites/${id}`));
		} else if (route === '/api/matching/cells') {
			paths.push(`${route}?place=${PLACE}&skill=all&stage=all`, ...skills.flatMap((skill) => STAGES.map((stage) => `${route}?place=${PLACE}&skill=${skill}&stage=${stage}`)));
		} else if (route === '/enterprises/[id]' || route === '/api/enterprises/[id]' || route === '/api/enterprises/[id]/procurement') {
			// The listed enterprise (its contact hidden), a synthetic one, and the unlisted one (a 404, scanned below).
			for (const id of [network.listed, 'se-synthetic-001']) paths.push(route.replace('[id]', id));
		} else if (route === '/api/enterprises' || route === '/enterprises') {
			paths.push(`${route}?limit=500`, `${route}?q=leak+scan&limit=500`, `${route}?consortium=construction&limit=500`);
		} else if (route === '/api/sites/[id]/suppliers') {
			paths.push(...sites.map((id) => route.replace('[id]', id)));
		} else if (route === '/ideas/status/[token]') {
			// The submitter's private link: only its holder has the token (the ideas tests follow it).
			continue;
		} else if (route.startsWith('/api/stories/[id]') || route.startsWith('/stories/[id]') || route.startsWith('/present/[id]')) {
			// Stories hold map parameters and captions a planner typed, no resident data; the list is scanned below.
			continue;
		} else {
			paths.push(route);
		}
	}
	return paths;
}

/** The Open Referral UK export: its pages (every page size used by reusers) and every object by its real id. */
async function openReferralPaths(role: RoleName, route: string): Promise<string[]> {
	if (!route.includes('[id]')) return [route, `${route}?per_page=200`, `${route}?page=2&per_page=5`];
	const list = route.replace('/[id]', '');
	const body = (await (await request(role, 'GET', `${list}?per_page=200`)).json()) as { contents: { id: string }[] };
	expect(body.contents.length, list).toBeGreaterThan(0);
	return body.contents.map((c) => `${list}/${c.id}`);
}

/**
 * An award to an individual, recorded by network staff: its amount must never be published (only
 * a place-wide total of at least k such awards, rounded to £1,000). Returns the amount as written
 * and as the pages format it, neither of which any scanned answer may hold.
 */
async function individualAward(): Promise<string[]> {
	const pounds = 4000 + Math.floor(Math.random() * 5000);
	const pence = 10 + Math.floor(Math.random() * 89);
	const amount = `${pounds}.${pence}`;
	const form = new URLSearchParams({ source: 'Leak scan hardship grant', amount_gbp: amount, kind: 'grant', recipient_type: 'individual', received_on: '2025-01-15', lon: '-1.9390', lat: '52.4862', site: '', note: '' });
	const saved = await request('network', 'POST', `/finance/records?/create&place=${PLACE}`, { body: form.toString(), contentType: 'application/x-www-form-urlencoded' });
	expect(saved.status).toBe(200);
	const formatted = `${pounds.toLocaleString('en-GB')}.${pence}`;
	// The scan would notice it: the staff page carries the amount.
	expect(await (await request('network', 'GET', `/finance/records?place=${PLACE}`)).text()).toContain(formatted);
	return [amount, formatted];
}

const OGC_COLLECTIONS = ['macro-assets', 'community-hubs', 'social-enterprises', 'reference-areas', 'resident-skills', 'opportunity-scores'];

/** Every OGC collection, its items (all of them, every resident-layer filter and score method) and single features. */
function ogcPaths(route: string, skills: string[], sites: string[], cells: string[]): string[] {
	const base = '/ogc/collections';
	if (route === '/ogc/collections/[collectionId]') return OGC_COLLECTIONS.map((c) => `${base}/${c}`);
	if (route === '/ogc/collections/[collectionId]/items/[featureId]') {
		return [...sites.map((id) => `${base}/macro-assets/items/${id}`), ...cells.map((cell) => `${base}/opportunity-scores/items/${encodeURIComponent(cell)}?place=${PLACE}`)];
	}
	return [
		...OGC_COLLECTIONS.filter((c) => c !== 'resident-skills' && c !== 'opportunity-scores').map((c) => `${base}/${c}/items?limit=10000`),
		...['all', ...skills].flatMap((skill) => READINESS.map((readiness) => `${base}/resident-skills/items?limit=10000&place=${PLACE}&skill=${skill}&readiness=${readiness}`)),
		...SCORE_METHODS.map((method) => `${base}/opportunity-scores/items?limit=10000&place=${PLACE}&method=${method}`)
	];
}

/** Vector tiles over the middle of the place at z12–z14, for every tile layer (binary, scanned as text for ids and names). */
function tilePaths(skills: string[]): string[] {
	const tile = (z: number) => {
		const { x, y } = tileAt(-1.93, 52.485, z);
		return `${z}/${x}/${y}`;
	};
	return [12, 13, 14].flatMap((z) => [
		`/tiles/macro-assets/${tile(z)}.mvt`,
		`/tiles/community-hubs/${tile(z)}.mvt`,
		`/tiles/social-enterprises/${tile(z)}.mvt`,
		`/tiles/streets/${tile(z)}.mvt?place=${PLACE}`,
		`/tiles/opportunity-scores/${tile(z)}.mvt?place=${PLACE}&method=e2sfca`,
		...['all', ...skills].map((skill) => `/tiles/resident-skills/${tile(z)}.mvt?place=${PLACE}&skill=${skill}`)
	]);
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
		const scenario = await scanScenario();
		const visitNote = await researcherVisitNote();
		const idea = await questionnaireIdea();
		const individualAmounts = await individualAward();
		const caseNote = await pipelineCaseNote();
		const network = await networkMarkers();
		for (const role of ['public', 'planner'] as const) {
			for (const path of [`/api/enterprises/${network.unlisted}`, `/enterprises/${network.unlisted}`, `/api/enterprises/${network.unlisted}/procurement`]) {
				const hidden = await request(role, 'GET', path);
				expect(hidden.status, `${role} GET ${path}: an unlisted enterprise does not exist for them`).toBe(404);
				expect(await hidden.text()).not.toContain(network.secrets[0]);
			}
			const paths = await reachablePaths(role, scenario, network);
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
				expect(text.includes(visitNote), `${role} GET ${path} carries a researcher's visit note`).toBe(false);
				expect(text.includes(idea.marker), `${role} GET ${path} carries a questionnaire answer`).toBe(false);
				expect(text.includes(idea.id), `${role} GET ${path} carries a questionnaire response id`).toBe(false);
				for (const amount of individualAmounts) expect(text.includes(amount), `${role} GET ${path} carries an award to an individual`).toBe(false);
				expect(text.includes(caseNote), `${role} GET ${path} carries a pipeline case note`).toBe(false);
				for (const secret of network.secrets) expect(text.includes(secret), `${role} GET ${path} carries the private network text ${secret}`).toBe(false);
				for (const field of PERSON_LEVEL_FIELDS) {
					expect(text.includes(`"${field}"`), `${role} GET ${path} carries field ${field}`).toBe(false);
				}
			}
		}
		console.log(`leak scan: ${responses} responses, ${(bytes / 1e6).toFixed(1)} MB, checked against ${residents.length} residents`);
	}, 600_000);

	it('would notice a leak: the scan finds resident coordinates in the researcher-only export', async () => {
		const residents = await personLevelTruth();
		const text = await (await request('administrator', 'GET', '/records/export')).text();
		// The export writes "lon,lat" columns side by side, the shape the scan looks for.
		const pairs = coordinatePairs(text);
		expect(residents.some((r) => pairs.has(`${r.lon},${r.lat}`))).toBe(true);
	});
});
