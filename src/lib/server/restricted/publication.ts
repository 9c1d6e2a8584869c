/**
 * Builds a place's published layers of resident skills from the person-level records, through
 * the pure pipeline in src/lib/domain/privacy, and stores only what that pipeline releases:
 * rounded counts per unit (or "suppressed"), rounded totals, and for administrators the record
 * of what was withheld and why (a count band, never a count). Nothing person-level is returned.
 *
 * A publication is rebuilt lazily: any change to a place's records deletes it
 * (markPublicationStale) and the next reader rebuilds it.
 */
import { sql, type Kysely } from 'kysely';
import { hexCellAt, hexCellCorners } from '../../domain/cells/hex';
import { formatHexCellId, parseHexCellId } from '../../domain/privacy/cell-ids';
import { createHexCellHierarchy, HEX_LEVEL_SIZES } from '../../domain/privacy/hex-cell-hierarchy';
import { publishResidentLayers } from '../../domain/privacy/publish';
import type { ResidentRecord } from '../../domain/privacy/filters';
import { SYSTEM_ACTOR, writeAudit } from '../audit/log';
import type { Database, PublishedLevel } from '../db/schema';
import { restrictedView } from './schema';
import { BASE_CELL_SIZE_M } from './records';

export interface PublicationSettings {
	k: number;
	roundingBase: number;
}

const UNIT_BATCH = 400;

/**
 * Makes sure the place has a current publication with these settings, building it if not, and
 * returns when it was computed (a stamp that changes with every rebuild; null for no such place),
 * so that a caller can key what it derives from the publication without reading it again.
 */
export async function ensurePublication(db: Kysely<Database>, placeId: string, settings: PublicationSettings): Promise<string | null> {
	const current = () =>
		db
			.selectFrom('publication')
			.select(['k', 'rounding_base', sql<string>`computed_at::text`.as('stamp')])
			.where('place_id', '=', placeId)
			.executeTakeFirst();
	const isCurrent = (row: Awaited<ReturnType<typeof current>>) => !!row && row.k === settings.k && row.rounding_base === settings.roundingBase;
	const found = await current();
	if (isCurrent(found)) return found!.stamp;
	await db.transaction().execute(async (trx) => {
		// One builder at a time per database; whoever waited finds the work done.
		await sql`SELECT pg_advisory_xact_lock(727211)`.execute(trx);
		const again = await trx
			.selectFrom('publication')
			.select(['k', 'rounding_base'])
			.where('place_id', '=', placeId)
			.executeTakeFirst();
		if (again && again.k === settings.k && again.rounding_base === settings.roundingBase) return;
		await buildPublication(trx, placeId, settings);
	});
	return (await current())?.stamp ?? null;
}

