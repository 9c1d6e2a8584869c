/**
 * Builds a place's published layers of resident skills from the person-level records, through
 * the pure pipeline in src/lib/domain/privacy, and stores only what that pipeline releases:
 * rounded counts per unit (or "suppressed"), rounded totals, and for administrators the record
 * of what was withheld and why (a count band, never a count). Nothing person-level is returned.
 *
 * A publication is rebuilt lazily: any change to a place's records deletes it
 * (markPublicationStale) and the next reader rebuilds it.
 */
import type { Kysely } from 'kysely';
import { hexCellAt, hexCellCorners } from '../../domain/cells/hex';
import { formatHexCellId, parseHexCellId } from '../../domain/privacy/cell-ids';
import { createHexCellHierarchy, HEX_LEVEL_SIZES } from '../../domain/privacy/hex-cell-hierarchy';
import { publishResidentLayers } from '../../domain/privacy/publish';
import type { ResidentRecord } from '../../domain/privacy/filters';
import { SYSTEM_ACTOR, writeAudit } from '../audit/log';
import type { Database, PublishedLevel } from '../db/schema';
import { listSkillGroupIds, placeProjectedSrid } from '../assets/queries';
import { BASE_CELL_SIZE_M } from './records';
import {
	analyzePublishedUnits,
	insertPublishedTotals,
	insertPublishedUnits,
	insertSuppressionRecord,
	lockPublicationBuilds,
	placeExtentIn,
	publicationStamp,
	recordsForPublication,
	replacePublication,
	setPublicationComputeMs,
	unionOfCells,
	type PublishedUnitToStore,
	type UnitOutline
} from './queries';

export interface PublicationSettings {
	k: number;
	roundingBase: number;
}

/**
 * Makes sure the place has a current publication with these settings, building it if not, and
 * returns when it was computed (a stamp that changes with every rebuild; null for no such place),
 * so that a caller can key what it derives from the publication without reading it again.
 */
export async function ensurePublication(db: Kysely<Database>, placeId: string, settings: PublicationSettings): Promise<string | null> {
	const isCurrent = (found: Awaited<ReturnType<typeof publicationStamp>>) => !!found && found.k === settings.k && found.roundingBase === settings.roundingBase;
	const found = await publicationStamp(db, placeId);
	if (isCurrent(found)) return found!.stamp;
	await db.transaction().execute(async (trx) => {
		// One builder at a time per database; whoever waited finds the work done.
		await lockPublicationBuilds(trx);
		if (isCurrent(await publicationStamp(trx, placeId))) return;
		await buildPublication(trx, placeId, settings);
	});
	return (await publicationStamp(db, placeId))?.stamp ?? null;
}

async function buildPublication(trx: Kysely<Database>, placeId: string, settings: PublicationSettings): Promise<void> {
	const started = performance.now();
	const srid = await placeProjectedSrid(trx, placeId);
	if (srid === undefined) return;
	const skillGroups = await listSkillGroupIds(trx);

	const rows = await recordsForPublication(trx, placeId, srid);
	const records: ResidentRecord[] = rows.map((r) => {
		const cell = hexCellAt(r.x, r.y, BASE_CELL_SIZE_M);
		return {
			cell: formatHexCellId('hex250', cell.i, cell.j),
			skillGroup: r.skillGroupId,
			overseasQualification: r.overseasQualification,
			englishTestPassed: r.englishTestPassed,
			professionallyRegistered: r.professionallyRegistered
		};
	});
	const hierarchy = createHexCellHierarchy({ placeId: 'place' });
	const publication = publishResidentLayers(records, hierarchy, {
		skillGroups,
		k: settings.k,
		roundingBase: settings.roundingBase
	});

	await replacePublication(trx, {
		placeId,
		k: publication.k,
		roundingBase: publication.roundingBase,
		records: publication.summary.records,
		recordsPublished: publication.summary.recordsInPublishedUnits,
		layerRecordsCounted: publication.summary.acrossLayers.counted,
		layerRecordsPublished: publication.summary.acrossLayers.inPublishedUnits,
		synthetic: rows.some((r) => r.synthetic)
	});

	const unitShapes = await coarseUnitShapes(trx, placeId, srid, publication, hierarchy);
	const units: PublishedUnitToStore[] = [];
	const totals: { filterKey: string; total: number | null }[] = [];
	const unit = (filterKey: string, unitId: string, level: PublishedLevel, count: number | null): PublishedUnitToStore => ({
		filterKey,
		unitId,
		level,
		count,
		outline: unitOutline(unitId, srid, unitShapes)
	});
	for (const [key, layer] of publication.layers) {
		for (const u of layer.units) units.push(unit(key, u.id, u.level, u.count));
		for (const id of layer.suppressedUnits) units.push(unit(key, id, levelOf(id), null));
		totals.push({ filterKey: key, total: layer.total });
	}
	await insertPublishedUnits(trx, placeId, units);
	await insertPublishedTotals(trx, placeId, totals);
	const record = publication.suppressionRecord;
	await insertSuppressionRecord(
		trx,
		placeId,
		record.map((e) => ({ filterKey: e.filterKey, unitId: e.unitId, level: e.level, reason: e.reason, countBand: e.trueCountBand }))
	);
	await analyzePublishedUnits(trx);
	const computeMs = Math.round(performance.now() - started);
	await setPublicationComputeMs(trx, placeId, computeMs);
	await writeAudit(trx, SYSTEM_ACTOR, {
		action: 'publish',
		subject: 'resident_skill',
		recordCount: publication.summary.records,
		detail: { placeId, k: publication.k, roundingBase: publication.roundingBase, layers: publication.layers.size, withheld: record.length, computeMs }
	});
}

export function levelOf(unitId: string): PublishedLevel {
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
export function unitOutline(unitId: string, srid: number, coarse: ReadonlyMap<string, string>): UnitOutline {
	if (unitId === 'place') return { kind: 'place-boundary' };
	const shape = coarse.get(unitId);
	if (shape) return { kind: 'geojson', geojson: shape, srid: 4326 };
	const parsed = parseHexCellId(unitId)!;
	const size = HEX_LEVEL_SIZES[parsed.levelName as keyof typeof HEX_LEVEL_SIZES];
	return { kind: 'geojson', geojson: JSON.stringify(hexPolygon(parsed.i, parsed.j, size)), srid };
}

function hexPolygon(i: number, j: number, size: number) {
	const corners = hexCellCorners(i, j, size);
	return { type: 'Polygon', coordinates: [[...corners, corners[0]!]] };
}

/**
 * Outlines (GeoJSON text, WGS84) of the published units coarser than a base cell, each the union of
 * every base cell over the place whose chain of parents leads to it.
 */
export async function coarseUnitShapes(
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
	const box = await placeExtentIn(trx, placeId, srid);
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
		const multi = { type: 'MultiPolygon' as const, coordinates: cells.map(([i, j]) => hexPolygon(i, j, size).coordinates) };
		shapes.set(unitId, await unionOfCells(trx, multi, srid));
	}
	return shapes;
}
