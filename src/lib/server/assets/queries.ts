/**
 * Reads of the public asset layers: places, macro-assets (capital projects), community hubs and
 * social enterprises. The only module that builds SQL for them; it returns domain types, never rows.
 * Geometry leaves the database as GeoJSON with 6 decimals (about 0.1 m), `ST_AsGeoJSON(geom, 6)`.
 */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { MultiPolygon, Point } from 'geojson';
import type { Consortium, Database, HubType, MacroAssetKind, MacroAssetStatus, OpportunityKind } from '../db/schema';
import { isLiveOpportunity } from '../opportunities/queries';
import type { BBox, Timeline } from '../../contracts/sites';
import { notFound } from '../errors';

export type { BBox, Timeline };

export interface PlaceSummary {
	id: string;
	name: string;
	description: string | null;
	/** EPSG code of the projected CRS in metres that distances in this place are measured in. */
	projectedSrid: number;
	source: string | null;
	bbox: BBox;
}

export interface Place extends PlaceSummary {
	boundary: MultiPolygon;
}

export interface MacroAsset {
	id: string;
	placeId: string;
	name: string;
	kind: MacroAssetKind;
	status: MacroAssetStatus;
	description: string | null;
	timeline: Timeline;
	investmentGbp: number | null;
	homes: number | null;
	jobs: number | null;
	owners: string[];
	partners: string[];
	source: string | null;
	/** Names of the figures that are illustrative rather than public facts. */
	illustrative: string[];
	geometry: MultiPolygon;
	bbox: BBox;
	/** A point guaranteed inside the polygon (ST_PointOnSurface), for labels. */
	labelPoint: [number, number];
}

export interface CommunityHub {
	id: string;
	placeId: string;
	name: string;
	hubType: HubType;
	address: string | null;
	description: string | null;
	positionAccuracyM: number | null;
	source: string | null;
	geometry: Point;
}

export interface SocialEnterprise {
	id: string;
	placeId: string;
	name: string;
	consortium: Consortium;
	offers: string | null;
	needs: string | null;
	employees: number | null;
	synthetic: boolean;
	source: string | null;
	geometry: Point;
}

type Db = Kysely<Database>;

/** GeoJSON of a geometry column, parsed by both drivers from json into an object. */
function asGeoJson(column: string): RawBuilder<unknown> {
	return sql`ST_AsGeoJSON(${sql.ref(column)}, 6)::json`;
}

/** The column's bounding box as [west, south, east, north], in one float8[] value. */
function bboxOf(column: string): RawBuilder<number[]> {
	const c = sql.ref(column);
	return sql<number[]>`ARRAY[ST_XMin(${c}::box3d), ST_YMin(${c}::box3d), ST_XMax(${c}::box3d), ST_YMax(${c}::box3d)]::float8[]`;
}

/**
 * Names sort the same on every server: lower-cased, then byte order ("C" collation), rather than
 * the server's locale, which differs between PGlite and Debian's PostgreSQL.
 */
const byName = sql`lower(name) COLLATE "C"`;

const MICRO_DEGREES = 1e6;

/** Rounds a box outward to 6 decimals so that it still contains the geometry. */
function toBBox(raw: readonly unknown[]): BBox {
	const [west, south, east, north] = raw.map(Number);
	if (![west, south, east, north].every((n) => n !== undefined && Number.isFinite(n))) {
		throw new Error(`bounding box is not four finite numbers: ${JSON.stringify(raw)}`);
	}
	return [
		Math.floor(west! * MICRO_DEGREES) / MICRO_DEGREES,
		Math.floor(south! * MICRO_DEGREES) / MICRO_DEGREES,
		Math.ceil(east! * MICRO_DEGREES) / MICRO_DEGREES,
		Math.ceil(north! * MICRO_DEGREES) / MICRO_DEGREES
	];
}

function geometryOf<T extends MultiPolygon | Point>(value: unknown, type: T['type'], what: string): T {
	const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
	if (!parsed || typeof parsed !== 'object' || (parsed as { type?: unknown }).type !== type) {
		throw new Error(`${what}: expected a GeoJSON ${type}`);
	}
	return parsed as T;
}

/** numeric arrives as a string (exact); money is shown, not summed, so a double is enough here. */
function toNumberOrNull(value: string | number | null): number | null {
	if (value === null) return null;
	const n = Number(value);
	if (!Number.isFinite(n)) throw new Error(`not a finite number: ${value}`);
	return n;
}

function placeSelection(db: Db) {
	return db
		.selectFrom('place')
		.select(['id', 'name', 'description', 'projected_srid', 'source'])
		.select(bboxOf('boundary').as('bbox'));
}

type PlaceRow = {
	id: string;
	name: string;
	description: string | null;
	projected_srid: number;
	source: string | null;
	bbox: number[];
};

