/**
 * The only SQL imports run. Every value travels as a parameter with an explicit cast (postgres.js
 * and PGlite infer parameter types differently; a cast makes both behave alike); table and column
 * names come from the kind descriptions in code, never from a file. Dates and JSON go through
 * `::text` first: postgres.js re-serialises a parameter it learns is date or jsonb (new Date(),
 * JSON.stringify), which would turn our JSON text into a JSON string.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema';
import type { FieldType, FieldValue, ImportKind, ReferenceAreaType } from '../../domain/imports/kinds';
import { KIND_SPECS } from '../../domain/imports/kinds';
import type { ImportRecord } from '../../domain/imports/records';

type Db = Kysely<Database>;

export type PlaceLookup = { readonly placeId: string } | { readonly problem: string };

/** The place rows belong to: the one asked for, or the only one there is. */
export async function findPlace(db: Db, requested: string | undefined): Promise<PlaceLookup> {
	const places = await db.selectFrom('place').select('id').orderBy('id').limit(requested ? 1000 : 6).execute();
	const ids = places.map((place) => place.id);
	if (requested) {
		if (ids.includes(requested)) return { placeId: requested };
		return { problem: `there is no place "${requested}"; places are ${ids.join(', ') || '(none)'}` };
	}
	if (ids.length === 1) return { placeId: ids[0]! };
	if (ids.length === 0) {
		return {
			problem:
				'the database has no place yet: create one first (npm run import -- place <boundary file> --id <id> --name "<name>"; npm run seed loads the Greater Icknield demo)'
		};
	}
	return {
		problem: `the database has ${ids.length > 5 ? 'more than 5' : ids.length} places (${ids.slice(0, 5).join(', ')}): say which with --place <id>`
	};
}

/**
 * Every id in a table that rows refer to. These tables are small (a place's capital projects, the
 * skills taxonomy), so reading them whole is simpler than matching a file's ids in chunks.
 */
export async function allIds(db: Db, table: 'macro_asset' | 'skill_group'): Promise<Set<string>> {
	const rows =
		table === 'macro_asset'
			? await db.selectFrom('macro_asset').select('id').execute()
			: await db.selectFrom('skill_group').select('id').execute();
	return new Set(rows.map((row) => row.id));
}

type UpsertKind = Exclude<ImportKind, 'imd' | 'population'>;

interface UpsertTarget {
	readonly table: 'macro_asset' | 'opportunity' | 'community_hub' | 'social_enterprise' | 'reference_area';
	/** What makes a row the same row on a re-import. */
	readonly conflict: readonly string[];
	readonly touchesUpdatedAt?: boolean;
}

const UPSERT_TARGETS: Readonly<Record<UpsertKind, UpsertTarget>> = {
	'macro-assets': { table: 'macro_asset', conflict: ['id'], touchesUpdatedAt: true },
	opportunities: { table: 'opportunity', conflict: ['id'] },
	hubs: { table: 'community_hub', conflict: ['id'] },
	enterprises: { table: 'social_enterprise', conflict: ['id'] },
	'reference-areas': { table: 'reference_area', conflict: ['area_type', 'code'] }
};

/** A cell as SQL: a parameter cast to its column's type. */
function cellSql(type: FieldType, value: FieldValue): RawBuilder<unknown> {
	switch (type.type) {
		case 'id':
		case 'text':
		case 'choice':
			return sql`${value}::text`;
		case 'integer':
			return sql`${value}::integer`;
		case 'decimal':
			// As text, so money keeps its exact digits on the way to numeric(16, 2).
			return sql`${value === null ? null : String(value)}::numeric`;
		case 'boolean':
			return sql`${value}::boolean`;
		case 'date':
			return sql`${value}::text::date`;
		case 'list':
			// A JSON array, unpacked in SQL: the two drivers serialise JS arrays differently.
			return value === null
				? sql`NULL::text[]`
				: sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(value)}::text::jsonb))`;
	}
}

export interface UpsertContext {
	readonly kind: UpsertKind;
	/** The columns the file supplies (ValidImport.columns). */
	readonly columns: readonly string[];
	readonly placeId?: string;
	readonly areaType?: ReferenceAreaType;
	/** Records (by number) whose polygons are invalid and are to be stored repaired. */
	readonly repair?: ReadonlySet<number>;
}

function geometrySql(record: ImportRecord): RawBuilder<unknown> {
	return sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(record.geometry)}::text), 4326)`;
}

