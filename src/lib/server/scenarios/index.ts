/**
 * Planners' scenarios: a named copy of a place's macro-assets and their opportunities that can be
 * changed ("the hospital opens 300 nursing posts", "this site is cancelled", "a new training centre
 * here") and scored against the baseline. Copies keep their baseline ids, so a site whose geometry
 * is unchanged reuses the baseline's cached distances.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { MACRO_ASSET_KINDS, MACRO_ASSET_STATUSES, OPPORTUNITY_KINDS, type Database, type MacroAssetKind, type MacroAssetStatus, type OpportunityKind } from '../db/schema';
import { checks, FieldProblem, parseObject, type FieldCheck } from '../http/body';
import { ApiError } from '../http/errors';
import { isUuid } from '../../domain/uuid';

export interface ScenarioSummary {
	id: string;
	placeId: string;
	name: string;
	description: string | null;
	createdBy: string | null;
	createdAt: string;
	updatedAt: string;
	sites: number;
	opportunities: number;
}

export interface ScenarioSite {
	id: string;
	macroAssetId: string | null;
	name: string;
	kind: MacroAssetKind;
	status: MacroAssetStatus;
	/** Centre (point on surface) in WGS84. */
	lon: number;
	lat: number;
	opportunities: ScenarioOpportunity[];
}

export interface ScenarioOpportunity {
	id: string;
	siteId: string;
	opportunityId: string | null;
	skillGroupId: string;
	kind: OpportunityKind;
	title: string;
	count: number;
}

/** One difference from the baseline, in words a planner would use. */
export interface ScenarioChange {
	siteId: string;
	siteName: string;
	change: 'added' | 'removed' | 'moved' | 'renamed' | 'status' | 'opportunities';
	detail: string;
	opportunitiesBefore: number;
	opportunitiesAfter: number;
}

export interface ScenarioDetail extends ScenarioSummary {
	sitesList: ScenarioSite[];
	changes: ScenarioChange[];
}

const NAME = checks.string(120);
const DESCRIPTION = checks.nullable(checks.string(2000));

const geometryCheck: FieldCheck<string> = (value) => {
	const g = value as { type?: unknown; coordinates?: unknown };
	if (typeof value !== 'object' || value === null || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
		throw new FieldProblem('must be a GeoJSON Polygon or MultiPolygon in WGS84');
	}
	const text = JSON.stringify(value);
	if (text.length > 50_000) throw new FieldProblem('is too detailed (over 50,000 characters); simplify it');
	return text;
};

export const NEW_SCENARIO_SHAPE = { place: { check: checks.string(63) }, name: { check: NAME }, description: { check: DESCRIPTION, optional: true } } as const;
export const SCENARIO_UPDATE_SHAPE = { name: { check: NAME, optional: true }, description: { check: DESCRIPTION, optional: true } } as const;
export const NEW_SITE_SHAPE = {
	name: { check: checks.string(200) },
	kind: { check: checks.oneOf(MACRO_ASSET_KINDS) },
	status: { check: checks.oneOf(MACRO_ASSET_STATUSES), optional: true },
	location: { check: checks.lonLat(), optional: true },
	geometry: { check: geometryCheck, optional: true }
} as const;
export const SITE_UPDATE_SHAPE = {
	name: { check: checks.string(200), optional: true },
	kind: { check: checks.oneOf(MACRO_ASSET_KINDS), optional: true },
	status: { check: checks.oneOf(MACRO_ASSET_STATUSES), optional: true },
	location: { check: checks.lonLat(), optional: true },
	geometry: { check: geometryCheck, optional: true }
} as const;
export const NEW_OPPORTUNITY_SHAPE = {
	site: { check: checks.string(100) },
	skillGroup: { check: checks.string(63) },
	kind: { check: checks.oneOf(OPPORTUNITY_KINDS) },
	title: { check: checks.string(300) },
	count: { check: checks.integer(1, 100_000) }
} as const;
export const OPPORTUNITY_UPDATE_SHAPE = {
	skillGroup: { check: checks.string(63), optional: true },
	kind: { check: checks.oneOf(OPPORTUNITY_KINDS), optional: true },
	title: { check: checks.string(300), optional: true },
	count: { check: checks.integer(1, 100_000), optional: true }
} as const;

