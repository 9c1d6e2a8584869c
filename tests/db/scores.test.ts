/**
 * Opportunity scores through the database: the engine over inputs held from the database against
 * the hand-worked fixture, against a brute-force computation on random instances and against a
 * plain SQL computation on the demo data; the published supply it reads, the held inputs following
 * the tables' versions, the distance cache, scenarios, and the errors a caller can meet.
 */
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeDistances, edgeExpected, edgeOrigins, edgeSites } from '../../src/lib/domain/scoring/fixtures/edges';
import { workedDistances, workedExpected, workedOrigins, workedSites } from '../../src/lib/domain/scoring/fixtures/worked';
import { parseScoreSpec, type ScoreSpec } from '../../src/lib/domain/scoring/spec';
import type { Database } from '../../src/lib/server/db/schema';
import { ApiError } from '../../src/lib/server/http/errors';
import { addOpportunity, addSite, createScenario, getScenario, updateOpportunity, updateSite } from '../../src/lib/server/scenarios/index';
import { markPublicationStale } from '../../src/lib/server/restricted/records';
import { compareScenario } from '../../src/lib/server/scores/compare';
import { explainCell, explainSite, getCellScores, getSiteScores, prepareScores, scoreHeldInputs, scoreInputsDigest, type ScoringContext } from '../../src/lib/server/scores/service';
import { seedDemoDataIfEmpty } from '../../src/lib/server/seed/index';
import { asApiError, openTestDatabase, type TestDatabase } from './support';

let database: TestDatabase;
const PLACE = 'greater-icknield';

const spec = (query: string): ScoreSpec => {
	const params = new URLSearchParams(query);
	return parseScoreSpec((name) => params.get(name));
};

beforeAll(async () => {
	database = await openTestDatabase();
	await seedDemoDataIfEmpty(database.db);
});
afterAll(async () => {
	await database?.close();
});

function closeTo(actual: number, expected: number, relative = 1e-9): boolean {
	return Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected));
}

/** The engine's cell scores in cell order, over what the database holds now. */
async function scoreCellsWithEngine(db: Kysely<Database>, context: ScoringContext): Promise<{ cellId: string; score: number }[]> {
	return (await scoreHeldInputs(db, context)).result.cells.map((c) => ({ cellId: c.originId, score: c.score }));
}

/** The engine's site view in site order. */
async function siteViewWithEngine(db: Kysely<Database>, context: ScoringContext) {
	return (await scoreHeldInputs(db, context)).result.sites;
}

// ---- Independent computations the engine is checked against ----

/** W(d) written out from DESIGN.md, apart from the engine's decays. */
function bruteWeight(spec: ScoreSpec, minutes: number): number {
	switch (spec.method) {
		case 'cumulative':
		case '2sfca':
			return minutes <= spec.thresholdMinutes ? 1 : 0;
		case 'e2sfca':
			for (const band of spec.bands) if (minutes <= band.upToMinutes) return band.weight;
			return 0;
		case 'gravity': {
			const h = spec.halfWeightMinutes;
			return spec.gravityForm === 'gaussian' ? Math.exp((-minutes * minutes * Math.LN2) / (h * h)) : Math.exp((-Math.LN2 / h) * minutes);
		}
	}
}

/** Every method by nested loops over an instance (80 m/min), for the random-instance check. */
function bruteForce(instance: Instance, spec: ScoreSpec): { scores: number[]; demand: number[] } {
	const sites = instance.opportunities.length;
	const weight = (i: number, j: number) => {
		const metres = instance.metres[i * sites + j];
		return metres === null || metres === undefined ? 0 : bruteWeight(spec, metres / 80);
	};
	const demand = instance.opportunities.map((_, j) => instance.supplies.reduce((sum, p, i) => sum + p * weight(i, j), 0));
	const ratio = spec.method === '2sfca' || spec.method === 'e2sfca';
	const value = instance.opportunities.map((o, j) => (ratio ? (demand[j]! > 0 ? o / demand[j]! : 0) : o));
	const scores = instance.supplies.map((_, i) => value.reduce((sum, v, j) => sum + v * weight(i, j), 0));
	return { scores, demand };
}

/**
 * The scores computed in plain SQL from the tables (the pre-engine "SQL path", kept here as an
 * independent check): published supply spread over the cells, the sites' opportunities and the
 * cached distances, summed by the database.
 */
