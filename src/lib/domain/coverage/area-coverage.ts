/**
 * Questionnaire coverage per reference area against its population, from PUBLISHED counts only.
 *
 * The areas themselves are the publication's units: each response is counted in the area its
 * cell centre lies in (or in one "outside" unit), and the counts go through the same pipeline as
 * every resident layer (publishResidentLayers: k threshold, secondary suppression so a withheld
 * area cannot be worked out from the total and the others, rounding). Intersecting areas with the
 * published hexagons instead would release finer counts than either partition. The ladder above
 * an area is a chain of itself (no coarser geography is known to nest it), so a small area is
 * withheld rather than merged.
 *
 * The rate is the published (rounded) count per 1,000 residents, so it says nothing the count does
 * not. An area is under-surveyed when its count is withheld (fewer than k responses, or hidden to
 * protect a neighbour) or its rate is below the stated threshold.
 */
import type { CellHierarchy, Level } from '../privacy/cell-hierarchy';
import { publishResidentLayers } from '../privacy/publish';

/** The unit for responses outside every loaded area. */
export const OUTSIDE_AREAS = 'outside';

const QUESTIONNAIRE = 'questionnaire';
const UNIT_PREFIX = 'area:';

/** Default under-surveyed threshold: fewer than 5 published responses per 1,000 residents (1 in 200). */
export const DEFAULT_RATE_THRESHOLD_PER_1000 = 5;

export interface CoverageAreaInput {
	readonly code: string;
	/** Usual residents, or null where no figure is loaded. */
	readonly population: number | null;
}

export interface AreaCoverageFigure {
	readonly code: string;
	/** Published (rounded) response count; 0 when nobody answered there; null when withheld. */
	readonly count: number | null;
	/** count per 1,000 residents, one decimal; null when withheld or without a population. */
	readonly ratePer1000: number | null;
	readonly underSurveyed: boolean;
	/** Why it is flagged: 'withheld' (count withheld) or 'low-rate' (rate below the threshold). */
	readonly reason: 'withheld' | 'low-rate' | null;
}

export interface AreaCoverageFigures {
	readonly k: number;
	readonly roundingBase: number;
	readonly rateThresholdPer1000: number;
	/** Rounded total of responses in the place, or null when withheld. */
	readonly total: number | null;
	readonly areas: readonly AreaCoverageFigure[];
	/** Responses outside every loaded area: published count (0 when none), or null when withheld. */
	readonly outside: number | null;
}

const unitOf = (code: string | null) => (code === null ? OUTSIDE_AREAS : UNIT_PREFIX + code);

/**
 * Areas as units. Ids must differ between levels (cell-tree.ts), so the levels above an area are
 * its id with the level appended; `areaCodeOfUnit` reads any of them back.
 */
export function createAreaHierarchy(): CellHierarchy {
	return {
		parentOf(cellId: string, level: Level): string {
			if (level === 'place') return 'place';
			return level === 'hex250' ? cellId : `${cellId}@${level}`;
		}
	};
}

/** The area code of a published unit id at any level, or null for the outside unit. */
export function areaCodeOfUnit(unitId: string): string | null {
	const base = unitId.replace(/@(hex500|hex1000)$/, '');
	return base.startsWith(UNIT_PREFIX) ? base.slice(UNIT_PREFIX.length) : null;
}

/**
 * @param responseAreas one entry per response: the code of its area, or null (outside every area).
 *   Codes not among `areas` count as outside.
 */
export function publishAreaCoverage(
	responseAreas: readonly (string | null)[],
	areas: readonly CoverageAreaInput[],
	settings: { k: number; roundingBase: number; rateThresholdPer1000?: number }
): AreaCoverageFigures {
	const threshold = settings.rateThresholdPer1000 ?? DEFAULT_RATE_THRESHOLD_PER_1000;
	const known = new Set(areas.map((a) => a.code));
	const records = responseAreas.map((code) => ({
		cell: unitOf(code !== null && known.has(code) ? code : null),
		skillGroup: QUESTIONNAIRE,
		overseasQualification: false,
		englishTestPassed: false,
		professionallyRegistered: false
	}));
	const publication = publishResidentLayers(records, createAreaHierarchy(), { skillGroups: [QUESTIONNAIRE], k: settings.k, roundingBase: settings.roundingBase });
	const layer = publication.layers.get('all/any');
	const released = new Map<string | null, number>();
	for (const unit of layer?.units ?? []) released.set(areaCodeOfUnit(unit.id), unit.count);
	const withheld = new Set((layer?.suppressedUnits ?? []).map(areaCodeOfUnit));
	// A unit that is neither released nor withheld holds no response: its published count is 0.
	const countOf = (code: string | null): number | null => (withheld.has(code) ? null : (released.get(code) ?? 0));

	const figures = areas.map((area): AreaCoverageFigure => {
		const count = countOf(area.code);
		const ratePer1000 = count === null || !area.population ? null : Math.round((count / area.population) * 10_000) / 10;
		const reason = count === null ? 'withheld' : ratePer1000 !== null && ratePer1000 < threshold ? 'low-rate' : null;
		return { code: area.code, count, ratePer1000, underSurveyed: reason !== null, reason };
	});
	return {
		k: publication.k,
		roundingBase: publication.roundingBase,
		rateThresholdPer1000: threshold,
		total: layer?.total ?? 0,
		areas: figures,
		outside: countOf(null)
	};
}