function toPlaceSummary(row: PlaceRow): PlaceSummary {
	return {
		id: row.id,
		name: row.name,
		description: row.description,
		projectedSrid: row.projected_srid,
		source: row.source,
		bbox: toBBox(row.bbox)
	};
}

/** Every place, by name. */
export async function listPlaces(db: Db): Promise<PlaceSummary[]> {
	const rows = await placeSelection(db).orderBy(byName).orderBy('id').execute();
	return rows.map(toPlaceSummary);
}

/** One place with its boundary, or undefined when there is no place with that id. */
export async function getPlace(db: Db, placeId: string): Promise<Place | undefined> {
	const row = await placeSelection(db)
		.select(asGeoJson('boundary').as('boundary'))
		.where('id', '=', placeId)
		.executeTakeFirst();
	if (!row) return undefined;
	return { ...toPlaceSummary(row), boundary: geometryOf<MultiPolygon>(row.boundary, 'MultiPolygon', `place ${row.id}`) };
}

/**
 * Whether there is a place with this id: the one check every service makes before it reads or
 * writes a place's data. A service that answers "no such place" as a field mistake (a form's or
 * body's `place` value) tests this; one that answers 404 calls {@link requirePlace}.
 */
export async function placeExists(db: Db, placeId: string): Promise<boolean> {
	const row = await db.selectFrom('place').select('id').where('id', '=', placeId).executeTakeFirst();
	return row !== undefined;
}

/** The EPSG code of the projected CRS (metres) the place is measured in, or undefined for no such place. */
export async function placeProjectedSrid(db: Db, placeId: string): Promise<number | undefined> {
	const row = await db.selectFrom('place').select('projected_srid').where('id', '=', placeId).executeTakeFirst();
	return row?.projected_srid;
}

/** Every place's id, in id order. */
export async function listPlaceIds(db: Db): Promise<string[]> {
	return (await db.selectFrom('place').select('id').orderBy('id').execute()).map((p) => p.id);
}

/**
 * Resolves when the place exists; otherwise throws the domain's not-found error, whose message
 * defaults to `There is no place "<id>".` (pass another to add a hint such as "see GET /api/places").
 */
export async function requirePlace(db: Db, placeId: string, message = `There is no place "${placeId}".`): Promise<void> {
	if (!(await placeExists(db, placeId))) throw notFound(message);
}

/**
 * Whether a place exists, and the version of the capital-projects table (bumped on every change,
 * migration 0006): one read that says whether a kept copy of the place's sites is still current.
 */
export async function macroAssetsVersion(db: Db, placeId: string): Promise<{ placeExists: boolean; version: string }> {
	const { rows } = await sql<{ place_exists: boolean; version: string | number | null }>`
		SELECT EXISTS (SELECT 1 FROM place WHERE id = ${placeId}) AS place_exists,
		       (SELECT version FROM data_version WHERE table_name = 'macro_asset') AS version`.execute(db);
	return { placeExists: rows[0]?.place_exists === true, version: String(rows[0]?.version ?? 0) };
}

function macroAssetSelection(db: Db) {
	return db
		.selectFrom('macro_asset')
		.select([
			'id',
			'place_id',
			'name',
			'kind',
			'status',
			'description',
			'timeline_start',
			'timeline_end',
			'timeline_note',
			'investment_gbp',
			'homes',
			'jobs',
			'owners',
			'partners',
			'source',
			'illustrative'
		])
		.select(asGeoJson('geom').as('geometry'))
		.select(bboxOf('geom').as('bbox'))
		.select(sql<unknown>`ST_AsGeoJSON(ST_PointOnSurface(geom), 6)::json`.as('label_point'));
}

type MacroAssetRow = Awaited<ReturnType<ReturnType<typeof macroAssetSelection>['execute']>>[number];

function toMacroAsset(row: MacroAssetRow): MacroAsset {
	const [x, y] = geometryOf<Point>(row.label_point, 'Point', `label point of macro-asset ${row.id}`).coordinates;
	return {
		id: row.id,
		placeId: row.place_id,
		name: row.name,
		kind: row.kind,
		status: row.status,
		description: row.description,
		timeline: { start: row.timeline_start, end: row.timeline_end, note: row.timeline_note },
		investmentGbp: toNumberOrNull(row.investment_gbp),
		homes: row.homes,
		jobs: row.jobs,
		owners: row.owners,
		partners: row.partners,
		source: row.source,
		illustrative: row.illustrative,
		geometry: geometryOf<MultiPolygon>(row.geometry, 'MultiPolygon', `macro-asset ${row.id}`),
		bbox: toBBox(row.bbox),
		labelPoint: [x!, y!]
	};
}

