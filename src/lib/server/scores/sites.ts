/**
 * The opportunity sites j a score is computed over: the place's macro-assets (the baseline) or a
 * scenario's copy of them. Each is offered as an SQL fragment so that the scoring query, the
 * distance cache and the reference loader all read exactly the same rows.
 * A cancelled site offers nothing and is left out.
 */
import { sql, type RawBuilder } from 'kysely';

export interface SiteSource {
	readonly placeId: string;
	/** null = the baseline. */
	readonly scenarioId: string | null;
}

/** Rows (site_id, name, kind, status, geom, site_key): site_key is the md5 of the geometry's EWKB. */
export function siteRows(source: SiteSource): RawBuilder<unknown> {
	return source.scenarioId === null
		? sql`SELECT id AS site_id, name, kind, status, geom, md5(ST_AsEWKB(geom)) AS site_key
			FROM macro_asset WHERE place_id = ${source.placeId} AND status <> 'cancelled'`
		: sql`SELECT s.id AS site_id, s.name, s.kind, s.status, s.geom, md5(ST_AsEWKB(s.geom)) AS site_key
			FROM scenario_site s JOIN scenario sc ON sc.id = s.scenario_id
			WHERE s.scenario_id = ${source.scenarioId} AND sc.place_id = ${source.placeId} AND s.status <> 'cancelled'`;
}

/** Rows (site_id, skill_group_id, kind, count) of the sites' opportunities. */
export function opportunityRows(source: SiteSource): RawBuilder<unknown> {
	return source.scenarioId === null
		? sql`SELECT o.macro_asset_id AS site_id, o.skill_group_id, o.kind, o.count
			FROM opportunity o JOIN macro_asset m ON m.id = o.macro_asset_id WHERE m.place_id = ${source.placeId}`
		: sql`SELECT site_id, skill_group_id, kind, count FROM scenario_opportunity WHERE scenario_id = ${source.scenarioId}`;
}