async function scoresInSql(db: Kysely<Database>, placeId: string, spec: ScoreSpec): Promise<{ cellId: string; score: number }[]> {
	const minutes = sql`(d.metres / ${spec.speed === 'slower' ? 60 : 80}::float8)`;
	const weight =
		spec.method === 'e2sfca'
			? sql`CASE ${sql.join(spec.bands.map((b) => sql`WHEN ${minutes} <= ${b.upToMinutes}::float8 THEN ${b.weight}::float8`), sql` `)} ELSE 0.0::float8 END`
			: spec.method === 'gravity'
				? spec.gravityForm === 'gaussian'
					? sql`exp(-LEAST(700, (${minutes} * ${minutes}) * ln(2) / ${spec.halfWeightMinutes * spec.halfWeightMinutes}::float8))`
					: sql`exp(-LEAST(700, ln(2) / ${spec.halfWeightMinutes}::float8 * ${minutes}))`
				: sql`CASE WHEN ${minutes} <= ${spec.thresholdMinutes}::float8 THEN 1.0::float8 ELSE 0.0::float8 END`;
	const layer = `${spec.skill}/${spec.readiness}`;
	const sites =
		spec.scenario === null
			? sql`SELECT id AS site_id, md5(ST_AsEWKB(geom)) AS site_key FROM macro_asset WHERE place_id = ${placeId} AND status <> 'cancelled'`
			: sql`SELECT id AS site_id, md5(ST_AsEWKB(geom)) AS site_key FROM scenario_site WHERE scenario_id = ${spec.scenario}::uuid AND status <> 'cancelled'`;
	const opportunities =
		spec.scenario === null
			? sql`SELECT o.macro_asset_id AS site_id, o.skill_group_id, o.count FROM opportunity o JOIN macro_asset m ON m.id = o.macro_asset_id WHERE m.place_id = ${placeId} AND (o.closes_on IS NULL OR o.closes_on >= CURRENT_DATE)`
			: sql`SELECT site_id, skill_group_id, count FROM scenario_opportunity WHERE scenario_id = ${spec.scenario}::uuid`;
	const ratio = spec.method === '2sfca' || spec.method === 'e2sfca';
	const { rows } = await sql<{ cell_id: string; score: number }>`
		WITH sites AS MATERIALIZED (${sites}),
		opp AS MATERIALIZED (SELECT site_id, SUM(count)::float8 AS o FROM (${opportunities}) x WHERE ${spec.skill === 'all' ? sql`true` : sql`skill_group_id = ${spec.skill}`} GROUP BY site_id),
		supply AS MATERIALIZED (
			SELECT c.cell_id, COALESCE(CASE WHEN u250.unit_id IS NOT NULL THEN u250.count::float8
			                                WHEN u500.unit_id IS NOT NULL THEN u500.count::float8 / c.n500
			                                WHEN u1000.unit_id IS NOT NULL THEN u1000.count::float8 / c.n1000
			                                WHEN uplace.unit_id IS NOT NULL THEN uplace.count::float8 / c.n_all END, 0.0) AS p
			FROM (SELECT cell_id, hex500_id, hex1000_id, count(*) OVER (PARTITION BY hex500_id) AS n500,
			             count(*) OVER (PARTITION BY hex1000_id) AS n1000, count(*) OVER () AS n_all
			      FROM score_cell WHERE place_id = ${placeId}) c
			LEFT JOIN published_unit u250 ON u250.place_id = ${placeId} AND u250.filter_key = ${layer} AND u250.unit_id = c.cell_id
			LEFT JOIN published_unit u500 ON u500.place_id = ${placeId} AND u500.filter_key = ${layer} AND u500.unit_id = c.hex500_id
			LEFT JOIN published_unit u1000 ON u1000.place_id = ${placeId} AND u1000.filter_key = ${layer} AND u1000.unit_id = c.hex1000_id
			LEFT JOIN published_unit uplace ON uplace.place_id = ${placeId} AND uplace.filter_key = ${layer} AND uplace.unit_id = 'place'),
		weighted AS MATERIALIZED (
			SELECT d.cell_id, s.site_id, ${weight} AS w
			FROM travel_distance d JOIN sites s ON s.site_key = d.site_key WHERE d.place_id = ${placeId} AND d.mode = ${spec.distance}),
		demand AS MATERIALIZED (SELECT w.site_id, SUM(p.p * w.w) AS d FROM weighted w JOIN supply p ON p.cell_id = w.cell_id GROUP BY w.site_id),
		site_value AS MATERIALIZED (
			SELECT s.site_id, ${ratio ? sql`CASE WHEN COALESCE(dm.d, 0) > 0 THEN COALESCE(o.o, 0) / dm.d ELSE 0.0 END` : sql`COALESCE(o.o, 0.0)`} AS v
			FROM sites s LEFT JOIN opp o ON o.site_id = s.site_id LEFT JOIN demand dm ON dm.site_id = s.site_id)
		SELECT c.cell_id, COALESCE(SUM(v.v * w.w), 0.0) AS score
		FROM score_cell c LEFT JOIN weighted w ON w.cell_id = c.cell_id LEFT JOIN site_value v ON v.site_id = w.site_id
		WHERE c.place_id = ${placeId} GROUP BY c.cell_id ORDER BY c.cell_id`.execute(db);
	return rows.map((r) => ({ cellId: r.cell_id, score: Number(r.score) }));
}

