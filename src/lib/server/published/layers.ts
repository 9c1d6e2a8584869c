/**
 * Published layers of resident skills, for the map, the API and (later) OGC clients.
 * Reads only the published tables; the restricted module is asked to (re)build them when stale,
 * and hands back nothing but that promise.
 */
import { sql, type Kysely } from 'kysely';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { READINESS, ALL_SKILLS, filterKey, type Readiness } from '../../domain/privacy/filters';
import { config } from '../config';
import type { Database, PublishedLevel } from '../db/schema';
import { SharedMemo } from '../cache/shared-memo';
import { ApiError } from '../http/errors';
import { ensurePublication } from '../restricted/publication';

export interface ResidentLayerQuery {
	placeId: string;
	skill: string;
	readiness: Readiness;
}

export interface ResidentLayerProperties {
	unit: string;
	level: PublishedLevel;
	/** Rounded count, or null when withheld. */
	count: number | null;
	suppressed: boolean;
}

export type ResidentLayer = FeatureCollection<MultiPolygon, ResidentLayerProperties> & {
	filter: { place: string; skill: string; readiness: Readiness };
	total: number | null;
	k: number;
	roundingBase: number;
	synthetic: boolean;
	computedAt: string;
};

export function parseReadiness(value: string | null): Readiness {
	const readiness = value ?? 'any';
	if (!(READINESS as readonly string[]).includes(readiness)) {
		throw new ApiError('bad_request', `readiness must be one of ${READINESS.join(', ')}.`);
	}
	return readiness as Readiness;
}

export async function getResidentLayer(db: Kysely<Database>, query: ResidentLayerQuery): Promise<ResidentLayer> {
	const place = await db.selectFrom('place').select('id').where('id', '=', query.placeId).executeTakeFirst();
	if (!place) throw new ApiError('not_found', `There is no place "${query.placeId}".`);
	if (query.skill !== ALL_SKILLS) {
		const skill = await db.selectFrom('skill_group').select('id').where('id', '=', query.skill).executeTakeFirst();
		if (!skill) throw new ApiError('bad_request', `skill must be "all" or a skill group id; "${query.skill}" is not one.`);
	}
	const cfg = config();
	const stamp = await ensurePublication(db, query.placeId, { k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase });
	const key = filterKey({ skill: query.skill, readiness: query.readiness });
	// A publication never changes once built (a change of records replaces it), so its layers can be
	// kept by (place, filter, computed_at): many clients asking for one layer cost one query.
	const memoKey = `${query.placeId}|${key}|${stamp ?? ''}`;
	return layerMemo.get(memoKey, () => readResidentLayer(db, query, key));
}

const layerMemo = new SharedMemo<ResidentLayer>(64);

async function readResidentLayer(db: Kysely<Database>, query: ResidentLayerQuery, key: string): Promise<ResidentLayer> {
	const [publication, total, units] = await Promise.all([
		db
			.selectFrom('publication')
			.select(['k', 'rounding_base', 'synthetic', 'computed_at'])
			.where('place_id', '=', query.placeId)
			.executeTakeFirstOrThrow(),
		db
			.selectFrom('published_total')
			.select('total')
			.where('place_id', '=', query.placeId)
			.where('filter_key', '=', key)
			.executeTakeFirst(),
		db
			.selectFrom('published_unit')
			.select(['unit_id', 'level', 'count', sql<MultiPolygon>`ST_AsGeoJSON(geom, 6)::json`.as('geometry')])
			.where('place_id', '=', query.placeId)
			.where('filter_key', '=', key)
			.orderBy('unit_id')
			.execute()
	]);
	return {
		type: 'FeatureCollection',
		filter: { place: query.placeId, skill: query.skill, readiness: query.readiness },
		total: total?.total ?? 0,
		k: publication.k,
		roundingBase: publication.rounding_base,
		synthetic: publication.synthetic,
		computedAt: new Date(publication.computed_at).toISOString(),
		features: units.map((u) => ({
			type: 'Feature',
			id: u.unit_id,
			geometry: typeof u.geometry === 'string' ? (JSON.parse(u.geometry) as MultiPolygon) : u.geometry,
			properties: { unit: u.unit_id, level: u.level, count: u.count, suppressed: u.count === null }
		}))
	};
}

/** How a place's resident layers were last published: the threshold, the rounding, and whether the population is synthetic. */
export interface PublicationInfo {
	k: number;
	roundingBase: number;
	synthetic: boolean;
}

/** The place's current publication, or undefined before one is built (ensurePublication builds it). */
export async function getPublicationInfo(db: Kysely<Database>, placeId: string): Promise<PublicationInfo | undefined> {
	const row = await db.selectFrom('publication').select(['k', 'rounding_base', 'synthetic']).where('place_id', '=', placeId).executeTakeFirst();
	return row && { k: row.k, roundingBase: row.rounding_base, synthetic: row.synthetic };
}

export interface SuppressionOverview {
	placeId: string;
	k: number;
	roundingBase: number;
	records: number;
	recordsPublished: number;
	computedAt: string;
	computeMs: number;
	entries: { filterKey: string; unitId: string; level: string; reason: string; countBand: string }[];
	byReason: Record<string, number>;
}

/** For administrators: what each place's publication withheld and why. */
export async function getSuppressionOverview(db: Kysely<Database>, placeId: string, filter?: string): Promise<SuppressionOverview | undefined> {
	const cfg = config();
	await ensurePublication(db, placeId, { k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase });
	const publication = await db.selectFrom('publication').selectAll().where('place_id', '=', placeId).executeTakeFirst();
	if (!publication) return undefined;
	let q = db
		.selectFrom('suppression_record')
		.select(['filter_key', 'unit_id', 'level', 'reason', 'count_band'])
		.where('place_id', '=', placeId)
		.orderBy('filter_key')
		.orderBy('unit_id');
	if (filter) q = q.where('filter_key', '=', filter);
	const entries = await q.execute();
	const byReason: Record<string, number> = {};
	for (const e of entries) byReason[e.reason] = (byReason[e.reason] ?? 0) + 1;
	return {
		placeId,
		k: publication.k,
		roundingBase: publication.rounding_base,
		records: publication.records,
		recordsPublished: publication.records_published,
		computedAt: new Date(publication.computed_at).toISOString(),
		computeMs: publication.compute_ms,
		entries: entries.map((e) => ({ filterKey: e.filter_key, unitId: e.unit_id, level: e.level, reason: e.reason, countBand: e.count_band })),
		byReason
	};
}