/** The capital projects in a place, by name. An unknown place has none (check it with getPlace). */
export async function listMacroAssets(db: Db, placeId: string): Promise<MacroAsset[]> {
	const rows = await macroAssetSelection(db).where('place_id', '=', placeId).orderBy(byName).orderBy('id').execute();
	return rows.map(toMacroAsset);
}

/** One capital project by id (ids are unique across places), or undefined when there is none. */
export async function getMacroAsset(db: Db, siteId: string): Promise<MacroAsset | undefined> {
	const row = await macroAssetSelection(db).where('id', '=', siteId).executeTakeFirst();
	return row ? toMacroAsset(row) : undefined;
}

const HUB_COLUMNS = ['id', 'place_id', 'name', 'hub_type', 'address', 'description', 'position_accuracy_m', 'source'] as const;
const ENTERPRISE_COLUMNS = ['id', 'place_id', 'name', 'consortium', 'offers', 'needs', 'employees', 'synthetic', 'source'] as const;

type HubRow = Pick<Selectable<Database['community_hub']>, (typeof HUB_COLUMNS)[number]> & { geometry: unknown };
type EnterpriseRow = Pick<Selectable<Database['social_enterprise']>, (typeof ENTERPRISE_COLUMNS)[number]> & { geometry: unknown };

function toCommunityHub(row: HubRow): CommunityHub {
	return {
		id: row.id,
		placeId: row.place_id,
		name: row.name,
		hubType: row.hub_type,
		address: row.address,
		description: row.description,
		positionAccuracyM: row.position_accuracy_m,
		source: row.source,
		geometry: geometryOf<Point>(row.geometry, 'Point', `community hub ${row.id}`)
	};
}

function toSocialEnterprise(row: EnterpriseRow): SocialEnterprise {
	return {
		id: row.id,
		placeId: row.place_id,
		name: row.name,
		consortium: row.consortium,
		offers: row.offers,
		needs: row.needs,
		employees: row.employees,
		synthetic: row.synthetic,
		source: row.source,
		geometry: geometryOf<Point>(row.geometry, 'Point', `social enterprise ${row.id}`)
	};
}

/** Community hubs in a place (organisations that consented to be mapped), by name. */
export async function listCommunityHubs(db: Db, placeId: string): Promise<CommunityHub[]> {
	const rows = await db
		.selectFrom('community_hub')
		.select(HUB_COLUMNS)
		.select(asGeoJson('geom').as('geometry'))
		.where('place_id', '=', placeId)
		.orderBy(byName)
		.orderBy('id')
		.execute();
	return rows.map(toCommunityHub);
}

/** Social enterprises in a place that consented to be published, by name; synthetic ones say so. */
export async function listSocialEnterprises(db: Db, placeId: string): Promise<SocialEnterprise[]> {
	const rows = await db
		.selectFrom('social_enterprise')
		.select(ENTERPRISE_COLUMNS)
		.select(asGeoJson('geom').as('geometry'))
		.where('place_id', '=', placeId)
		// Only enterprises that consented to be published (migration 0013).
		.where('consent_to_publish', '=', true)
		.orderBy(byName)
		.orderBy('id')
		.execute();
	return rows.map(toSocialEnterprise);
}

export interface SkillGroup {
	id: string;
	name: string;
	description: string | null;
	soc2020: { code: string; title: string }[];
}

/**
 * The kinds of official reference area loaded (e.g. lsoa, ward): the map offers its areas layer only
 * when there are some. A place's own neighbourhoods are not official geography and are left out.
 */
export async function listReferenceAreaTypes(db: Db): Promise<string[]> {
	const rows = await db.selectFrom('reference_area').select('area_type').distinct().where('area_type', '!=', 'neighbourhood').orderBy('area_type').execute();
	return rows.map((r) => String(r.area_type));
}

/** Whether a skill group with this id is in the taxonomy. */
export async function skillGroupExists(db: Db, skillGroupId: string): Promise<boolean> {
	const row = await db.selectFrom('skill_group').select('id').where('id', '=', skillGroupId).executeTakeFirst();
	return row !== undefined;
}

/** Every skill group's id, in id order. */
export async function listSkillGroupIds(db: Db): Promise<string[]> {
	return (await db.selectFrom('skill_group').select('id').orderBy('id').execute()).map((g) => g.id);
}

/** The skills taxonomy, in its display order, with the SOC 2020 unit groups of each group. */
export async function listSkillGroups(db: Db): Promise<SkillGroup[]> {
	const [groups, codes] = await Promise.all([
		db.selectFrom('skill_group').select(['id', 'name', 'description']).orderBy('sort_order').orderBy('id').execute(),
		db.selectFrom('skill_group_soc').select(['skill_group_id', 'soc2020_code', 'soc2020_title']).orderBy('soc2020_code').execute()
	]);
	return groups.map((g) => ({
		...g,
		soc2020: codes.filter((c) => c.skill_group_id === g.id).map((c) => ({ code: c.soc2020_code, title: c.soc2020_title }))
	}));
}