// ---- A tiny place whose every input is written by hand ----

interface Instance {
	supplies: number[];
	opportunities: number[];
	/** metres[cell * sites + site]; null = no route. */
	metres: (number | null)[];
}

const FIXTURE_PLACE = 'fixture-place';
const FIXTURE_SKILL = 'nursing-midwifery';

/** Writes an instance as rows: cells hex250:0:i, published hex250 counts, sites and distances. */
async function writeInstance(db: Kysely<Database>, instance: Instance): Promise<{ cells: string[]; sites: string[] }> {
	await db.deleteFrom('place').where('id', '=', FIXTURE_PLACE).execute();
	const square = 'MULTIPOLYGON(((-1.95 52.48,-1.94 52.48,-1.94 52.49,-1.95 52.49,-1.95 52.48)))';
	await sql`INSERT INTO place (id, name, projected_srid, boundary) VALUES (${FIXTURE_PLACE}, 'Fixture', 27700, ST_GeomFromText(${square}, 4326))`.execute(db);
	await db.insertInto('score_grid').values({ place_id: FIXTURE_PLACE, boundary_hash: 'fixture', cell_size_m: 250, cell_count: instance.supplies.length }).execute();
	const cells = instance.supplies.map((_, i) => `hex250:0:${i}`);
	const sites = instance.opportunities.map((_, j) => `fixture-site-${j}`);
	for (const [i, cell] of cells.entries()) {
		await sql`INSERT INTO score_cell (place_id, cell_id, hex500_id, hex1000_id, centre, geom)
			VALUES (${FIXTURE_PLACE}, ${cell}, ${`hex500:0:${i}`}, ${`hex1000:0:${i}`}, ST_SetSRID(ST_MakePoint(${i * 400}, 0), 27700),
			        ST_GeomFromText('POLYGON((-1.95 52.48,-1.949 52.48,-1.949 52.481,-1.95 52.48))', 4326))`.execute(db);
	}
	await db.insertInto('publication').values({ place_id: FIXTURE_PLACE, k: 10, rounding_base: 5, records: 0, records_published: 0, synthetic: true, compute_ms: 0 }).execute();
	for (const [i, cell] of cells.entries()) {
		await sql`INSERT INTO published_unit (place_id, filter_key, unit_id, level, count, geom)
			VALUES (${FIXTURE_PLACE}, ${`${FIXTURE_SKILL}/any`}, ${cell}, 'hex250', ${instance.supplies[i]!}, ST_GeomFromText(${square}, 4326))`.execute(db);
	}
	for (const [j, site] of sites.entries()) {
		// Each site its own tiny square, so each has its own geometry key.
		const x = -1.95 + j * 0.001;
		await sql`INSERT INTO macro_asset (id, place_id, name, kind, status, geom)
			VALUES (${site}, ${FIXTURE_PLACE}, ${`Site ${j}`}, 'hospital', 'planned',
			        ST_Multi(ST_MakeEnvelope(${x}, 52.48, ${x + 0.0005}, 52.4805, 4326)))`.execute(db);
		if (instance.opportunities[j]! > 0) {
			await db
				.insertInto('opportunity')
				.values({ id: `${site}-posts`, macro_asset_id: site, skill_group_id: FIXTURE_SKILL, kind: 'job', title: 'Posts', count: instance.opportunities[j]! })
				.execute();
		}
		const { rows } = await sql<{ key: string }>`SELECT md5(ST_AsEWKB(geom)) AS key FROM macro_asset WHERE id = ${site}`.execute(db);
		const key = rows[0]!.key;
		await db.insertInto('travel_site').values({ place_id: FIXTURE_PLACE, mode: 'straight', site_key: key }).execute();
		for (const [i, cell] of cells.entries()) {
			const metres = instance.metres[i * sites.length + j];
			if (metres === null || metres === undefined) continue;
			await db.insertInto('travel_distance').values({ place_id: FIXTURE_PLACE, mode: 'straight', site_key: key, cell_id: cell, metres }).execute();
		}
	}
	return { cells, sites };
}