async function buildPublication(trx: Kysely<Database>, placeId: string, settings: PublicationSettings): Promise<void> {
	const started = performance.now();
	const place = await trx.selectFrom('place').select(['id', 'projected_srid']).where('id', '=', placeId).executeTakeFirst();
	if (!place) return;
	const skillGroups = (await trx.selectFrom('skill_group').select('id').orderBy('id').execute()).map((s) => s.id);

	// Only what the pipeline needs leaves the table: cell, group and the three readiness flags.
	const rows = await restrictedView(trx)
		.selectFrom('restricted.resident_skill')
		.select([
			'skill_group_id',
			'overseas_qualification',
			'english_test_passed',
			'professionally_registered',
			'synthetic',
			sql<number>`ST_X(ST_Transform(cell_point, ${place.projected_srid}::integer))`.as('x'),
			sql<number>`ST_Y(ST_Transform(cell_point, ${place.projected_srid}::integer))`.as('y')
		])
		.where('place_id', '=', placeId)
		.execute();
	const records: ResidentRecord[] = rows.map((r) => {
		const cell = hexCellAt(Number(r.x), Number(r.y), BASE_CELL_SIZE_M);
		return {
			cell: formatHexCellId('hex250', cell.i, cell.j),
			skillGroup: r.skill_group_id,
			overseasQualification: r.overseas_qualification,
			englishTestPassed: r.english_test_passed,
			professionallyRegistered: r.professionally_registered
		};
	});
	const hierarchy = createHexCellHierarchy({ placeId: 'place' });
	const publication = publishResidentLayers(records, hierarchy, {
		skillGroups,
		k: settings.k,
		roundingBase: settings.roundingBase
	});

	await trx.deleteFrom('publication').where('place_id', '=', placeId).execute();
	await trx
		.insertInto('publication')
		.values({
			place_id: placeId,
			k: publication.k,
			rounding_base: publication.roundingBase,
			records: publication.summary.records,
			records_published: publication.summary.recordsInPublishedUnits,
			layer_records_counted: publication.summary.acrossLayers.counted,
			layer_records_published: publication.summary.acrossLayers.inPublishedUnits,
			synthetic: rows.some((r) => r.synthetic),
			compute_ms: 0
		})
		.execute();

	const unitShapes = await coarseUnitShapes(trx, placeId, place.projected_srid, publication, hierarchy);
	const units: { filterKey: string; id: string; level: PublishedLevel; count: number | null }[] = [];
	const totals: { filter_key: string; total: number | null; place_id: string }[] = [];
	for (const [key, layer] of publication.layers) {
		for (const unit of layer.units) units.push({ filterKey: key, id: unit.id, level: unit.level, count: unit.count });
		for (const id of layer.suppressedUnits) units.push({ filterKey: key, id, level: levelOf(id), count: null });
		totals.push({ place_id: placeId, filter_key: key, total: layer.total });
	}
	for (let start = 0; start < units.length; start += UNIT_BATCH) {
		await trx
			.insertInto('published_unit')
			.values(
				units.slice(start, start + UNIT_BATCH).map((u) => ({
					place_id: placeId,
					filter_key: u.filterKey,
					unit_id: u.id,
					level: u.level,
					count: u.count,
					geom: unitGeometry(u.id, placeId, place.projected_srid, unitShapes)
				}))
			)
			.execute();
	}
	for (let start = 0; start < totals.length; start += UNIT_BATCH) {
		await trx.insertInto('published_total').values(totals.slice(start, start + UNIT_BATCH)).execute();
	}
	const record = publication.suppressionRecord;
	for (let start = 0; start < record.length; start += UNIT_BATCH) {
		await trx
			.insertInto('suppression_record')
			.values(
				record.slice(start, start + UNIT_BATCH).map((e) => ({
					place_id: placeId,
					filter_key: e.filterKey,
					unit_id: e.unitId,
					level: e.level,
					reason: e.reason,
					count_band: e.trueCountBand
				}))
			)
			.execute();
	}
	// Scores join these rows; PGlite never autovacuums, so give the planner statistics now.
	await sql`ANALYZE published_unit`.execute(trx);
	const computeMs = Math.round(performance.now() - started);
	await trx.updateTable('publication').set({ compute_ms: computeMs }).where('place_id', '=', placeId).execute();
	await writeAudit(trx, SYSTEM_ACTOR, {
		action: 'publish',
		subject: 'resident_skill',
		recordCount: publication.summary.records,
		detail: { placeId, k: publication.k, roundingBase: publication.roundingBase, layers: publication.layers.size, withheld: record.length, computeMs }
	});
}

function levelOf(unitId: string): PublishedLevel {
	if (unitId === 'place') return 'place';
	const parsed = parseHexCellId(unitId);
	if (!parsed || !(parsed.levelName in HEX_LEVEL_SIZES)) throw new Error(`unknown unit id ${unitId}`);
	return parsed.levelName as PublishedLevel;
}

