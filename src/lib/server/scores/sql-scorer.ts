/**
 * The opportunity scores computed in the database (the "SQL path"): one statement per request
 * over the cached distances, the published supply and the sites' opportunities. The pure engine in
 * src/lib/domain/scoring is the reference it is tested against (reference.ts loads the same rows).
 *
 * Supply P(i) is never a person-level count. It comes from the published resident layer for the
 * requested skill group and readiness: a published 250 m cell gives its rounded count; a coarser
 * published unit (500 m, 1 km, the place) spreads its rounded count evenly over the 250 m cells it
 * was counted in; a withheld (suppressed) unit gives 0. So scores, the site view and explanations
 * reveal nothing the published layer does not.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { filterKey } from '../../domain/privacy/filters';
import { gravityBeta } from '../../domain/scoring/gravity';
import { metresPerMinute, type ScoreSpec } from '../../domain/scoring/spec';
import type { Database } from '../db/schema';
import { opportunityRows, siteRows } from './sites';

export interface ScoringContext {
	readonly placeId: string;
	readonly spec: ScoreSpec;
}

/** W(d) as an SQL expression of the column `minutes`, mirroring the domain decays exactly. */
export function weightExpression(spec: ScoreSpec): RawBuilder<number> {
	switch (spec.method) {
		case 'cumulative':
		case '2sfca':
			return sql<number>`CASE WHEN minutes <= ${spec.thresholdMinutes}::float8 THEN 1.0::float8 ELSE 0.0::float8 END`;
		case 'e2sfca': {
			const branches = spec.bands.map((band) => sql`WHEN minutes <= ${band.upToMinutes}::float8 THEN ${band.weight}::float8`);
			return sql<number>`CASE ${sql.join(branches, sql` `)} ELSE 0.0::float8 END`;
		}
		case 'gravity': {
			const beta = gravityBeta(spec.gravityForm, spec.halfWeightMinutes);
			// PostgreSQL raises on exp() underflow where JavaScript returns 0; past e^-700 the weight
			// is below 1e-304, so it is 0 on both paths.
			const exponent = spec.gravityForm === 'gaussian' ? sql`(minutes * minutes) / ${beta}::float8` : sql`${beta}::float8 * minutes`;
			return sql<number>`CASE WHEN ${exponent} > 700 THEN 0.0::float8 ELSE exp(-(${exponent})) END`;
		}
	}
}

/** Whether a site counts O(j) (cumulative, gravity) or its supply-to-demand ratio R(j). */
function usesRatio(spec: ScoreSpec): boolean {
	return spec.method === '2sfca' || spec.method === 'e2sfca';
}

/** The published supply per score cell for one layer: rows (cell_id, p). */
export function supplyRows(placeId: string, layerKey: string): RawBuilder<unknown> {
	return sql`
		SELECT c.cell_id,
		       COALESCE(CASE
		           WHEN u250.unit_id IS NOT NULL THEN u250.count::float8
		           WHEN u500.unit_id IS NOT NULL THEN u500.count::float8 / c.n500
		           WHEN u1000.unit_id IS NOT NULL THEN u1000.count::float8 / c.n1000
		           WHEN uplace.unit_id IS NOT NULL THEN uplace.count::float8 / c.n_all
		       END, 0.0) AS p
		FROM (SELECT cell_id, hex500_id, hex1000_id,
		             count(*) OVER (PARTITION BY hex500_id) AS n500,
		             count(*) OVER (PARTITION BY hex1000_id) AS n1000,
		             count(*) OVER () AS n_all
		      FROM score_cell WHERE place_id = ${placeId}) c
		LEFT JOIN published_unit u250 ON u250.place_id = ${placeId} AND u250.filter_key = ${layerKey} AND u250.unit_id = c.cell_id
		LEFT JOIN published_unit u500 ON u500.place_id = ${placeId} AND u500.filter_key = ${layerKey} AND u500.unit_id = c.hex500_id
		LEFT JOIN published_unit u1000 ON u1000.place_id = ${placeId} AND u1000.filter_key = ${layerKey} AND u1000.unit_id = c.hex1000_id
		LEFT JOIN published_unit uplace ON uplace.place_id = ${placeId} AND uplace.filter_key = ${layerKey} AND uplace.unit_id = 'place'`;
}

/** The published layer a spec draws its supply from. */
export function layerKeyOf(spec: ScoreSpec): string {
	return filterKey({ skill: spec.skill, readiness: spec.readiness });
}

/**
 * Everything up to each site's value, shared by the cell scores and the site view. Each step is
 * MATERIALIZED: computed once, as written. Without it, and without statistics on freshly cached
 * rows (PGlite never autovacuums, so the caches ANALYZE what they write), the planner re-ran the
 * site values once per origin–site pair and joined CTEs by nested loops: a 133-cell request took
 * 2 s, a 1,067-cell one minutes.
 */