const worked: Instance = {
	supplies: workedOrigins.map((o) => o.supply),
	opportunities: workedSites.map((s) => s.opportunities),
	metres: workedOrigins.flatMap((o) => workedSites.map((s) => workedDistances.find((d) => d.origin === o.id && d.site === s.id)!.metres))
};

describe('the engine over held inputs on the hand-worked fixture', () => {
	it('gives the hand-computed scores for every method', async () => {
		const db = database.db;
		await writeInstance(db, worked);
		const run = async (query: string) => (await scoreCellsWithEngine(db, { placeId: FIXTURE_PLACE, spec: spec(`skill=${FIXTURE_SKILL}&${query}`) })).map((c) => c.score);

		expect(await run('method=cumulative')).toEqual(workedExpected.cumulative.scores);
		const gravity = await run('method=gravity');
		gravity.forEach((score, i) => expect(score).toBeCloseTo(workedExpected.gravityGaussian.rounded[i]!, 8));
		const twoStep = await run('method=2sfca');
		twoStep.forEach((score, i) => expect(closeTo(score, workedExpected.twoStep.scores[i]!)).toBe(true));
		const enhanced = await run('method=e2sfca');
		enhanced.forEach((score, i) => expect(score).toBeCloseTo(workedExpected.enhanced.rounded[i]!, 8));

		const sites = await siteViewWithEngine(db, { placeId: FIXTURE_PLACE, spec: spec(`skill=${FIXTURE_SKILL}&method=e2sfca`) });
		expect(sites.map((s) => s.demand)).toEqual(workedExpected.enhanced.demand.map((d) => expect.closeTo(d, 9)));
		expect(sites.map((s) => s.supplyRatio)).toEqual(workedExpected.enhanced.supplyRatios.map((r) => expect.closeTo(r, 9)));
		// A skill group with no opportunities anywhere scores 0 everywhere.
		const facilities = await scoreCellsWithEngine(db, { placeId: FIXTURE_PLACE, spec: spec('skill=facilities&method=cumulative') });
		expect(facilities.map((c) => c.score)).toEqual([0, 0, 0]);
	});

	it('gives the hand-computed scores on the edge fixture', async () => {
		const db = database.db;
		await writeInstance(db, {
			supplies: edgeOrigins.map((o) => o.supply),
			opportunities: edgeSites.map((s) => s.opportunities),
			metres: edgeOrigins.flatMap((o) => edgeSites.map((s) => edgeDistances.find((d) => d.origin === o.id && d.site === s.id)!.metres))
		});
		const run = async (query: string) => (await scoreCellsWithEngine(db, { placeId: FIXTURE_PLACE, spec: spec(`skill=${FIXTURE_SKILL}&${query}`) })).map((c) => c.score);
		expect(await run('method=cumulative')).toEqual(edgeExpected.cumulative.scores);
		expect(await run('method=2sfca')).toEqual(edgeExpected.twoStep.scores);
		(await run('method=gravity&decay=exponential&halfWeight=10')).forEach((score, i) => expect(score).toBeCloseTo(edgeExpected.gravityExponential.scores[i]!, 8));
		(await run('method=e2sfca')).forEach((score, i) => expect(score).toBeCloseTo(edgeExpected.enhanced.scores[i]!, 8));
		const sites = await siteViewWithEngine(db, { placeId: FIXTURE_PLACE, spec: spec(`skill=${FIXTURE_SKILL}&method=e2sfca`) });
		sites.forEach((site, j) => expect(site.supplyRatio!).toBeCloseTo(edgeExpected.enhanced.supplyRatios[j]!, 8));
	});

	it('agrees with a brute-force computation on random instances, for every method', async () => {
		const db = database.db;
		const instances = fc
			.record({ cells: fc.integer({ min: 1, max: 6 }), sites: fc.integer({ min: 1, max: 4 }) })
			.chain(({ cells, sites }) =>
				fc.record({
					supplies: fc.array(fc.integer({ min: 0, max: 40 }).map((n) => n * 5), { minLength: cells, maxLength: cells }),
					opportunities: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: sites, maxLength: sites }),
					// Millimetres up to 4 km, with band and catchment edges (800 m = 10 min) drawn often.
					metres: fc.array(fc.option(fc.oneof(fc.integer({ min: 0, max: 4_000_000 }).map((mm) => mm / 1000), fc.constantFrom(0, 800, 1600, 2400)), { freq: 8 }), {
						minLength: cells * sites,
						maxLength: cells * sites
					})
				})
			);
		const methods = ['method=cumulative', 'method=gravity', 'method=gravity&decay=exponential&halfWeight=7', 'method=2sfca&threshold=25', 'method=e2sfca', 'method=e2sfca&bands=5,15&weights=1,0.5'];
		await fc.assert(
			fc.asyncProperty(instances, async (instance) => {
				await writeInstance(db, instance);
				for (const query of methods) {
					const context = { placeId: FIXTURE_PLACE, spec: spec(`skill=${FIXTURE_SKILL}&${query}`) };
					const { inputs, supply, result } = await scoreHeldInputs(db, context);
					expect([...supply]).toEqual(instance.supplies);
					const reference = bruteForce(instance, context.spec);
					result.cells.forEach((cell, i) => {
						expect(cell.originId).toBe(inputs.grid.cellIds[i]);
						expect(closeTo(cell.score, reference.scores[i]!), `${query} cell ${i}: ${cell.score} vs ${reference.scores[i]!}`).toBe(true);
					});
					result.sites.forEach((site, j) => expect(closeTo(site.demand, reference.demand[j]!)).toBe(true));
				}
			}),
			{ numRuns: 12, seed: 4242 }
		);
		await db.deleteFrom('place').where('id', '=', FIXTURE_PLACE).execute();
	});
	it('holds only pairs within the widest catchment, yet gravity still counts a site further away', async () => {
		const db = database.db;
		// One cell 12 km from the only site (beyond 120 min × 80 m/min = 9,600 m), one at 400 m.
		const instance: Instance = { supplies: [20, 30], opportunities: [50], metres: [12_000, 400] };
		await writeInstance(db, instance);
		for (const query of ['method=gravity&halfWeight=120', 'method=gravity&decay=exponential&halfWeight=120', 'method=cumulative&threshold=120', 'method=e2sfca&bands=60,120&weights=1,0.5']) {
			const context = { placeId: FIXTURE_PLACE, spec: spec(`skill=${FIXTURE_SKILL}&${query}`) };
			const scores = await scoreCellsWithEngine(db, context);
			const reference = bruteForce(instance, context.spec);
			scores.forEach((cell, i) => expect(closeTo(cell.score, reference.scores[i]!), `${query} cell ${i}`).toBe(true));
			expect(scores[0]!.score > 0, query).toBe(query.includes('gravity'));
		}
		await db.deleteFrom('place').where('id', '=', FIXTURE_PLACE).execute();
	});
});