export type NewScenario = ReturnType<typeof parseObject<typeof NEW_SCENARIO_SHAPE>>;
export type ScenarioUpdate = ReturnType<typeof parseObject<typeof SCENARIO_UPDATE_SHAPE>>;
export type NewSite = ReturnType<typeof parseObject<typeof NEW_SITE_SHAPE>>;
export type SiteUpdate = ReturnType<typeof parseObject<typeof SITE_UPDATE_SHAPE>>;
export type NewOpportunity = ReturnType<typeof parseObject<typeof NEW_OPPORTUNITY_SHAPE>>;
export type OpportunityUpdate = ReturnType<typeof parseObject<typeof OPPORTUNITY_UPDATE_SHAPE>>;

function summary(row: {
	id: string;
	place_id: string;
	name: string;
	description: string | null;
	created_by_name: string | null;
	created_at: Date | string;
	updated_at: Date | string;
	sites: number | string;
	opportunities: number | string;
}): ScenarioSummary {
	return {
		id: row.id,
		placeId: row.place_id,
		name: row.name,
		description: row.description,
		createdBy: row.created_by_name,
		createdAt: new Date(row.created_at).toISOString(),
		updatedAt: new Date(row.updated_at).toISOString(),
		sites: Number(row.sites),
		opportunities: Number(row.opportunities)
	};
}

function summaryQuery(db: Kysely<Database>) {
	return db
		.selectFrom('scenario as s')
		.leftJoin('app_user as u', 'u.id', 's.created_by')
		.select([
			's.id',
			's.place_id',
			's.name',
			's.description',
			'u.display_name as created_by_name',
			's.created_at',
			's.updated_at',
			sql<number>`(SELECT count(*) FROM scenario_site x WHERE x.scenario_id = s.id AND x.status <> 'cancelled')`.as('sites'),
			sql<number>`(SELECT COALESCE(sum(o.count), 0) FROM scenario_opportunity o JOIN scenario_site x ON x.scenario_id = o.scenario_id AND x.id = o.site_id
			             WHERE o.scenario_id = s.id AND x.status <> 'cancelled')`.as('opportunities')
		]);
}

export async function listScenarios(db: Kysely<Database>, placeId?: string): Promise<ScenarioSummary[]> {
	let query = summaryQuery(db);
	if (placeId) query = query.where('s.place_id', '=', placeId);
	return (await query.orderBy('s.updated_at', 'desc').orderBy('s.name').execute()).map(summary);
}