function scoringCtes(context: ScoringContext) {
	const { placeId, spec } = context;
	const source = { placeId, scenarioId: spec.scenario };
	const skillFilter = spec.skill === 'all' ? sql`true` : sql`skill_group_id = ${spec.skill}`;
	const siteValue = usesRatio(spec) ? sql`CASE WHEN COALESCE(dm.d, 0) > 0 THEN COALESCE(o.o, 0) / dm.d ELSE 0.0 END` : sql`COALESCE(o.o, 0.0)`;
	return sql`
		sites AS MATERIALIZED (${siteRows(source)}),
		opp AS MATERIALIZED (SELECT site_id, SUM(count)::float8 AS o FROM (${opportunityRows(source)}) x WHERE ${skillFilter} GROUP BY site_id),
		supply AS MATERIALIZED (${supplyRows(placeId, layerKeyOf(spec))}),
		weighted AS MATERIALIZED (
			SELECT cell_id, site_id, ${weightExpression(spec)} AS w
			FROM (SELECT d.cell_id, s.site_id, d.metres / ${metresPerMinute(spec.speed)}::float8 AS minutes
			      FROM travel_distance d JOIN sites s ON s.site_key = d.site_key
			      WHERE d.place_id = ${placeId} AND d.mode = ${spec.distance}) pairs),
		demand AS MATERIALIZED (SELECT w.site_id, SUM(p.p * w.w) AS d FROM weighted w JOIN supply p ON p.cell_id = w.cell_id GROUP BY w.site_id),
		site_value AS MATERIALIZED (
			SELECT s.site_id, COALESCE(o.o, 0.0) AS o, COALESCE(dm.d, 0.0) AS d, ${siteValue} AS v
			FROM sites s LEFT JOIN opp o ON o.site_id = s.site_id LEFT JOIN demand dm ON dm.site_id = s.site_id)`;
}

export interface CellScoreRow {
	readonly cellId: string;
	readonly score: number;
}

/** A(i) for every score cell of the place, ordered by cell id. Distances must be cached first. */
export async function scoreCellsInDatabase(db: Kysely<Database>, context: ScoringContext): Promise<CellScoreRow[]> {
	const { rows } = await sql<{ cell_id: string; score: number }>`
		WITH ${scoringCtes(context)}
		SELECT c.cell_id, COALESCE(SUM(v.v * w.w), 0.0) AS score
		FROM score_cell c
		LEFT JOIN weighted w ON w.cell_id = c.cell_id
		LEFT JOIN site_value v ON v.site_id = w.site_id
		WHERE c.place_id = ${context.placeId}
		GROUP BY c.cell_id
		ORDER BY c.cell_id`.execute(db);
	return rows.map((r) => ({ cellId: r.cell_id, score: Number(r.score) }));
}

export interface SiteViewRow {
	readonly siteId: string;
	readonly opportunities: number;
	readonly demand: number;
	readonly supplyRatio: number | null;
}

/** The site view, S(j) = Σ_k P(k)·W(d(k,j)) / O(j), for every site, ordered by site id. */
export async function siteViewInDatabase(db: Kysely<Database>, context: ScoringContext): Promise<SiteViewRow[]> {
	const { rows } = await sql<{ site_id: string; o: number; d: number }>`
		WITH ${scoringCtes(context)}
		SELECT site_id, o, d FROM site_value ORDER BY site_id`.execute(db);
	return rows.map((r) => {
		const opportunities = Number(r.o);
		const demand = Number(r.d);
		return { siteId: r.site_id, opportunities, demand, supplyRatio: opportunities > 0 ? demand / opportunities : null };
	});
}

/**
 * A digest of everything a score layer depends on besides the spec: the version of each table it
 * reads (publication and published units, sites, opportunities, scenarios, the walking network,
 * reference areas, places, grids; bumped by a statement trigger on every change, migration 0006),
 * the database it came from and the place's publication. Equal digests mean equal answers, so a
 * computed layer can be served again; one indexed read, where aggregating the inputs took 3 ms.
 */
export async function scoreInputsDigest(db: Kysely<Database>, context: ScoringContext): Promise<string> {
	const { rows } = await sql<{ digest: string }>`
		SELECT concat_ws('|',
			(SELECT oid::text FROM pg_database WHERE datname = current_database()),
			(SELECT string_agg(table_name || ':' || version, ',' ORDER BY table_name) FROM data_version),
			(SELECT computed_at::text FROM publication WHERE place_id = ${context.placeId})
		) AS digest`.execute(db);
	return rows[0]!.digest;
}