describe('scores over the demo data', () => {
	it('scores every 250 m cell of the place from published supply, the engine and plain SQL agreeing', async () => {
		const db = database.db;
		const layer = await getCellScores(db, { placeId: PLACE, spec: spec('method=e2sfca&skill=all'), viewer: undefined });
		expect(layer.features.length).toBeGreaterThan(100);
		expect(layer.features.every((f) => f.geometry.type === 'Polygon' && /^hex250:-?\d+:-?\d+$/.test(f.properties.cell))).toBe(true);
		expect(layer.summary.max).toBeGreaterThan(0);
		const ranks = layer.features.map((f) => f.properties.rank);
		expect(Math.min(...ranks)).toBe(1);
		const best = layer.features.find((f) => f.properties.rank === 1)!;
		expect(best.properties.percentile).toBeGreaterThan(90);
		expect(layer.description).toMatch(/^E2SFCA/);
		expect(layer.supply).toMatch(/published resident layer/);

		for (const query of ['method=cumulative&skill=nursing-midwifery', 'method=gravity&skill=construction-trades', 'method=2sfca&skill=all', 'method=e2sfca&skill=care-support&readiness=english_test_passed']) {
			const context = { placeId: PLACE, spec: spec(query) };
			await prepareScores(db, { ...context, viewer: undefined });
			const fromSql = await scoresInSql(db, PLACE, context.spec);
			const engine = await scoreCellsWithEngine(db, context);
			fromSql.forEach((cell, i) => {
				expect(engine[i]!.cellId).toBe(cell.cellId);
				expect(closeTo(cell.score, engine[i]!.score), `${query} ${cell.cellId}`).toBe(true);
			});
		}
	});

	it('conserves opportunities under 2SFCA and E2SFCA: Σ P·A equals the opportunities of sites with supply in reach', async () => {
		const db = database.db;
		for (const query of ['method=2sfca&skill=all', 'method=e2sfca&skill=nursing-midwifery', 'method=e2sfca&skill=all']) {
			const context = { placeId: PLACE, spec: spec(query) };
			await prepareScores(db, { ...context, viewer: undefined });
			const { supply, result } = await scoreHeldInputs(db, context);
			const scores = result.cells;
			const distributed = scores.reduce((sum, cell, i) => sum + (supply[i] as number) * cell.score, 0);
			const sites = result.sites;
			const offered = sites.reduce((sum, s) => sum + (s.demand > 0 ? s.opportunities : 0), 0);
			expect(offered).toBeGreaterThan(0);
			expect(closeTo(distributed, offered, 1e-9)).toBe(true);
		}
	});

	it('reads supply only from the published layer: spread cells sum to the published counts', async () => {
		const db = database.db;
		const context = { placeId: PLACE, spec: spec('skill=nursing-midwifery') };
		await prepareScores(db, { ...context, viewer: undefined });
		const { supply } = await scoreHeldInputs(db, context);
		const { rows } = await sql<{ total: number }>`
			SELECT COALESCE(SUM(count), 0)::float8 AS total FROM published_unit WHERE place_id = ${PLACE} AND filter_key = 'nursing-midwifery/any'`.execute(db);
		const spread = supply.reduce((s, v) => s + v, 0);
		expect(Number(rows[0]!.total)).toBeGreaterThan(0);
		expect(spread).toBeCloseTo(Number(rows[0]!.total), 6);
		// Every per-cell value is a published count or a share of one: no count of 1..4 appears whole.
		const { rows: units } = await sql<{ count: number | null }>`SELECT count FROM published_unit WHERE place_id = ${PLACE} AND filter_key = 'nursing-midwifery/any'`.execute(db);
		expect(units.every((u) => u.count === null || (u.count >= 10 && u.count % 5 === 0))).toBe(true);
	});

	it('gives the site view and explanations that add up to the score', async () => {
		const db = database.db;
		const request = { placeId: PLACE, spec: spec('method=e2sfca&skill=all'), viewer: undefined };
		const sites = await getSiteScores(db, request);
		expect(sites.sites.length).toBeGreaterThanOrEqual(4);
		const withPosts = sites.sites.filter((s) => s.opportunities > 0);
		expect(withPosts.every((s) => s.supplyPerOpportunity !== null && s.bySkillGroup.length > 0)).toBe(true);
		expect(withPosts.every((s) => s.bySkillGroup.reduce((sum, g) => sum + g.opportunities, 0) === s.opportunities)).toBe(true);

		const layer = await getCellScores(db, request);
		const best = layer.features.find((f) => f.properties.rank === 1)!;
		const explanation = await explainCell(db, request, best.properties.cell);
		expect(explanation.score).toBe(best.properties.score);
		const total = explanation.contributions.reduce((sum, c) => sum + c.contribution, 0);
		expect(total).toBeCloseTo(best.properties.score, 3);
		expect(explanation.byBand.every((b) => [0, 10, 20].includes(b.fromMinutes))).toBe(true);
		expect(explanation.contributions.every((c) => c.localSupply !== null && c.siteName.length > 0)).toBe(true);

		const hospital = withPosts[0]!;
		const siteExplanation = await explainSite(db, request, hospital.id);
		expect(siteExplanation.localSupply).toBe(hospital.localSupply);
		const weighted = siteExplanation.byBand.reduce((sum, b) => sum + b.weightedSupply, 0);
		expect(weighted).toBeCloseTo(hospital.localSupply, 2);

		await expect(explainCell(db, request, 'hex250:9999:9999')).rejects.toMatchObject({ code: 'not_found' });
		await expect(explainSite(db, request, 'no-such-site')).rejects.toMatchObject({ code: 'not_found' });
	});

	it('summarises scores by IMD decile only when deciles are loaded', async () => {
		const db = database.db;
		const request = { placeId: PLACE, spec: spec('method=cumulative'), viewer: undefined };
		expect((await getCellScores(db, request)).summary.byImdDecile).toBeNull();
		// One LSOA covering the west half of the place, decile 2.
		await sql`INSERT INTO reference_area (area_type, code, name, imd_decile, imd_year, geom)
			SELECT 'lsoa', 'E01999999', 'Test LSOA', 2, 2019,
			       ST_Multi(ST_MakeEnvelope(ST_XMin(boundary), ST_YMin(boundary), (ST_XMin(boundary) + ST_XMax(boundary)) / 2, ST_YMax(boundary), 4326))
			FROM place WHERE id = ${PLACE}`.execute(db);
		try {
			const layer = await getCellScores(db, request);
			const summary = layer.summary.byImdDecile!;
			expect(summary).toHaveLength(1);
			expect(summary[0]!.decile).toBe(2);
			const inDecile = layer.features.filter((f) => f.properties.imdDecile === 2);
			expect(summary[0]!.cells).toBe(inDecile.length);
			expect(inDecile.length).toBeGreaterThan(10);
			expect(inDecile.length).toBeLessThan(layer.features.length);
		} finally {
			await db.deleteFrom('reference_area').where('code', '=', 'E01999999').execute();
		}
	});

	it('serves a computed layer again until its inputs change; a change of records is never hidden by it', async () => {
		const db = database.db;
		const request = { placeId: PLACE, spec: spec('method=2sfca&threshold=17'), viewer: undefined };
		const first = await getCellScores(db, request);
		expect(await getCellScores(db, request)).toBe(first);
		// A researcher saves a record: the publication is withdrawn and rebuilt on the next ask.
		await markPublicationStale(db, PLACE);
		const second = await getCellScores(db, request);
		expect(second).not.toBe(first);
		expect(await getCellScores(db, request)).toBe(second);
		// And again: the inputs before each rebuild look alike (no publication), the layers must not be shared.
		await markPublicationStale(db, PLACE);
		expect(await getCellScores(db, request)).not.toBe(second);
	});

	it('digests the inputs by table versions: a change moves it, a read or a rolled-back change does not', async () => {
		const db = database.db;
		const context = { placeId: PLACE, spec: spec('method=e2sfca') };
		const before = await scoreInputsDigest(db, context);
		await db.selectFrom('opportunity').selectAll().execute();
		expect(await scoreInputsDigest(db, context)).toBe(before);
		await db
			.transaction()
			.execute(async (trx) => {
				await trx.updateTable('opportunity').set({ count: sql`count + 1` }).execute();
				throw new Error('roll back');
			})
			.catch(() => undefined);
		expect(await scoreInputsDigest(db, context)).toBe(before);
		const site = await db.selectFrom('macro_asset').select('id').where('place_id', '=', PLACE).orderBy('id').executeTakeFirstOrThrow();
		await db.updateTable('macro_asset').set({ status: sql`status` }).where('id', '=', site.id).execute();
		const after = await scoreInputsDigest(db, context);
		expect(after).not.toBe(before);
	});

	it('refuses what it cannot answer, saying why', async () => {
		const db = database.db;
		await expect(getCellScores(db, { placeId: 'nowhere', spec: spec(''), viewer: undefined })).rejects.toMatchObject({ code: 'not_found' });
		await expect(getCellScores(db, { placeId: PLACE, spec: spec('skill=astronauts'), viewer: undefined })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/astronauts/) });
		await expect(getCellScores(db, { placeId: PLACE, spec: spec('distance=walk'), viewer: undefined })).rejects.toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/walking network/) });
		const scenario = '3f1c2b7e-5d4a-4c3b-9a8e-1f2d3c4b5a69';
		await expect(getCellScores(db, { placeId: PLACE, spec: spec(`scenario=${scenario}`), viewer: undefined })).rejects.toMatchObject({ code: 'unauthorized' });
		await expect(getCellScores(db, { placeId: PLACE, spec: spec(`scenario=${scenario}`), viewer: 'researcher' })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(getCellScores(db, { placeId: PLACE, spec: spec(`scenario=${scenario}`), viewer: 'planner' })).rejects.toBeInstanceOf(ApiError);
	});
});

