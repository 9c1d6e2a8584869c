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
import { coverageAreas, coverageAreaTypes, projectedToLonLat, responseAreaCodes, responseCellsForPlace } from './queries';
import { publishAreaCoverage, type AreaCoverageFigure } from '../../../domain/coverage/area-coverage';

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


/** Which area types coverage prefers, finest official geography with a population first. */
const AREA_TYPE_PREFERENCE = ['lsoa', 'msoa', 'ward', 'neighbourhood', 'output_area'];

export interface AreaCoverageRow extends AreaCoverageFigure {
	name: string | null;
	population: number | null;
	populationYear: number | null;
	populationIllustrative: boolean;
	/** Hubs nearest the area (for under-surveyed areas only), metres from a point on its surface. */
	nearestHubs: { id: string; name: string; metres: number }[];
	geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface AreaCoverage {
	placeId: string;
	areaType: string;
	/** Every area type with population figures in the place (what the page offers to switch to). */
	areaTypes: string[];
	k: number;
	roundingBase: number;
	rateThresholdPer1000: number;
	total: number | null;
	/** Published responses outside every area of this type (0 when none), null when withheld. */
	outside: number | null;
	areas: AreaCoverageRow[];
	/** The place's community hubs (public organisations), for the map. */
	hubs: { id: string; name: string; lon: number; lat: number }[];
}

/** The area types of a place that coverage can be read per head on, most preferred first. */
export async function populationAreaTypes(db: Kysely<Database>, placeId: string): Promise<string[]> {
	const types = await coverageAreaTypes(db, placeId);
	const rank = (t: string) => (AREA_TYPE_PREFERENCE.includes(t) ? AREA_TYPE_PREFERENCE.indexOf(t) : AREA_TYPE_PREFERENCE.length);
	return types.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * Coverage per reference area against its population (published counts only, see
 * domain/coverage/area-coverage.ts), or undefined when the place has no area with a population.
 * Under-surveyed areas carry the three hubs nearest a point on their surface.
 */
export async function areaCoverage(
	db: Kysely<Database>,
	placeId: string,
	settings: { k: number; roundingBase: number; rateThresholdPer1000?: number; areaType?: string }
): Promise<AreaCoverage | undefined> {
	if ((await placeProjectedSrid(db, placeId)) === undefined) throw notFound(`There is no place "${placeId}".`);
	const areaTypes = await populationAreaTypes(db, placeId);
	const areaType = settings.areaType !== undefined && areaTypes.includes(settings.areaType) ? settings.areaType : areaTypes[0];
	if (areaType === undefined) return undefined;
	const [areas, responseAreas, hubRows] = await Promise.all([
		coverageAreas(db, placeId, areaType),
		responseAreaCodes(db, placeId, areaType),
		listCommunityHubs(db, placeId)
	]);
	const figures = publishAreaCoverage(responseAreas, areas, settings);
	const hubs = hubRows.map((h) => ({ id: h.id, name: h.name, lon: h.geometry.coordinates[0]!, lat: h.geometry.coordinates[1]! }));
	const rows = areas.map((area, i): AreaCoverageRow => {
		const figure = figures.areas[i]!;
		return {
			...figure,
			name: area.name,
			population: area.population,
			populationYear: area.populationYear,
			populationIllustrative: area.populationIllustrative,
			nearestHubs: figure.underSurveyed
				? hubs
						.map((h) => ({ id: h.id, name: h.name, metres: metresBetween(area, h) }))
						.sort((a, b) => a.metres - b.metres)
						.slice(0, 3)
				: [],
			geometry: area.geometry
		};
	});
	return {
		placeId,
		areaType,
		areaTypes,
		k: figures.k,
		roundingBase: figures.roundingBase,
		rateThresholdPer1000: figures.rateThresholdPer1000,
		total: figures.total,
		outside: figures.outside,
		areas: rows,
		hubs
	};
}
