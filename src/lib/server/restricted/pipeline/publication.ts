/**
 * Builds a place's published matching counts from the pipeline cases, through the same pure
 * pipeline as resident skills (domain/privacy: coarsen, suppress under k, secondary suppression,
 * round), with each (skill group, stage) published as one composite group (domain/matching).
 * Stored: rounded totals per fixed filter key and rounded (or withheld) counts per cell unit.
 * Rebuilt lazily: any change to a case deletes it and the next reader rebuilds it.
 */
import type { Kysely } from 'kysely';
import { hexCellAt } from '../../../domain/cells/hex';
import { candidateGroups, candidateRecord } from '../../../domain/matching/candidates';
import { formatHexCellId } from '../../../domain/privacy/cell-ids';
import { createHexCellHierarchy } from '../../../domain/privacy/hex-cell-hierarchy';
import { publishResidentLayers } from '../../../domain/privacy/publish';
import { listSkillGroupIds, placeProjectedSrid } from '../../assets/queries';
import { SYSTEM_ACTOR, writeAudit } from '../../audit/log';
import type { Database, PublishedLevel } from '../../db/schema';
import { coarseUnitShapes, levelOf, unitOutline, type PublicationSettings } from '../publication';
import { BASE_CELL_SIZE_M } from '../records';
import type { UnitOutline } from '../queries';
import { candidatesForPublication, deleteMatchingPublication, lockMatchingBuilds, matchingPublicationStamp, writeMatchingPublication } from './queries';

/** Makes sure the place has a current matching publication with these settings; returns its stamp. */
export async function ensureMatchingPublication(db: Kysely<Database>, placeId: string, settings: PublicationSettings): Promise<string | null> {
	const isCurrent = (found: Awaited<ReturnType<typeof matchingPublicationStamp>>) => !!found && found.k === settings.k && found.roundingBase === settings.roundingBase;
	const found = await matchingPublicationStamp(db, placeId);
	if (isCurrent(found)) return found!.stamp;
	await db.transaction().execute(async (trx) => {
		await lockMatchingBuilds(trx);
		if (isCurrent(await matchingPublicationStamp(trx, placeId))) return;
		await buildMatchingPublication(trx, placeId, settings);
	});
	return (await matchingPublicationStamp(db, placeId))?.stamp ?? null;
}

export async function markMatchingStale(db: Kysely<Database>, placeId: string): Promise<void> {
	await deleteMatchingPublication(db, placeId);
}

async function buildMatchingPublication(trx: Kysely<Database>, placeId: string, settings: PublicationSettings): Promise<void> {
	const srid = await placeProjectedSrid(trx, placeId);
	if (srid === undefined) return;
	const skillGroups = await listSkillGroupIds(trx);
	const rows = await candidatesForPublication(trx, placeId, srid);
	const records = rows.map((r) => {
		const cell = hexCellAt(r.x, r.y, BASE_CELL_SIZE_M);
		return candidateRecord({ cell: formatHexCellId('hex250', cell.i, cell.j), skillGroup: r.skillGroupId, stage: r.stage });
	});
	const hierarchy = createHexCellHierarchy({ placeId: 'place' });
	const publication = publishResidentLayers(records, hierarchy, { skillGroups: candidateGroups(skillGroups), k: settings.k, roundingBase: settings.roundingBase });

	// Only the 'any' layers carry candidates (readiness flags are all false by construction).
	const anyLayers = [...publication.layers].filter(([, layer]) => layer.filter.readiness === 'any');
	const unitShapes = await coarseUnitShapes(trx, placeId, srid, publication, hierarchy);
	const totals = anyLayers.map(([key, layer]) => ({ filterKey: key, total: layer.total }));
	const units: { filterKey: string; unitId: string; level: PublishedLevel; count: number | null; outline: UnitOutline }[] = [];
	for (const [key, layer] of anyLayers) {
		for (const u of layer.units) units.push({ filterKey: key, unitId: u.id, level: u.level, count: u.count, outline: unitOutline(u.id, srid, unitShapes) });
		for (const id of layer.suppressedUnits) units.push({ filterKey: key, unitId: id, level: levelOf(id), count: null, outline: unitOutline(id, srid, unitShapes) });
	}
	await writeMatchingPublication(trx, { placeId, k: publication.k, roundingBase: publication.roundingBase, synthetic: rows.some((r) => r.synthetic) }, totals, units);
	await writeAudit(trx, SYSTEM_ACTOR, {
		action: 'publish',
		subject: 'pipeline_case',
		recordCount: records.length,
		detail: { placeId, k: publication.k, roundingBase: publication.roundingBase, withheld: publication.suppressionRecord.length }
	});
}