/**
 * A unit's outline in WGS84: a base cell is its hexagon; a coarser unit is the union of the base
 * cells that belong to it (large hexagons cannot be tiled by small ones, so drawing the 1 km
 * hexagon itself would overlap its neighbours' cells and misstate what was counted); the place
 * unit is the place boundary.
 */
function unitGeometry(unitId: string, placeId: string, srid: number, coarse: ReadonlyMap<string, string>) {
	if (unitId === 'place') return sql`(SELECT boundary FROM place WHERE id = ${placeId})`;
	const shape = coarse.get(unitId);
	if (shape) return sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${shape}), 4326))`;
	const parsed = parseHexCellId(unitId)!;
	const size = HEX_LEVEL_SIZES[parsed.levelName as keyof typeof HEX_LEVEL_SIZES];
	return sql`ST_Multi(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(hexPolygon(parsed.i, parsed.j, size))}), ${srid}::integer), 4326))`;
}

function hexPolygon(i: number, j: number, size: number) {
	const corners = hexCellCorners(i, j, size);
	return { type: 'Polygon', coordinates: [[...corners, corners[0]!]] };
}

/**
 * Outlines (GeoJSON text, WGS84) of the published units coarser than a base cell, each the union of
 * every base cell over the place whose chain of parents leads to it.
 */
async function coarseUnitShapes(
	trx: Kysely<Database>,
	placeId: string,
	srid: number,
	publication: ReturnType<typeof publishResidentLayers>,
	hierarchy: ReturnType<typeof createHexCellHierarchy>
): Promise<Map<string, string>> {
	const wanted = new Set<string>();
	for (const layer of publication.layers.values()) {
		for (const id of [...layer.units.map((u) => u.id), ...layer.suppressedUnits]) {
			const level = levelOf(id);
			if (level === 'hex500' || level === 'hex1000') wanted.add(id);
		}
	}
	const shapes = new Map<string, string>();
	if (wanted.size === 0) return shapes;
	const extent = await sql<{ xmin: number; ymin: number; xmax: number; ymax: number }>`
		SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
		FROM (SELECT ST_Extent(ST_Transform(boundary, ${srid}::integer))::geometry AS e FROM place WHERE id = ${placeId}) t`.execute(trx);
	const box = extent.rows[0]!;
	// Every base cell whose centre lies within the place's extent grown by one 1 km cell.
	const size = HEX_LEVEL_SIZES.hex250;
	const margin = 2 * HEX_LEVEL_SIZES.hex1000;
	const members = new Map<string, [number, number][]>();
	const iFrom = Math.floor((Number(box.xmin) - margin) / (1.5 * size));
	const iTo = Math.ceil((Number(box.xmax) + margin) / (1.5 * size));
	const jFrom = Math.floor((Number(box.ymin) - margin) / (Math.sqrt(3) * size)) - 1;
	const jTo = Math.ceil((Number(box.ymax) + margin) / (Math.sqrt(3) * size)) + 1;
	for (let i = iFrom; i <= iTo; i++) {
		for (let j = jFrom; j <= jTo; j++) {
			const base = formatHexCellId('hex250', i, j);
			for (const level of ['hex500', 'hex1000'] as const) {
				const parent = hierarchy.parentOf(base, level);
				if (!wanted.has(parent)) continue;
				const list = members.get(parent) ?? [];
				list.push([i, j]);
				members.set(parent, list);
			}
		}
	}
	for (const [unitId, cells] of members) {
		const multi = { type: 'MultiPolygon', coordinates: cells.map(([i, j]) => hexPolygon(i, j, size).coordinates) };
		const { rows } = await sql<{ shape: string }>`
			SELECT ST_AsGeoJSON(ST_Transform(ST_UnaryUnion(ST_SnapToGrid(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(multi)}), ${srid}::integer), 0.01)), 4326), 7) AS shape`.execute(trx);
		shapes.set(unitId, rows[0]!.shape);
	}
	return shapes;
}
