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

/** Makes sure the place has a current publication with these settings; builds it if not. */
export async function ensurePublication(db: Kysely<Database>, placeId: string, settings: PublicationSettings): Promise<void> {
	const current = await db
		.selectFrom('publication')
		.select(['k', 'rounding_base'])
		.where('place_id', '=', placeId)
		.executeTakeFirst();
	if (current && current.k === settings.k && current.rounding_base === settings.roundingBase) return;
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
	const publication = publishResidentLayers(records, createHexCellHierarchy({ placeId: 'place' }), {
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
					geom: unitGeometry(u.id, placeId, place.projected_srid)
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

/** A unit's outline in WGS84: its hexagon (drawn in the projected CRS), or the place boundary. */
function unitGeometry(unitId: string, placeId: string, srid: number) {
	if (unitId === 'place') return sql`(SELECT boundary FROM place WHERE id = ${placeId})`;
	const parsed = parseHexCellId(unitId)!;
	const size = HEX_LEVEL_SIZES[parsed.levelName as keyof typeof HEX_LEVEL_SIZES];
	const corners = hexCellCorners(parsed.i, parsed.j, size);
	const ring = [...corners, corners[0]!];
	const geojson = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
	return sql`ST_Multi(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), ${srid}::integer), 4326))`;
}