export interface SiteOpportunity {
	id: string;
	skillGroupId: string;
	kind: OpportunityKind;
	title: string;
	count: number;
	/** ISO dates (YYYY-MM-DD), formatted by the database so that no time zone can shift them. */
	periodStart: string | null;
	periodEnd: string | null;
	/** True when the count is an estimate made for the demonstration, not a published figure. */
	illustrative: boolean;
	source: string | null;
}

/**
 * The opportunities a capital project offers (vacancies, training places, procurement lots,
 * placements), in the skills taxonomy's order, then by kind and title. An unknown site has none.
 */
export async function listSiteOpportunities(db: Db, siteId: string): Promise<SiteOpportunity[]> {
	const rows = await db
		.selectFrom('opportunity as o')
		.innerJoin('skill_group as g', 'g.id', 'o.skill_group_id')
		.select(['o.id', 'o.skill_group_id', 'o.kind', 'o.title', 'o.count', 'o.illustrative', 'o.source'])
		.select(sql<string | null>`to_char(o.period_start, 'YYYY-MM-DD')`.as('period_start'))
		.select(sql<string | null>`to_char(o.period_end, 'YYYY-MM-DD')`.as('period_end'))
		.where('o.macro_asset_id', '=', siteId)
		// A vacancy past its closing date leaves every live count (issue 14).
		.where(isLiveOpportunity('o'))
		.orderBy('g.sort_order')
		.orderBy('g.id')
		.orderBy('o.kind')
		.orderBy(sql`lower(o.title) COLLATE "C"`)
		.orderBy('o.id')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		skillGroupId: row.skill_group_id,
		kind: row.kind,
		title: row.title,
		count: row.count,
		periodStart: row.period_start,
		periodEnd: row.period_end,
		illustrative: row.illustrative,
		source: row.source
	}));
}

export type Nearby<T> = T & {
	/** Metres from the site's boundary on the spheroid (0 inside the site), rounded to the metre. */
	distanceM: number;
};

export interface NearbyPublicAssets {
	hubs: Nearby<CommunityHub>[];
	enterprises: Nearby<SocialEnterprise>[];
}

/** Beyond this a "nearby" list stops being about walking to the site. */
export const MAX_NEARBY_METRES = 5000;

/**
 * Community hubs and social enterprises within `metres` of a capital project's boundary, nearest
 * first (then by name). Distances are geodesic (`geography`), so they need no projected CRS. Hubs
 * and enterprises are public organisations mapped at their real address; no person-level data is
 * read. An unknown site has none.
 * @throws RangeError when `metres` is not a number above 0 and at most {@link MAX_NEARBY_METRES}.
 */
export async function nearbyPublicAssets(db: Db, siteId: string, metres: number): Promise<NearbyPublicAssets> {
	if (!Number.isFinite(metres) || metres <= 0 || metres > MAX_NEARBY_METRES) {
		throw new RangeError(`metres must be above 0 and at most ${MAX_NEARBY_METRES}; got ${metres}`);
	}
	const distance = (column: string) => sql<number>`round(ST_Distance(${sql.ref(column)}::geography, m.geom::geography))::int`;
	const within = (column: string) => sql<boolean>`ST_DWithin(${sql.ref(column)}::geography, m.geom::geography, ${metres})`;
	const [hubs, enterprises] = await Promise.all([
		db
			.selectFrom('community_hub as h')
			.innerJoin('macro_asset as m', (join) => join.on('m.id', '=', siteId))
			.select(HUB_COLUMNS.map((c) => `h.${c}` as const))
			.select(asGeoJson('h.geom').as('geometry'))
			.select(distance('h.geom').as('distance_m'))
			.where(within('h.geom'))
			.orderBy('distance_m')
			.orderBy(sql`lower(h.name) COLLATE "C"`)
			.orderBy('h.id')
			.execute(),
		db
			.selectFrom('social_enterprise as e')
			.innerJoin('macro_asset as m', (join) => join.on('m.id', '=', siteId))
			.select(ENTERPRISE_COLUMNS.map((c) => `e.${c}` as const))
			.select(asGeoJson('e.geom').as('geometry'))
			.select(distance('e.geom').as('distance_m'))
			.where(within('e.geom'))
			.where('e.consent_to_publish', '=', true)
			.orderBy('distance_m')
			.orderBy(sql`lower(e.name) COLLATE "C"`)
			.orderBy('e.id')
			.execute()
	]);
	return {
		hubs: hubs.map((row) => ({ ...toCommunityHub(row), distanceM: Number(row.distance_m) })),
		enterprises: enterprises.map((row) => ({ ...toSocialEnterprise(row), distanceM: Number(row.distance_m) }))
	};
}
