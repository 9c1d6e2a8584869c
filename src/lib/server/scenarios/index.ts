/**
 * Planners' scenarios: a named copy of a place's macro-assets and their opportunities that can be
 * changed ("the hospital opens 300 nursing posts", "this site is cancelled", "a new training centre
 * here") and scored against the baseline. Copies keep their baseline ids, so a site whose geometry
 * is unchanged reuses the baseline's cached distances.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { MACRO_ASSET_KINDS, MACRO_ASSET_STATUSES, OPPORTUNITY_KINDS, type Database } from '../db/schema';
import * as v from 'valibot';
import { int, lonLat, oneOf, text } from '../http/validate';
import { DomainError } from '../errors';
import { isUuid } from '../../domain/uuid';
import type { ScenarioChange, ScenarioDetail, ScenarioOpportunity, ScenarioSite, ScenarioSummary } from '../../contracts/scenarios';
import { placeExists, skillGroupExists } from '../assets/queries';
import {
	compareWithBaseline,
	deleteScenarioOpportunity,
	deleteScenarioRecord,
	deleteScenarioSite,
	findScenario,
	findScenarioOpportunity,
	getScenarioSummary,
	insertScenarioFromBaseline,
	insertScenarioOpportunity,
	insertScenarioSite,
	listScenarioSites,
	listScenarioSummaries,
	scenarioSiteExists,
	siteGeometryCheck,
	updateScenarioOpportunity,
	updateScenarioRecord,
	updateScenarioSite,
	type SiteLocation
} from './queries';

export type { ScenarioChange, ScenarioDetail, ScenarioOpportunity, ScenarioSite, ScenarioSummary };

const NAME = text(120);
const DESCRIPTION = v.nullable(text(2000));

/** A GeoJSON Polygon or MultiPolygon, passed on as its JSON text (PostGIS reads and repairs it). */
const GEOMETRY = v.pipe(
	v.custom<{ type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] }>((value) => {
		const g = value as { type?: unknown; coordinates?: unknown };
		return typeof value === 'object' && value !== null && (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates);
	}, 'must be a GeoJSON Polygon or MultiPolygon in WGS84'),
	v.transform((value) => JSON.stringify(value)),
	v.maxLength(50_000, 'is too detailed (over 50,000 characters); simplify it')
);

export const NEW_SCENARIO = v.strictObject({ place: text(63), name: NAME, description: v.optional(DESCRIPTION) });
export const SCENARIO_UPDATE = v.strictObject({ name: v.optional(NAME), description: v.optional(DESCRIPTION) });
export const NEW_SITE = v.strictObject({
	name: text(200),
	kind: oneOf(MACRO_ASSET_KINDS),
	status: v.optional(oneOf(MACRO_ASSET_STATUSES)),
	location: v.optional(lonLat()),
	geometry: v.optional(GEOMETRY)
});
export const SITE_UPDATE = v.strictObject({
	name: v.optional(text(200)),
	kind: v.optional(oneOf(MACRO_ASSET_KINDS)),
	status: v.optional(oneOf(MACRO_ASSET_STATUSES)),
	location: v.optional(lonLat()),
	geometry: v.optional(GEOMETRY)
});
export const NEW_OPPORTUNITY = v.strictObject({
	site: text(100),
	skillGroup: text(63),
	kind: oneOf(OPPORTUNITY_KINDS),
	title: text(300),
	count: int(1, 100_000)
});
export const OPPORTUNITY_UPDATE = v.strictObject({
	skillGroup: v.optional(text(63)),
	kind: v.optional(oneOf(OPPORTUNITY_KINDS)),
	title: v.optional(text(300)),
	count: v.optional(int(1, 100_000))
});

export type NewScenario = v.InferOutput<typeof NEW_SCENARIO>;
export type ScenarioUpdate = v.InferOutput<typeof SCENARIO_UPDATE>;
export type NewSite = v.InferOutput<typeof NEW_SITE>;
export type SiteUpdate = v.InferOutput<typeof SITE_UPDATE>;
export type NewOpportunity = v.InferOutput<typeof NEW_OPPORTUNITY>;
export type OpportunityUpdate = v.InferOutput<typeof OPPORTUNITY_UPDATE>;