function uniqueViolation(err: unknown): boolean {
	return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/** Copies the place's baseline into a new named scenario. */
export async function createScenario(db: Kysely<Database>, userId: string | null, input: NewScenario): Promise<ScenarioDetail> {
	const place = await db.selectFrom('place').select('id').where('id', '=', input.place).executeTakeFirst();
	if (!place) throw new ApiError('unprocessable', `"place" must be an existing place id; "${input.place}" is not (see GET /api/places).`);
	const id = crypto.randomUUID();
	try {
		await db.transaction().execute(async (trx) => {
			await trx.insertInto('scenario').values({ id, place_id: input.place, name: input.name, description: input.description ?? null, created_by: userId }).execute();
			await sql`
				INSERT INTO scenario_site (scenario_id, id, macro_asset_id, name, kind, status, geom)
				SELECT ${id}::uuid, id, id, name, kind, status, geom FROM macro_asset WHERE place_id = ${input.place}`.execute(trx);
			await sql`
				INSERT INTO scenario_opportunity (scenario_id, id, site_id, opportunity_id, skill_group_id, kind, title, count)
				SELECT ${id}::uuid, o.id, o.macro_asset_id, o.id, o.skill_group_id, o.kind, o.title, o.count
				FROM opportunity o JOIN macro_asset m ON m.id = o.macro_asset_id WHERE m.place_id = ${input.place}`.execute(trx);
		});
	} catch (err) {
		if (uniqueViolation(err)) throw new ApiError('unprocessable', `"name": a scenario called "${input.name}" already exists for this place; choose another name.`);
		throw err;
	}
	return getScenario(db, id);
}

async function requireScenario(db: Kysely<Database>, id: string): Promise<{ id: string; place_id: string }> {
	const row = isUuid(id) ? await db.selectFrom('scenario').select(['id', 'place_id']).where('id', '=', id).executeTakeFirst() : undefined;
	if (!row) throw new ApiError('not_found', `There is no scenario "${id}".`);
	return row;
}

export async function getScenario(db: Kysely<Database>, id: string): Promise<ScenarioDetail> {
	await requireScenario(db, id);
	const head = summary(await summaryQuery(db).where('s.id', '=', id).executeTakeFirstOrThrow());
	const [sites, opportunities] = await Promise.all([
		sql<{ id: string; macro_asset_id: string | null; name: string; kind: MacroAssetKind; status: MacroAssetStatus; lon: number; lat: number }>`
			SELECT id, macro_asset_id, name, kind, status, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
			FROM scenario_site WHERE scenario_id = ${id} ORDER BY name, id`.execute(db),
		db.selectFrom('scenario_opportunity').selectAll().where('scenario_id', '=', id).orderBy('site_id').orderBy('skill_group_id').orderBy('id').execute()
	]);
	const bySite = new Map<string, ScenarioOpportunity[]>();
	for (const o of opportunities) {
		const list = bySite.get(o.site_id) ?? [];
		list.push({ id: o.id, siteId: o.site_id, opportunityId: o.opportunity_id, skillGroupId: o.skill_group_id, kind: o.kind, title: o.title, count: o.count });
		bySite.set(o.site_id, list);
	}
	const sitesList = sites.rows.map((s) => ({
		id: s.id,
		macroAssetId: s.macro_asset_id,
		name: s.name,
		kind: s.kind,
		status: s.status,
		lon: Number(s.lon),
		lat: Number(s.lat),
		opportunities: bySite.get(s.id) ?? []
	}));
	return { ...head, sitesList, changes: await scenarioChanges(db, id, head.placeId) };
}

/** What differs from the baseline, site by site. */
async function scenarioChanges(db: Kysely<Database>, id: string, placeId: string): Promise<ScenarioChange[]> {
	const { rows } = await sql<{
		site_id: string;
		name: string;
		base_name: string | null;
		in_scenario: boolean;
		in_baseline: boolean;
		moved: boolean;
		status: string | null;
		base_status: string | null;
		after: number;
		before: number;
		opportunities_differ: boolean;
	}>`
		WITH s AS (SELECT * FROM scenario_site WHERE scenario_id = ${id}),
		     b AS (SELECT * FROM macro_asset WHERE place_id = ${placeId}),
		     so AS (SELECT site_id, opportunity_id, skill_group_id, kind, title, count FROM scenario_opportunity WHERE scenario_id = ${id}),
		     bo AS (SELECT o.macro_asset_id AS site_id, o.id AS opportunity_id, o.skill_group_id, o.kind, o.title, o.count FROM opportunity o JOIN b ON b.id = o.macro_asset_id)
		SELECT COALESCE(s.id, b.id) AS site_id, COALESCE(s.name, b.name) AS name, b.name AS base_name,
		       s.id IS NOT NULL AS in_scenario, b.id IS NOT NULL AS in_baseline,
		       (s.id IS NOT NULL AND b.id IS NOT NULL AND NOT ST_Equals(s.geom, b.geom)) AS moved,
		       s.status, b.status AS base_status,
		       COALESCE((SELECT sum(count) FROM so WHERE so.site_id = s.id), 0) AS after,
		       COALESCE((SELECT sum(count) FROM bo WHERE bo.site_id = b.id), 0) AS before,
		       EXISTS ((SELECT opportunity_id, skill_group_id, kind, title, count FROM so WHERE so.site_id = s.id
		                EXCEPT SELECT opportunity_id, skill_group_id, kind, title, count FROM bo WHERE bo.site_id = b.id)
		               UNION ALL
		               (SELECT opportunity_id, skill_group_id, kind, title, count FROM bo WHERE bo.site_id = b.id
		                EXCEPT SELECT opportunity_id, skill_group_id, kind, title, count FROM so WHERE so.site_id = s.id)) AS opportunities_differ
		FROM s FULL JOIN b ON b.id = s.macro_asset_id
		ORDER BY 2`.execute(db);
	const changes: ScenarioChange[] = [];
	for (const r of rows) {
		const before = Number(r.before);
		const after = Number(r.after);
		const base = { siteId: r.site_id, siteName: r.name, opportunitiesBefore: before, opportunitiesAfter: after };
		if (!r.in_baseline) {
			changes.push({ ...base, opportunitiesBefore: 0, change: 'added', detail: `new site with ${after} opportunities` });
			continue;
		}
		if (!r.in_scenario) {
			changes.push({ ...base, opportunitiesAfter: 0, change: 'removed', detail: `removed with its ${before} opportunities` });
			continue;
		}
		if (r.base_name !== null && r.base_name !== r.name) changes.push({ ...base, change: 'renamed', detail: `renamed from "${r.base_name}"` });
		if (r.moved) changes.push({ ...base, change: 'moved', detail: 'moved or reshaped' });
		if (r.status !== r.base_status) changes.push({ ...base, change: 'status', detail: `${r.base_status} → ${r.status}` });
		if (r.opportunities_differ) {
			const delta = after - before;
			changes.push({ ...base, change: 'opportunities', detail: delta === 0 ? 'opportunities changed (same total)' : `${delta > 0 ? '+' : ''}${delta} opportunities (${before} → ${after})` });
		}
	}
	return changes;
}

export async function updateScenario(db: Kysely<Database>, id: string, update: ScenarioUpdate): Promise<ScenarioDetail> {
	await requireScenario(db, id);
	try {
		await db
			.updateTable('scenario')
			.set({ ...(update.name ? { name: update.name } : {}), ...(update.description !== undefined ? { description: update.description } : {}), updated_at: sql<Date>`now()` })
			.where('id', '=', id)
			.execute();
	} catch (err) {
		if (uniqueViolation(err)) throw new ApiError('unprocessable', `"name": another scenario of this place is already called "${update.name}".`);
		throw err;
	}
	return getScenario(db, id);
}

export async function deleteScenario(db: Kysely<Database>, id: string): Promise<void> {
	await requireScenario(db, id);
	await db.deleteFrom('scenario').where('id', '=', id).execute();
}

function touch(db: Kysely<Database>, id: string) {
	return db.updateTable('scenario').set({ updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/** A site's geometry SQL from a point (a 40 m circle, the footprint of a building) or a polygon. */
function siteGeometry(input: { location?: { lon: number; lat: number }; geometry?: string }) {
	if (input.geometry) return sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${input.geometry}), 4326)), 3))`;
	const { lon, lat } = input.location!;
	return sql`ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)::geography, 40, 8)::geometry)`;
}

/** Sites must be near the place (within 5 km of its boundary) to be scored sensibly. */
async function checkNearPlace(db: Kysely<Database>, placeId: string, input: { location?: { lon: number; lat: number }; geometry?: string }): Promise<void> {
	const { rows } = await sql<{ near: boolean; valid: boolean }>`
		SELECT ST_DWithin(p.boundary::geography, g::geography, 5000) AS near, NOT ST_IsEmpty(g) AS valid
		FROM place p, (SELECT ${siteGeometry(input)} AS g) x WHERE p.id = ${placeId}`.execute(db);
	const row = rows[0];
	if (!row?.valid) throw new ApiError('unprocessable', '"geometry" has no area once repaired; draw the site as a polygon or give "location".');
	if (!row.near) throw new ApiError('unprocessable', `The site lies more than 5 km from place "${placeId}"; check the coordinates (WGS84 longitude, latitude).`);
}

function slug(name: string): string {
	const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'site';
	return `${/^[a-z0-9]/.test(base) ? base : 'site-' + base}-${crypto.randomBytes(3).toString('hex')}`;
}

export async function addSite(db: Kysely<Database>, scenarioId: string, input: NewSite): Promise<ScenarioSite> {
	const scenario = await requireScenario(db, scenarioId);
	if (!input.location === !input.geometry) throw new ApiError('unprocessable', 'Give exactly one of "location" ({"lon", "lat"}) or "geometry" (a GeoJSON Polygon).');
	await checkNearPlace(db, scenario.place_id, input);
	const id = slug(input.name);
	await db.transaction().execute(async (trx) => {
		await sql`
			INSERT INTO scenario_site (scenario_id, id, macro_asset_id, name, kind, status, geom)
			VALUES (${scenarioId}::uuid, ${id}, NULL, ${input.name}, ${input.kind}, ${input.status ?? 'proposed'}, ${siteGeometry(input)})`.execute(trx);
		await touch(trx, scenarioId);
	});
	return (await getScenario(db, scenarioId)).sitesList.find((s) => s.id === id)!;
}

async function requireSite(db: Kysely<Database>, scenarioId: string, siteId: string): Promise<void> {
	const row = await db.selectFrom('scenario_site').select('id').where('scenario_id', '=', scenarioId).where('id', '=', siteId).executeTakeFirst();
	if (!row) throw new ApiError('not_found', `Scenario "${scenarioId}" has no site "${siteId}".`);
}

export async function updateSite(db: Kysely<Database>, scenarioId: string, siteId: string, update: SiteUpdate): Promise<ScenarioSite> {
	const scenario = await requireScenario(db, scenarioId);
	await requireSite(db, scenarioId, siteId);
	if (update.location && update.geometry) throw new ApiError('unprocessable', 'Give at most one of "location" or "geometry".');
	if (update.location || update.geometry) await checkNearPlace(db, scenario.place_id, update);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('scenario_site')
			.set({
				...(update.name ? { name: update.name } : {}),
				...(update.kind ? { kind: update.kind } : {}),
				...(update.status ? { status: update.status } : {}),
				...(update.location || update.geometry ? { geom: siteGeometry(update) } : {})
			})
			.where('scenario_id', '=', scenarioId)
			.where('id', '=', siteId)
			.execute();
		await touch(trx, scenarioId);
	});
	return (await getScenario(db, scenarioId)).sitesList.find((s) => s.id === siteId)!;
}

export async function removeSite(db: Kysely<Database>, scenarioId: string, siteId: string): Promise<void> {
	await requireScenario(db, scenarioId);
	await requireSite(db, scenarioId, siteId);
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('scenario_site').where('scenario_id', '=', scenarioId).where('id', '=', siteId).execute();
		await touch(trx, scenarioId);
	});
}

async function checkSkill(db: Kysely<Database>, skill: string): Promise<void> {
	const row = await db.selectFrom('skill_group').select('id').where('id', '=', skill).executeTakeFirst();
	if (!row) throw new ApiError('unprocessable', `"skillGroup" must be a skill group id (see GET /api/skill-groups); "${skill}" is not one.`);
}

export async function addOpportunity(db: Kysely<Database>, scenarioId: string, input: NewOpportunity): Promise<ScenarioOpportunity> {
	await requireScenario(db, scenarioId);
	const site = await db.selectFrom('scenario_site').select('id').where('scenario_id', '=', scenarioId).where('id', '=', input.site).executeTakeFirst();
	if (!site) throw new ApiError('unprocessable', `"site" must be one of this scenario's sites; "${input.site}" is not.`);
	await checkSkill(db, input.skillGroup);
	const id = `added-${crypto.randomBytes(6).toString('hex')}`;
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('scenario_opportunity')
			.values({ scenario_id: scenarioId, id, site_id: input.site, opportunity_id: null, skill_group_id: input.skillGroup, kind: input.kind, title: input.title, count: input.count })
			.execute();
		await touch(trx, scenarioId);
	});
	return { id, siteId: input.site, opportunityId: null, skillGroupId: input.skillGroup, kind: input.kind, title: input.title, count: input.count };
}

