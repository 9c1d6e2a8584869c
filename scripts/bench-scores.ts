/**
 * `npm run bench` (scores part, also `npm run bench -- scores`): the opportunity-score figures of
 * issue 4, on the embedded database and, when one answers, on a real PostgreSQL server
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a scratch database is
 * created there and dropped after).
 *
 * Load: 100,000 synthetic residents, 50 sites with 2,000 opportunity rows, 250 m cells over a
 * 12.7 km square around Greater Icknield (about 1,000 cells). Figures: E2SFCA over all skill
 * groups on straight-line distances (SQL path and TypeScript reference, and their ratio), every
 * skill group one after another, a scenario change recomputed, and the walking-distance matrix
 * for 1,000 origins x 50 sites on the Smethwick OSM network (when ../shared is present).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { parseScoreSpec } from '../src/lib/domain/scoring/spec';
import { createBenchPlace, createWalkBenchPlace, insertBenchResidents, walkingBenchPoints, type BenchLoadOptions } from '../src/lib/server/bench/score-load';
import { config } from '../src/lib/server/config';
import { openDatabase, type AtlasDatabase } from '../src/lib/server/db/index';
import { migrate } from '../src/lib/server/db/migrator';
import { ensurePublication } from '../src/lib/server/restricted/publication';
import { createScenario, updateOpportunity } from '../src/lib/server/scenarios/index';
import { compareScenario } from '../src/lib/server/scores/compare';
import { loadScoringInputs, loadSupply, runEngine } from '../src/lib/server/scores/reference';
import { getCellScores, prepareScores } from '../src/lib/server/scores/service';
import { layerKeyOf, scoreCellsInDatabase } from '../src/lib/server/scores/sql-scorer';
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

	const context = { placeId: LOAD.placeId, spec: e2sfca };
	const sqlSamples = await repeat(15, () => scoreCellsInDatabase(db, context));
	const tsSamples = await repeat(15, async () => {
		const inputs = await loadScoringInputs(db, context);
		runEngine(e2sfca, inputs, await loadSupply(db, LOAD.placeId, layerKeyOf(e2sfca), inputs.cellIds));
	});
	const inputs = await loadScoringInputs(db, context);
	const supply = await loadSupply(db, LOAD.placeId, layerKeyOf(e2sfca), inputs.cellIds);
	const engineSamples = await repeat(15, async () => runEngine(e2sfca, inputs, supply));
	const fullSamples = await repeat(10, () => getCellScores(db, request));
	const median = (s: number[]) => [...s].sort((a, b) => a - b)[Math.floor(s.length / 2)]!;
	figures.sql = median(sqlSamples);
	figures.ts = median(tsSamples);
	console.log(`E2SFCA, all skill groups, straight line, ${prepared.grid.cellCount} cells x ${LOAD.sites} sites:`);
	console.log(`  SQL path (scoring query):              ${stats(sqlSamples)}`);
	console.log(`  TypeScript reference (load + engine):  ${stats(tsSamples)}`);
	console.log(`  TypeScript engine alone (in memory):   ${stats(engineSamples)}`);
	console.log(`  SQL / TypeScript (load + engine) ratio: ${(figures.sql / figures.ts).toFixed(2)}`);
	console.log(`  whole API answer (GeoJSON, ranks, IMD): ${stats(fullSamples)}`);

	const groups = (await db.selectFrom('skill_group').select('id').orderBy('id').execute()).map((g) => g.id);
	const [, sweepMs] = await time(async () => {
		for (const skill of ['all', ...groups]) {
			const groupSpec = spec(`method=e2sfca&skill=${skill}`);
			await scoreCellsInDatabase(db, { placeId: LOAD.placeId, spec: groupSpec });
		}
	});
	console.log(`  every skill group one by one (${groups.length} + all), SQL: ${sweepMs.toFixed(0)} ms`);

	const scenario = await createScenario(db, null, { place: LOAD.placeId, name: 'Bench scenario' });
	const scenarioSpec = spec(`method=e2sfca&skill=all&scenario=${scenario.id}`);
	const opportunity = scenario.sitesList[0]!.opportunities[0]!;
	let count = opportunity.count;
	const changeSamples = await repeat(10, async () => {
		count += 300;
		await updateOpportunity(db, scenario.id, opportunity.id, { count });
		await prepareScores(db, { ...request, spec: scenarioSpec });
		await scoreCellsInDatabase(db, { placeId: LOAD.placeId, spec: scenarioSpec });
	});
	const compareSamples = await repeat(5, () => compareScenario(db, { ...request, spec: scenarioSpec }));
	figures.scenario = median(changeSamples);
	console.log(`scenario: change an opportunity count, then rescore (E2SFCA, all): ${stats(changeSamples)}`);
	console.log(`scenario: before/after comparison (both sides, site table, changes): ${stats(compareSamples)}`);

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
