/**
 * `npm run bench` (scores part, also `npm run bench -- scores`): the opportunity-score figures of
 * issue 10 (Speed), on the embedded database and, when one answers, on a real PostgreSQL server
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a scratch database is
 * created there and dropped after).
 *
 * Load: 100,000 synthetic residents, 50 sites with 2,000 opportunity rows, 250 m cells over a
 * 12.7 km square around Greater Icknield (1,067 cells). Every answer is served by the engine over
 * inputs held in memory (grid, sites, published supply, the sparse travel matrix); each figure is
 * given with the engine-alone time for the same work measured in the same run, and their ratio.
 * "Uncached" means the computed-layer memo is cold while the held inputs (the per-place matrix
 * among them) are warm; "cold" means both are cold, every input read again from the database.
 * Also: the walking-distance matrix for 1,000 origins x 50 sites on the Smethwick OSM network
 * (when ../shared is present).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { parseScoreSpec, type ScoreSpec } from '../src/lib/domain/scoring/spec';
import { skillGroupIds } from '../src/lib/server/bench/queries';
import { createBenchPlace, createWalkBenchPlace, insertBenchResidents, walkingBenchPoints, type BenchLoadOptions } from '../src/lib/server/bench/score-load';
import { config } from '../src/lib/server/config';
import { openDatabase, type AtlasDatabase } from '../src/lib/server/db/index';
import { migrate } from '../src/lib/server/db/migrator';
import { ensurePublication } from '../src/lib/server/restricted/publication';
import { createScenario, updateOpportunity } from '../src/lib/server/scenarios/index';
import { compareScenario } from '../src/lib/server/scores/compare';
import { forgetHeldInputs, runEngine } from '../src/lib/server/scores/held-inputs';
import { forgetComputedLayers, getCellScores, prepareScores, scoreHeldInputs } from '../src/lib/server/scores/service';
import { seedDemoDataIfEmpty } from '../src/lib/server/seed/index';
import { importOsmNetwork } from '../src/lib/server/walking/import';
import { walkingDistances } from '../src/lib/server/walking/distances';

const root = path.resolve(import.meta.dirname, '..');
const SMETHWICK = path.resolve(root, '../shared/data/real/osm-smethwick-quickosm/smethwick_roads_reconstructed.osm.pbf');
const LOAD: BenchLoadOptions = { placeId: 'bench-area', sideMetres: 12_700, sites: 50, opportunityRows: 2_000, residents: 100_000, seed: 'asset-atlas-bench-1' };
const spec = (query: string) => {
	const params = new URLSearchParams(query);
	return parseScoreSpec((name) => params.get(name));
};

function stats(samples: number[]): string {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
	return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (n=${samples.length})`;
}

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
	const started = performance.now();
	const value = await run();
	return [value, performance.now() - started];
}

async function repeat(runs: number, run: () => Promise<unknown>): Promise<number[]> {
	await run(); // warm-up
	const samples: number[] = [];
	for (let n = 0; n < runs; n++) samples.push((await time(run))[1]);
	return samples;
}

async function benchBackend(label: string, database: AtlasDatabase): Promise<Record<string, number>> {
	const db = database.db;
	const figures: Record<string, number> = {};
	console.log(`\n## ${label}`);
	await migrate(db, path.join(root, 'migrations'));
	await seedDemoDataIfEmpty(db);

	const [extent, placeMs] = await time(() => createBenchPlace(db, LOAD));
	const [, residentsMs] = await time(() => insertBenchResidents(db, LOAD, extent));
	console.log(`load: place + ${LOAD.sites} sites + ${LOAD.opportunityRows} opportunity rows ${placeMs.toFixed(0)} ms; ${LOAD.residents.toLocaleString('en-GB')} residents ${(residentsMs / 1000).toFixed(1)} s`);
	const cfg = config();
	const [, publishMs] = await time(() => ensurePublication(db, LOAD.placeId, { k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase }));
	console.log(`publication (all layers, k=${cfg.privacyK}): ${(publishMs / 1000).toFixed(2)} s`);

	const e2sfca = spec('method=e2sfca&skill=all&distance=straight');
	const request = { placeId: LOAD.placeId, spec: e2sfca, viewer: 'planner' as const };
	const [prepared, firstMs] = await time(() => prepareScores(db, request));
	console.log(`grid of ${prepared.grid.cellCount} cells + straight-line matrix ${prepared.grid.cellCount} x ${LOAD.sites}: ${firstMs.toFixed(0)} ms (first request only; cached after)`);
	figures.cells = prepared.grid.cellCount;

	const median = (samples: number[]) => [...samples].sort((x, y) => x - y)[Math.floor(samples.length / 2)]!;
	/** The engine alone (in memory, no I/O) for one spec, on inputs held for it. */
	const engineRun = async (scoreSpec: ScoreSpec) => {
		const { inputs, supply } = await scoreHeldInputs(db, { placeId: LOAD.placeId, spec: scoreSpec });
		return () => runEngine(scoreSpec, inputs, supply);
	};
	const goals: { what: string; goal: number; answer: number; engine: number }[] = [];

	const held = await scoreHeldInputs(db, { placeId: LOAD.placeId, spec: e2sfca });
	const pairs = held.inputs.travel.columns.reduce((sum, column) => sum + column.rows.length, 0);
	console.log(`held matrix: ${pairs.toLocaleString('en-GB')} pairs within 9,600 m of ${(prepared.grid.cellCount * LOAD.sites).toLocaleString('en-GB')} (${((100 * pairs) / (prepared.grid.cellCount * LOAD.sites)).toFixed(0)}%)`);

	const engineAlone = await engineRun(e2sfca);
	const engineSamples = await repeat(30, async () => engineAlone());
	const coldSamples = await repeat(5, async () => {
		forgetHeldInputs(db);
		forgetComputedLayers();
		await getCellScores(db, request);
	});
	const uncachedSamples = await repeat(15, async () => {
		forgetComputedLayers();
		await getCellScores(db, request);
	});
	const memoSamples = await repeat(15, () => getCellScores(db, request));
	figures.engine = median(engineSamples);
	figures.uncached = median(uncachedSamples);
	goals.push({ what: 'uncached E2SFCA answer, all skill groups', goal: 50, answer: figures.uncached, engine: figures.engine });
	console.log(`E2SFCA, all skill groups, straight line, ${prepared.grid.cellCount} cells x ${LOAD.sites} sites (GET /api/scores: GeoJSON, ranks, IMD summary):`);
	console.log(`  engine alone (in memory):                        ${stats(engineSamples)}`);
	console.log(`  uncached answer (layer memo cold, matrix warm):  ${stats(uncachedSamples)}`);
	console.log(`  cold answer (layer memo and held inputs cold):   ${stats(coldSamples)}`);
	console.log(`  answer served again (layer memo warm):           ${stats(memoSamples)}`);

	const groups = await skillGroupIds(db);
	const sweepSpecs = ['all', ...groups].map((skill) => spec(`method=e2sfca&skill=${skill}`));
	const sweepEngines = await Promise.all(sweepSpecs.map(engineRun));
	const engineSweep = await repeat(10, async () => sweepEngines.forEach((run) => run()));
	const sweep = await repeat(5, async () => {
		forgetComputedLayers();
		for (const groupSpec of sweepSpecs) await getCellScores(db, { ...request, spec: groupSpec });
	});
	goals.push({ what: `every skill group one after another (${sweepSpecs.length}, uncached)`, goal: 300, answer: median(sweep), engine: median(engineSweep) });
	console.log(`  every skill group one after another (${groups.length} + all), uncached: ${stats(sweep)}; engine alone ${stats(engineSweep)}`);

	const scenario = await createScenario(db, null, { place: LOAD.placeId, name: 'Bench scenario' });
	const scenarioSpec = spec(`method=e2sfca&skill=all&scenario=${scenario.id}`);
	const scenarioRequest = { ...request, spec: scenarioSpec };
	await getCellScores(db, scenarioRequest);
	const opportunity = scenario.sitesList[0]!.opportunities[0]!;
	let count = opportunity.count;
	const rescoreSamples: number[] = [];
	const changeSamples = await repeat(10, async () => {
		count += 300;
		await updateOpportunity(db, scenario.id, opportunity.id, { count });
		rescoreSamples.push((await time(() => getCellScores(db, scenarioRequest)))[1]);
	});
	const scenarioEngine = await engineRun(scenarioSpec);
	const scenarioEngineSamples = await repeat(30, async () => scenarioEngine());
	const baselineEngine = await engineRun(e2sfca);
	const compareEngineSamples = await repeat(30, async () => {
		baselineEngine();
		scenarioEngine();
	});
	const compareSamples = await repeat(10, () => compareScenario(db, scenarioRequest));
	figures.scenario = median(rescoreSamples.slice(1));
	figures.compare = median(compareSamples);
	goals.push({ what: 'scenario change rescored (E2SFCA, all)', goal: 30, answer: figures.scenario, engine: median(scenarioEngineSamples) });
	goals.push({ what: 'whole before/after comparison', goal: 100, answer: figures.compare, engine: median(compareEngineSamples) });
	console.log(`scenario: rescore after an opportunity count changed (E2SFCA, all): ${stats(rescoreSamples.slice(1))}; with the write: ${stats(changeSamples)}`);
	console.log(`scenario: before/after comparison (both sides, site table, changes): ${stats(compareSamples)}`);

	console.log(`\n| ${label} | goal | median | engine alone | ratio |`);
	console.log('|---|---|---|---|---|');
	for (const g of goals) {
		console.log(`| ${g.what} | < ${g.goal} ms | ${g.answer.toFixed(1)} ms ${g.answer < g.goal ? '(met)' : '(NOT met)'} | ${g.engine.toFixed(2)} ms | ${(g.answer / g.engine).toFixed(0)}x |`);
	}
	console.log('');

	if (fs.existsSync(SMETHWICK)) {
		const walkPlace = 'bench-walk';
		await createWalkBenchPlace(db, walkPlace);
		const [report, importMs] = await time(() => importOsmNetwork(db, { placeId: walkPlace, file: SMETHWICK }));
		console.log(`walking network: Smethwick OSM, ${report.nodes} nodes, ${report.edges} edges, imported in ${(importMs / 1000).toFixed(1)} s`);
		const points = await walkingBenchPoints(db, walkPlace, 1_000, 50, 'asset-atlas-bench-1');
		const engines = database.backend === 'postgres' ? (['typescript', 'pgrouting'] as const) : (['typescript'] as const);
		for (const engine of engines) {
			const [result, coldMs] = await time(() => walkingDistances(db, { placeId: walkPlace, origins: points.origins, sites: points.sites, engine }));
			const warm = await repeat(3, () => walkingDistances(db, { placeId: walkPlace, origins: points.origins, sites: points.sites, engine }));
			console.log(`  matrix 1,000 origins x 50 sites (${engine}): first ${coldMs.toFixed(0)} ms, then ${stats(warm)}; ${result.distances.length} routed pairs`);
			figures[`walk_${engine}`] = median(warm);
		}
	} else {
		console.log(`walking matrix: skipped, ${SMETHWICK} is not here (a user's clone has no ../shared)`);
	}
	return figures;
}

console.log(`# Opportunity scores benchmark — ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-scores-'));
const embedded = await openDatabase({ pgliteDataDir: dataDir });
try {
	await benchBackend('PGlite (embedded, PostGIS 3.6)', embedded);
} finally {
	await embedded.close();
	fs.rmSync(dataDir, { recursive: true, force: true });
}

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
let scratch: string | undefined;
try {
	await admin`SELECT 1`;
	const available = await admin`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`;
	if (available.length === 0) throw new Error('PostGIS is not installed on that server');
	scratch = `atlas_bench_${process.pid}`;
	await admin.unsafe(`CREATE DATABASE ${scratch}`);
} catch (err) {
	console.log(`\n## Real server: skipped (${(err as Error).message}); set BENCH_DATABASE_URL to a PostgreSQL with PostGIS`);
}
if (scratch) {
	const url = new URL(serverUrl);
	url.pathname = `/${scratch}`;
	const server = await openDatabase({ databaseUrl: url.toString() });
	try {
		await benchBackend(`PostgreSQL ${(await admin`SHOW server_version`)[0]!.server_version} (real server)`, server);
	} finally {
		await server.close();
		await admin.unsafe(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
	}
}
await admin.end();