async function requireOpportunity(db: Kysely<Database>, scenarioId: string, id: string) {
	const row = await db.selectFrom('scenario_opportunity').selectAll().where('scenario_id', '=', scenarioId).where('id', '=', id).executeTakeFirst();
	if (!row) throw new ApiError('not_found', `Scenario "${scenarioId}" has no opportunity "${id}".`);
	return row;
}

export async function updateOpportunity(db: Kysely<Database>, scenarioId: string, id: string, update: OpportunityUpdate): Promise<ScenarioOpportunity> {
	await requireScenario(db, scenarioId);
	await requireOpportunity(db, scenarioId, id);
	if (update.skillGroup) await checkSkill(db, update.skillGroup);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('scenario_opportunity')
			.set({
				...(update.skillGroup ? { skill_group_id: update.skillGroup } : {}),
				...(update.kind ? { kind: update.kind } : {}),
				...(update.title ? { title: update.title } : {}),
				...(update.count !== undefined ? { count: update.count } : {})
			})
			.where('scenario_id', '=', scenarioId)
			.where('id', '=', id)
			.execute();
		await touch(trx, scenarioId);
	});
	const o = await requireOpportunity(db, scenarioId, id);
	return { id: o.id, siteId: o.site_id, opportunityId: o.opportunity_id, skillGroupId: o.skill_group_id, kind: o.kind, title: o.title, count: o.count };
}

export async function removeOpportunity(db: Kysely<Database>, scenarioId: string, id: string): Promise<void> {
	await requireScenario(db, scenarioId);
	await requireOpportunity(db, scenarioId, id);
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('scenario_opportunity').where('scenario_id', '=', scenarioId).where('id', '=', id).execute();
		await touch(trx, scenarioId);
	});
}