describe('the distance cache and scenarios', () => {
	it('reuses distances when opportunities change, and computes only a moved or added site', async () => {
		const db = database.db;
		const request = { placeId: PLACE, spec: spec('method=e2sfca'), viewer: 'planner' as const };
		const first = await prepareScores(db, request);
		expect(first.travel.computedSites).toBe(0); // made by the tests above
		await db.updateTable('opportunity').set({ count: sql`count + 7` }).where('id', '=', (await db.selectFrom('opportunity').select('id').executeTakeFirstOrThrow()).id).execute();
		expect((await prepareScores(db, request)).travel.computedSites).toBe(0);

		const scenario = await createScenario(db, null, { place: PLACE, name: 'Hospital opens 300 nursing posts' });
		expect(scenario.changes).toEqual([]);
		const scenarioRequest = { ...request, spec: spec(`method=e2sfca&scenario=${scenario.id}`) };
		expect((await prepareScores(db, scenarioRequest)).travel.computedSites).toBe(0);

		const hospital = scenario.sitesList.find((s) => s.kind === 'hospital')!;
		await addOpportunity(db, scenario.id, { site: hospital.id, skillGroup: 'nursing-midwifery', kind: 'job', title: 'Nursing posts', count: 300 });
		expect((await prepareScores(db, scenarioRequest)).travel.computedSites).toBe(0);

		const started = performance.now();
		const comparison = await compareScenario(db, scenarioRequest);
		console.log(`scenario comparison (E2SFCA, all groups, ${comparison.summary.cells} cells) in ${Math.round(performance.now() - started)} ms`);
		expect(comparison.summary.better).toBeGreaterThan(0);
		expect(comparison.summary.worse).toBe(0);
		expect(comparison.features).toHaveLength(comparison.summary.cells);
		expect(comparison.features.filter((f) => f.properties.difference > 0)).toHaveLength(comparison.summary.better);
		expect(comparison.features.every((f) => Math.abs(f.properties.scenario - f.properties.baseline - f.properties.difference) < 1e-4 * Math.max(1, f.properties.scenario))).toBe(true);
		const hospitalRow = comparison.sites.find((s) => s.id === hospital.id)!;
		expect(hospitalRow.opportunitiesAfter - hospitalRow.opportunitiesBefore).toBe(300);
		expect(comparison.changes).toEqual([expect.objectContaining({ siteId: hospital.id, change: 'opportunities', detail: expect.stringMatching(/\+300/) })]);

		await updateSite(db, scenario.id, hospital.id, { location: { lon: hospital.lon + 0.01, lat: hospital.lat } });
		expect((await prepareScores(db, scenarioRequest)).travel.computedSites).toBe(1);
		const added = await addSite(db, scenario.id, { name: 'Ladywood training centre', kind: 'education', location: { lon: -1.925, lat: 52.48 } });
		const opportunity = await addOpportunity(db, scenario.id, { site: added.id, skillGroup: 'care-support', kind: 'training', title: 'Care certificate places', count: 40 });
		await updateOpportunity(db, scenario.id, opportunity.id, { count: 45 });
		expect((await prepareScores(db, scenarioRequest)).travel.computedSites).toBe(1);
		const detail = await getScenario(db, scenario.id);
		expect(detail.changes.map((c) => c.change).sort()).toEqual(['added', 'moved', 'opportunities']);
		expect(detail.opportunities).toBe(scenario.opportunities + 300 + 45);

		// The baseline is untouched.
		const baselineSites = await getSiteScores(db, { ...request, spec: spec('method=e2sfca') });
		expect(baselineSites.sites.some((s) => s.id === added.id)).toBe(false);
	});

	it('answers from the tables as they are now: a changed opportunity count is in the next answer, not an old held one', async () => {
		const db = database.db;
		const request = { placeId: PLACE, spec: spec('method=e2sfca&skill=all'), viewer: undefined };
		const before = await getSiteScores(db, request);
		const site = before.sites.find((s) => s.opportunities > 0)!;
		const opportunity = await db.selectFrom('opportunity').select(['id', 'count']).where('macro_asset_id', '=', site.id).orderBy('id').executeTakeFirstOrThrow();
		await db.updateTable('opportunity').set({ count: opportunity.count + 5 }).where('id', '=', opportunity.id).execute();
		try {
			const after = await getSiteScores(db, request);
			expect(after.sites.find((s) => s.id === site.id)!.opportunities).toBe(site.opportunities + 5);
			expect((await explainSite(db, request, site.id)).opportunities).toBe(site.opportunities + 5);
		} finally {
			await db.updateTable('opportunity').set({ count: opportunity.count }).where('id', '=', opportunity.id).execute();
		}
		expect((await getSiteScores(db, request)).sites.find((s) => s.id === site.id)!.opportunities).toBe(site.opportunities);
	});

	it('refuses bad scenario edits with nothing written', async () => {
		const db = database.db;
		const scenario = await createScenario(db, null, { place: PLACE, name: 'Edits that fail' });
		await expect(asApiError(createScenario(db, null, { place: PLACE, name: 'Edits that fail' }))).rejects.toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/already exists/) });
		await expect(asApiError(addSite(db, scenario.id, { name: 'Far away', kind: 'other', location: { lon: 0.1, lat: 51.5 } }))).rejects.toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/5 km/) });
		await expect(asApiError(addSite(db, scenario.id, { name: 'Nowhere', kind: 'other' }))).rejects.toMatchObject({ code: 'unprocessable' });
		await expect(asApiError(addOpportunity(db, scenario.id, { site: 'no-such-site', skillGroup: 'facilities', kind: 'job', title: 'x', count: 1 }))).rejects.toMatchObject({ code: 'unprocessable' });
		const site = scenario.sitesList[0]!;
		await expect(asApiError(addOpportunity(db, scenario.id, { site: site.id, skillGroup: 'astronauts', kind: 'job', title: 'x', count: 1 }))).rejects.toMatchObject({ code: 'unprocessable', message: expect.stringMatching(/astronauts/) });
		await expect(asApiError(getScenario(db, 'not-a-uuid'))).rejects.toMatchObject({ code: 'not_found' });
		const after = await getScenario(db, scenario.id);
		expect(after.changes).toEqual([]);
		expect(after.opportunities).toBe(scenario.opportunities);
	});
});