export async function listScenarios(db: Kysely<Database>, placeId?: string): Promise<ScenarioSummary[]> {
	return listScenarioSummaries(db, placeId);
}

function uniqueViolation(err: unknown): boolean {
	return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/** Copies the place's baseline into a new named scenario. */
export async function createScenario(db: Kysely<Database>, userId: string | null, input: NewScenario): Promise<ScenarioDetail> {
	const place = await placeExists(db, input.place);
	if (!place) throw new DomainError('invalid', `"place" must be an existing place id; "${input.place}" is not (see GET /api/places).`);
	const id = crypto.randomUUID();
	try {
		await insertScenarioFromBaseline(db, { id, placeId: input.place, name: input.name, description: input.description ?? null, createdBy: userId });
	} catch (err) {
		if (uniqueViolation(err)) throw new DomainError('invalid', `"name": a scenario called "${input.name}" already exists for this place; choose another name.`);
		throw err;
	}
	return getScenario(db, id);
}

async function requireScenario(db: Kysely<Database>, id: string): Promise<{ id: string; placeId: string }> {
	const row = isUuid(id) ? await findScenario(db, id) : undefined;
	if (!row) throw new DomainError('not_found', `There is no scenario "${id}".`);
	return row;
}

export async function getScenario(db: Kysely<Database>, id: string): Promise<ScenarioDetail> {
	await requireScenario(db, id);
	const head = await getScenarioSummary(db, id);
	if (!head) throw new Error(`scenario ${id} vanished while it was read`);
	const sitesList = await listScenarioSites(db, id);
	return { ...head, sitesList, changes: await scenarioChanges(db, id, head.placeId) };
}

/** What differs from the baseline, site by site. */
async function scenarioChanges(db: Kysely<Database>, id: string, placeId: string): Promise<ScenarioChange[]> {
	const rows = await compareWithBaseline(db, id, placeId);
	const changes: ScenarioChange[] = [];
	for (const r of rows) {
		const { before, after } = r;
		const base = { siteId: r.siteId, siteName: r.name, opportunitiesBefore: before, opportunitiesAfter: after };
		if (!r.inBaseline) {
			changes.push({ ...base, opportunitiesBefore: 0, change: 'added', detail: `new site with ${after} opportunities` });
			continue;
		}
		if (!r.inScenario) {
			changes.push({ ...base, opportunitiesAfter: 0, change: 'removed', detail: `removed with its ${before} opportunities` });
			continue;
		}
		if (r.baseName !== null && r.baseName !== r.name) changes.push({ ...base, change: 'renamed', detail: `renamed from "${r.baseName}"` });
		if (r.moved) changes.push({ ...base, change: 'moved', detail: 'moved or reshaped' });
		if (r.status !== r.baseStatus) changes.push({ ...base, change: 'status', detail: `${r.baseStatus} → ${r.status}` });
		if (r.opportunitiesDiffer) {
			const delta = after - before;
			changes.push({ ...base, change: 'opportunities', detail: delta === 0 ? 'opportunities changed (same total)' : `${delta > 0 ? '+' : ''}${delta} opportunities (${before} → ${after})` });
		}
	}
	return changes;
}

export async function updateScenario(db: Kysely<Database>, id: string, update: ScenarioUpdate): Promise<ScenarioDetail> {
	await requireScenario(db, id);
	try {
		await updateScenarioRecord(db, id, update);
	} catch (err) {
		if (uniqueViolation(err)) throw new DomainError('invalid', `"name": another scenario of this place is already called "${update.name}".`);
		throw err;
	}
	return getScenario(db, id);
}

export async function deleteScenario(db: Kysely<Database>, id: string): Promise<void> {
	await requireScenario(db, id);
	await deleteScenarioRecord(db, id);
}

/** Sites must be near the place (within 5 km of its boundary) to be scored sensibly. */
async function checkNearPlace(db: Kysely<Database>, placeId: string, input: SiteLocation): Promise<void> {
	const row = await siteGeometryCheck(db, placeId, input, 5000);
	if (!row?.valid) throw new DomainError('invalid', '"geometry" has no area once repaired; draw the site as a polygon or give "location".');
	if (!row.near) throw new DomainError('invalid', `The site lies more than 5 km from place "${placeId}"; check the coordinates (WGS84 longitude, latitude).`);
}

function slug(name: string): string {
	const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'site';
	return `${/^[a-z0-9]/.test(base) ? base : 'site-' + base}-${crypto.randomBytes(3).toString('hex')}`;
}

export async function addSite(db: Kysely<Database>, scenarioId: string, input: NewSite): Promise<ScenarioSite> {
	const scenario = await requireScenario(db, scenarioId);
	if (!input.location === !input.geometry) throw new DomainError('invalid', 'Give exactly one of "location" ({"lon", "lat"}) or "geometry" (a GeoJSON Polygon).');
	await checkNearPlace(db, scenario.placeId, input);
	const id = slug(input.name);
	await insertScenarioSite(db, scenarioId, { ...input, id, status: input.status ?? 'proposed' });
	return (await getScenario(db, scenarioId)).sitesList.find((s) => s.id === id)!;
}

async function requireSite(db: Kysely<Database>, scenarioId: string, siteId: string): Promise<void> {
	const exists = await scenarioSiteExists(db, scenarioId, siteId);
	if (!exists) throw new DomainError('not_found', `Scenario "${scenarioId}" has no site "${siteId}".`);
}

export async function updateSite(db: Kysely<Database>, scenarioId: string, siteId: string, update: SiteUpdate): Promise<ScenarioSite> {
	const scenario = await requireScenario(db, scenarioId);
	await requireSite(db, scenarioId, siteId);
	if (update.location && update.geometry) throw new DomainError('invalid', 'Give at most one of "location" or "geometry".');
	if (update.location || update.geometry) await checkNearPlace(db, scenario.placeId, update);
	await updateScenarioSite(db, scenarioId, siteId, update);
	return (await getScenario(db, scenarioId)).sitesList.find((s) => s.id === siteId)!;
}

export async function removeSite(db: Kysely<Database>, scenarioId: string, siteId: string): Promise<void> {
	await requireScenario(db, scenarioId);
	await requireSite(db, scenarioId, siteId);
	await deleteScenarioSite(db, scenarioId, siteId);
}

async function checkSkill(db: Kysely<Database>, skill: string): Promise<void> {
	const exists = await skillGroupExists(db, skill);
	if (!exists) throw new DomainError('invalid', `"skillGroup" must be a skill group id (see GET /api/skill-groups); "${skill}" is not one.`);
}

export async function addOpportunity(db: Kysely<Database>, scenarioId: string, input: NewOpportunity): Promise<ScenarioOpportunity> {
	await requireScenario(db, scenarioId);
	const site = await scenarioSiteExists(db, scenarioId, input.site);
	if (!site) throw new DomainError('invalid', `"site" must be one of this scenario's sites; "${input.site}" is not.`);
	await checkSkill(db, input.skillGroup);
	const id = `added-${crypto.randomBytes(6).toString('hex')}`;
	const opportunity: ScenarioOpportunity = { id, siteId: input.site, opportunityId: null, skillGroupId: input.skillGroup, kind: input.kind, title: input.title, count: input.count };
	await insertScenarioOpportunity(db, scenarioId, opportunity);
	return opportunity;
}

async function requireOpportunity(db: Kysely<Database>, scenarioId: string, id: string): Promise<ScenarioOpportunity> {
	const row = await findScenarioOpportunity(db, scenarioId, id);
	if (!row) throw new DomainError('not_found', `Scenario "${scenarioId}" has no opportunity "${id}".`);
	return row;
}

export async function updateOpportunity(db: Kysely<Database>, scenarioId: string, id: string, update: OpportunityUpdate): Promise<ScenarioOpportunity> {
	await requireScenario(db, scenarioId);
	await requireOpportunity(db, scenarioId, id);
	if (update.skillGroup) await checkSkill(db, update.skillGroup);
	await updateScenarioOpportunity(db, scenarioId, id, update);
	return requireOpportunity(db, scenarioId, id);
}

export async function removeOpportunity(db: Kysely<Database>, scenarioId: string, id: string): Promise<void> {
	await requireScenario(db, scenarioId);
	await requireOpportunity(db, scenarioId, id);
	await deleteScenarioOpportunity(db, scenarioId, id);
}
