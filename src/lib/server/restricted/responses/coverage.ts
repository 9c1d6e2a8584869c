/**
 * Where questionnaires have been collected, as PUBLISHED counts only: every response's cell goes
 * through the same pipeline as the resident layers (coarsen before suppressing, k threshold,
 * secondary suppression, rounding), and only what it releases leaves this module. Units whose
 * count is withheld (fewer than k responses) are the under-surveyed ones, each with the community
 * hubs nearest to it, where researchers can recruit.
 */
import type { Kysely } from 'kysely';
import { hexCellAt, hexCellCentreOf } from '../../../domain/cells/hex';
import { formatHexCellId, parseHexCellId } from '../../../domain/privacy/cell-ids';
import { createHexCellHierarchy, HEX_LEVEL_SIZES } from '../../../domain/privacy/hex-cell-hierarchy';
import { publishResidentLayers } from '../../../domain/privacy/publish';
import type { Database } from '../../db/schema';
import { notFound } from '../../errors';
import { listCommunityHubs, placeProjectedSrid } from '../../assets/queries';
import { BASE_CELL_SIZE_M } from '../records';
import { projectedToLonLat, responseCellsForPlace } from './queries';

export interface CoverageUnit {
	unitId: string;
	level: string;
	/** Rounded published count, or null when withheld (fewer than k responses, or suppressed to protect a neighbour). */
	count: number | null;
	centre: { lon: number; lat: number } | null;
	nearestHubs: { id: string; name: string; metres: number }[];
}

export interface Coverage {
	placeId: string;
	k: number;
	roundingBase: number;
	/** Rounded total, or null when withheld. */
	total: number | null;
	units: CoverageUnit[];
}

const QUESTIONNAIRE = 'questionnaire';

function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
	const rad = Math.PI / 180;
	const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
	const y = (b.lat - a.lat) * rad;
	return Math.round(Math.sqrt(x * x + y * y) * 6_371_000);
}

export async function responseCoverage(db: Kysely<Database>, placeId: string, settings: { k: number; roundingBase: number }): Promise<Coverage> {
	const srid = await placeProjectedSrid(db, placeId);
	if (srid === undefined) throw notFound(`There is no place "${placeId}".`);
	const cells = await responseCellsForPlace(db, placeId, srid);
	const records = cells.map(({ x, y }) => {
		const cell = hexCellAt(x, y, BASE_CELL_SIZE_M);
		return { cell: formatHexCellId('hex250', cell.i, cell.j), skillGroup: QUESTIONNAIRE, overseasQualification: false, englishTestPassed: false, professionallyRegistered: false };
	});
	const publication = publishResidentLayers(records, createHexCellHierarchy({ placeId: 'place' }), { skillGroups: [QUESTIONNAIRE], k: settings.k, roundingBase: settings.roundingBase });
	const layer = publication.layers.get('all/any');
	const hubs = (await listCommunityHubs(db, placeId)).map((h) => ({ id: h.id, name: h.name, lon: h.geometry.coordinates[0]!, lat: h.geometry.coordinates[1]! }));
	const units: CoverageUnit[] = [];
	const centreOf = async (unitId: string) => {
		const parsed = parseHexCellId(unitId);
		if (!parsed || !(parsed.levelName in HEX_LEVEL_SIZES)) return null;
		const c = hexCellCentreOf(parsed.i, parsed.j, HEX_LEVEL_SIZES[parsed.levelName as keyof typeof HEX_LEVEL_SIZES]);
		const exact = await projectedToLonLat(db, c.x, c.y, srid);
		// About 100 m: enough to find the area, never a cell centre to the metre.
		return { lon: Math.round(exact.lon * 1000) / 1000, lat: Math.round(exact.lat * 1000) / 1000 };
	};
	const withHubs = (centre: { lon: number; lat: number } | null) =>
		centre
			? hubs
					.map((h) => ({ id: h.id, name: h.name, metres: metresBetween(centre, h) }))
					.sort((a, b) => a.metres - b.metres)
					.slice(0, 3)
			: [];
	for (const u of layer?.units ?? []) {
		const centre = await centreOf(u.id);
		units.push({ unitId: u.id, level: u.level, count: u.count, centre, nearestHubs: [] });
	}
	for (const id of layer?.suppressedUnits ?? []) {
		const centre = await centreOf(id);
		units.push({ unitId: id, level: parseHexCellId(id)?.levelName ?? 'place', count: null, centre, nearestHubs: withHubs(centre) });
	}
	units.sort((a, b) => (a.count ?? -1) - (b.count ?? -1) || a.unitId.localeCompare(b.unitId));
	return { placeId, k: publication.k, roundingBase: publication.roundingBase, total: layer?.total ?? 0, units };
}
