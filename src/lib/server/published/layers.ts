/**
 * Published layers of resident skills, for the map, the API and (later) OGC clients.
 * Reads only the published tables; the restricted module is asked to (re)build them when stale,
 * and hands back nothing but that promise.
 */
import type { Kysely } from 'kysely';
import type { ResidentLayer, ResidentLayerProperties } from '../../contracts/layers';
import { ALL_SKILLS, filterKey, type Readiness } from '../../domain/privacy/filters';
import { config } from '../config';
import type { Database } from '../db/schema';
import { SharedMemo } from '../cache/shared-memo';
import { malformed } from '../errors';
import { ensurePublication } from '../restricted/publication';
import { requirePlace, skillGroupExists } from '../assets/queries';
import { readPublication, readPublishedTotal, readPublishedUnits, readSuppressionRecords } from './queries';

export interface ResidentLayerQuery {
	placeId: string;
	skill: string;
	readiness: Readiness;
}

export type { ResidentLayer, ResidentLayerProperties };

export async function getResidentLayer(db: Kysely<Database>, query: ResidentLayerQuery): Promise<ResidentLayer> {
	await requirePlace(db, query.placeId);
	if (query.skill !== ALL_SKILLS && !(await skillGroupExists(db, query.skill))) {
		throw malformed(`skill must be "all" or a skill group id; "${query.skill}" is not one.`);
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
		readPublication(db, query.placeId),
		readPublishedTotal(db, query.placeId, key),
		readPublishedUnits(db, query.placeId, key)
	]);
	// ensurePublication has just built it; its absence is a bug, not a request's mistake.
	if (!publication) throw new Error(`place ${query.placeId} has no publication after ensurePublication`);
	return {
		type: 'FeatureCollection',
		filter: { place: query.placeId, skill: query.skill, readiness: query.readiness },
		total: total ?? 0,
		k: publication.k,
		roundingBase: publication.roundingBase,
		synthetic: publication.synthetic,
		computedAt: publication.computedAt,
		features: units.map((u) => ({
			type: 'Feature',
			id: u.unitId,
			geometry: u.geometry,
			properties: { unit: u.unitId, level: u.level, count: u.count, suppressed: u.count === null }
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
	const row = await readPublication(db, placeId);
	return row && { k: row.k, roundingBase: row.roundingBase, synthetic: row.synthetic };
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
	const publication = await readPublication(db, placeId);
	if (!publication) return undefined;
	const entries = await readSuppressionRecords(db, placeId, filter);
	const byReason: Record<string, number> = {};
	for (const e of entries) byReason[e.reason] = (byReason[e.reason] ?? 0) + 1;
	return {
		placeId,
		k: publication.k,
		roundingBase: publication.roundingBase,
		records: publication.records,
		recordsPublished: publication.recordsPublished,
		computedAt: publication.computedAt,
		computeMs: publication.computeMs,
		entries,
		byReason
	};
}