/** ST_MakeValid can return lines and points beside polygons; only the polygons are an area. */
function repairedSql(geometry: RawBuilder<unknown>): RawBuilder<unknown> {
	return sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(${geometry}), 3))`;
}

/**
 * A point on a polygon's surface (--as-point: a hospital given as its outline). GEOS needs a valid
 * polygon for it; an invalid one (at most MAX_REPAIR_POSITIONS positions, checked before) is made
 * valid first.
 */
function pointOnSurfaceSql(record: ImportRecord): RawBuilder<unknown> {
	return sql`(SELECT ST_PointOnSurface(CASE WHEN ST_IsValid(g) THEN g ELSE ST_MakeValid(g) END) FROM (SELECT ${geometrySql(record)} AS g) AS polygon)`;
}

export interface InvalidGeometry {
	readonly number: number;
	readonly reason: string;
	/** Whether ST_MakeValid leaves any polygon (false: it collapses to lines or nothing, or was not tried). */
	readonly repairable: boolean;
}

/**
 * Polygons PostGIS considers invalid (self-intersecting rings, holes outside shells). Run on
 * geometries already checked for structure, which GEOS's validity test handles safely even in the
 * embedded build; invalid ones are refused or repaired before any overlay operation meets them.
 * ST_MakeValid runs only for the records in `tryRepair`: on a large self-intersecting polygon it
 * is the slow part (minutes), so it is not spent on a refusal.
 */
export async function findInvalidPolygons(
	db: Db,
	records: readonly ImportRecord[],
	tryRepair: ReadonlySet<number> = new Set()
): Promise<InvalidGeometry[]> {
	const rows = records.map((record) => sql`(${record.number}::integer, ${geometrySql(record)}, ${tryRepair.has(record.number)}::boolean)`);
	const { rows: invalid } = await sql<{ number: number; reason: string; repairable: boolean }>`
		SELECT candidate.number, ST_IsValidReason(candidate.geom) AS reason,
		       CASE WHEN candidate.try_repair THEN NOT ST_IsEmpty(${repairedSql(sql`candidate.geom`)}) ELSE false END AS repairable
		FROM (VALUES ${sql.join(rows)}) AS candidate (number, geom, try_repair)
		WHERE NOT ST_IsValid(candidate.geom)
		ORDER BY candidate.number`.execute(db);
	return invalid;
}

export interface UpsertCounts {
	readonly inserted: number;
	readonly updated: number;
	/** Labels of rows whose geometry does not meet their place's boundary. */
	readonly outside: readonly string[];
	/** Of those, the rows that would lie inside it with x and y exchanged (longitude and latitude swapped). */
	readonly swappedInside: readonly string[];
}

/**
 * Inserts a batch, or updates the rows that share its key, and counts which happened.
 * `xmax = 0` holds for a row this statement inserted and not for one it updated (the documented
 * PostgreSQL idiom for telling the two apart in ON CONFLICT DO UPDATE).
 */
export async function upsertBatch(db: Db, context: UpsertContext, records: readonly ImportRecord[]): Promise<UpsertCounts> {
	const spec = KIND_SPECS[context.kind];
	const target = UPSERT_TARGETS[context.kind];
	const fieldTypes = new Map(spec.fields.map((field) => [field.name, field.type]));
	const columns = [...context.columns];
	const extra: Array<[string, (record: ImportRecord) => RawBuilder<unknown>]> = [];
	if (context.placeId !== undefined) extra.push(['place_id', () => sql`${context.placeId}::text`]);
	if (context.areaType !== undefined) extra.push(['area_type', () => sql`${context.areaType}::text`]);
	if (spec.geometry === 'polygon') {
		extra.push([
			'geom',
			(record) => (context.repair?.has(record.number) ? repairedSql(geometrySql(record)) : sql`ST_Multi(${geometrySql(record)})`)
		]);
	} else if (spec.geometry === 'point') extra.push(['geom', (record) => (record.pointOnSurface ? pointOnSurfaceSql(record) : geometrySql(record))]);
	const allColumns = [...columns, ...extra.map(([name]) => name)];
	const rows = records.map(
		(record) =>
			sql`(${sql.join([
				...columns.map((column) => cellSql(fieldTypes.get(column)!, record.values[column] ?? null)),
				...extra.map(([, value]) => value(record))
			])})`
	);
	const updates = allColumns
		.filter((column) => !target.conflict.includes(column))
		.map((column) => sql`${sql.ref(column)} = EXCLUDED.${sql.ref(column)}`);
	if (target.touchesUpdatedAt) updates.push(sql`updated_at = now()`);
	const placed = context.placeId !== undefined && spec.geometry;
	const boundary = sql`(SELECT boundary FROM place WHERE id = ${context.placeId ?? null}::text)`;
	const outside = placed ? sql`NOT ST_Intersects(geom, ${boundary})` : sql`false`;
	// ST_FlipCoordinates exchanges x and y: a file of [lat, lon] pairs lands inside the place so.
	const swappedInside = placed ? sql`NOT ST_Intersects(geom, ${boundary}) AND ST_Intersects(ST_FlipCoordinates(geom), ${boundary})` : sql`false`;
	const { rows: results } = await sql<{ key: string; inserted: boolean; outside: boolean; swapped_inside: boolean }>`
		INSERT INTO ${sql.table(target.table)} (${sql.join(allColumns.map((column) => sql.ref(column)))})
		VALUES ${sql.join(rows)}
		ON CONFLICT (${sql.join(target.conflict.map((column) => sql.ref(column)))}) DO UPDATE SET ${sql.join(updates)}
		RETURNING ${sql.ref(target.conflict.at(-1)!)}::text AS key, (xmax = 0) AS inserted, ${outside} AS outside, ${swappedInside} AS swapped_inside`.execute(db);
	const inserted = results.filter((row) => row.inserted).length;
	const labels = new Map(records.map((record) => [record.key, record.label]));
	const labelOf = (key: string) => labels.get(key) ?? key;
	return {
		inserted,
		updated: results.length - inserted,
		outside: results.filter((row) => row.outside).map((row) => labelOf(row.key)),
		swappedInside: results.filter((row) => row.swapped_inside).map((row) => labelOf(row.key))
	};
}

/** Every place's id, for messages. */
export async function placeIds(db: Db): Promise<string[]> {
	return (await db.selectFrom('place').select('id').orderBy('id').limit(50).execute()).map((row) => row.id);
}

/** Sets IMD values on the LSOAs whose code a batch names; returns the codes that matched. */
export async function updateImdBatch(db: Db, records: readonly ImportRecord[]): Promise<string[]> {
	const rows = records.map(
		(record) =>
			sql`(${record.key}::text, ${record.values.imd_rank ?? null}::integer, ${record.values.imd_decile ?? null}::smallint, ${record.values.imd_year ?? null}::smallint)`
	);
	const { rows: matched } = await sql<{ code: string }>`
		UPDATE reference_area AS area
		SET imd_rank = imd.imd_rank, imd_decile = imd.imd_decile, imd_year = imd.imd_year
		FROM (VALUES ${sql.join(rows)}) AS imd (code, imd_rank, imd_decile, imd_year)
		WHERE area.area_type = ${'lsoa'}::text AND area.code = imd.code
		RETURNING area.code`.execute(db);
	return matched.map((row) => row.code);
}

/**
 * Sets population (and its year, where the file or --set gives one) on the areas of one type whose
 * code a batch names; returns the codes that matched. A file without a year clears the stored year
 * rather than leave an old year on a new figure.
 */
export async function updatePopulationBatch(db: Db, areaType: ReferenceAreaType, records: readonly ImportRecord[]): Promise<string[]> {
	const rows = records.map(
		(record) => sql`(${record.key}::text, ${record.values.population ?? null}::integer, ${record.values.population_year ?? null}::smallint)`
	);
	const { rows: matched } = await sql<{ code: string }>`
		UPDATE reference_area AS area
		SET population = figures.population, population_year = figures.population_year, population_illustrative = false
		FROM (VALUES ${sql.join(rows)}) AS figures (code, population, population_year)
		WHERE area.area_type = ${areaType}::text AND area.code = figures.code
		RETURNING area.code`.execute(db);
	return matched.map((row) => row.code);
}

/** The titles the taxonomy already holds for these SOC 2020 codes (any group's). */
export async function knownSocTitles(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
	if (codes.length === 0) return new Map();
	const rows = await db
		.selectFrom('skill_group_soc')
		.select(['soc2020_code', 'soc2020_title'])
		.where('soc2020_code', 'in', [...new Set(codes)])
		.orderBy('soc2020_code')
		.orderBy('skill_group_id')
		.execute();
	const titles = new Map<string, string>();
	for (const row of rows) if (!titles.has(row.soc2020_code)) titles.set(row.soc2020_code, row.soc2020_title);
	return titles;
}

/**
 * Inserts each group (after the existing ones in sort order) or replaces its label and SOC codes;
 * descriptions and groups not listed are kept. Run inside the import's transaction.
 */
export async function upsertImportedSkillGroups(
	db: Db,
	groups: readonly { id: string; name: string; soc: readonly { code: string; title: string }[] }[]
): Promise<{ inserted: number; updated: number }> {
	const ids = groups.map((g) => g.id);
	const existing = new Set((await db.selectFrom('skill_group').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
	const top = await db.selectFrom('skill_group').select((eb) => eb.fn.max('sort_order').as('top')).executeTakeFirst();
	let next = Number(top?.top ?? 0);
	for (const g of groups) {
		if (existing.has(g.id)) {
			await db.updateTable('skill_group').set({ name: g.name }).where('id', '=', g.id).execute();
		} else {
			next += 10;
			await db.insertInto('skill_group').values({ id: g.id, name: g.name, description: null, sort_order: next }).execute();
		}
	}
	await db.deleteFrom('skill_group_soc').where('skill_group_id', 'in', ids).execute();
	const socRows = groups.flatMap((g) => g.soc.map((s) => ({ skill_group_id: g.id, soc2020_code: s.code, soc2020_title: s.title })));
	for (let i = 0; i < socRows.length; i += 500) await db.insertInto('skill_group_soc').values(socRows.slice(i, i + 500)).execute();
	return { inserted: groups.length - existing.size, updated: existing.size };
}
