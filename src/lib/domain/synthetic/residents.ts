/**
 * A labelled synthetic population of resident skill records, built from a place's profile.
 * It stands in for what community researchers would collect, so that maps, scores and the
 * anonymisation rules can be shown without any real person's data. Every record is synthetic;
 * the loader stores it with synthetic = true and location_source = 'synthetic'.
 *
 * Like real records (DESIGN.md), a synthetic resident has no home location: only the centre of
 * the ST_HexagonGrid cell that a point drawn inside a residential area fell in.
 */
import { hexCellAt, type HexCell } from '../cells/hex';
import { containsWithMargin, uniformPointIn, type PlanarMultiPolygon } from './planar';
import type { PopulationProfile, ResidentProfile, WeightTable } from './profile';
import { chance, pickWeighted, randomStream, randomUuid, shuffled, type Random } from './random';

/** Where people live, projected to the place's metric CRS, with a relative share of residents. */
export interface ResidentialArea {
	readonly id: string;
	readonly name: string;
	readonly weight: number;
	readonly shape: PlanarMultiPolygon;
}

/** The projected place boundary and residential areas that synthetic points are drawn from. */
export interface PlacementFrame {
	readonly boundary: PlanarMultiPolygon;
	readonly areas: readonly ResidentialArea[];
}

export interface SyntheticResident {
	readonly id: string;
	readonly skillGroupId: string;
	readonly qualificationLevel: number;
	readonly overseasQualification: boolean;
	readonly englishTestPassed: boolean;
	readonly professionallyRegistered: boolean;
	/** Main language first. */
	readonly languages: readonly string[];
	/** Born abroad. Not stored (the schema has no such column); kept to check the profile's share. */
	readonly migrant: boolean;
	/** For the overseas health-qualified: the profession, e.g. "midwife". Not stored. */
	readonly overseasHealthProfession: string | null;
	/** The cell the resident is counted in; its centre is the only location stored. */
	readonly cell: HexCell;
}

type ResidentAttributes = Omit<SyntheticResident, 'id' | 'cell'>;

function languagesOfMigrant(random: Random, firstLanguage: WeightTable<string>, alsoEnglish: number): string[] {
	const first = pickWeighted(random, firstLanguage);
	return first !== 'English' && chance(random, alsoEnglish) ? [first, 'English'] : [first];
}

function overseasHealthResidents(random: Random, profile: ResidentProfile): ResidentAttributes[] {
	const health = profile.overseasHealthQualified;
	const residents: ResidentAttributes[] = [];
	for (const profession of health.professions) {
		for (let k = 0; k < profession.count; k++) {
			// Registration (GMC, NMC, HCPC) needs the English test first, hence the conditional share.
			const englishTestPassed = chance(random, health.englishTestPassedShare);
			residents.push({
				skillGroupId: profession.skillGroupId,
				qualificationLevel: profession.qualificationLevel,
				overseasQualification: true,
				englishTestPassed,
				professionallyRegistered: englishTestPassed && chance(random, health.registeredShareAfterEnglishTest),
				languages: languagesOfMigrant(random, health.firstLanguage, health.alsoSpeaksEnglishShare),
				migrant: true,
				overseasHealthProfession: profession.profession
			});
		}
	}
	return residents;
}

function generalResident(random: Random, profile: ResidentProfile, migrantShare: number, healthGroups: Set<string>): ResidentAttributes {
	const migrant = chance(random, migrantShare);
	const level = pickWeighted(random, profile.qualificationLevels);
	const byLevel = profile.skillGroupsByQualification;
	const skillGroupId = pickWeighted(random, level <= 2 ? byLevel.levels0to2 : level <= 5 ? byLevel.levels3to5 : byLevel.levels6to8);
	// The overseas health-qualified are generated apart (their count is a reported fact), so a
	// general resident in a health group is UK-qualified: the count stays exactly the profile's.
	const overseasQualification =
		migrant && level >= 3 && !healthGroups.has(skillGroupId) && chance(random, profile.overseasQualifiedShareOfMigrantsLevel3Plus);
	const englishTestPassed = overseasQualification && chance(random, profile.englishTestPassedShareOfOverseasQualified);
	const professionallyRegistered =
		!overseasQualification &&
		level >= 5 &&
		profile.regulatedSkillGroups.includes(skillGroupId) &&
		chance(random, profile.registeredShareOfUkQualifiedRegulated);
	const languages = migrant
		? languagesOfMigrant(random, profile.migrantFirstLanguage, profile.migrantAlsoSpeaksEnglishShare)
		: chance(random, profile.ukBornHeritageLanguageShare)
			? ['English', pickWeighted(random, profile.ukBornHeritageLanguage)]
			: ['English'];
	return {
		skillGroupId,
		qualificationLevel: level,
		overseasQualification,
		englishTestPassed,
		professionallyRegistered,
		languages,
		migrant,
		overseasHealthProfession: null
	};
}

/**
 * The cell of a point drawn uniformly inside a residential area (areas chosen by weight), kept
 * only if the cell's centre lies inside the place and `margin` from its edge, so that every stored
 * point is inside the boundary even after the datum shift back to WGS84.
 */
export function drawResidentCell(
	random: Random,
	frame: PlacementFrame,
	cellSize: number,
	margin: number,
	maxTries = 1000
): HexCell {
	const areas = frame.areas.map((area) => [area, area.weight] as const);
	for (let attempt = 0; attempt < maxTries; attempt++) {
		const area = pickWeighted(random, areas);
		const [x, y] = uniformPointIn(random, area.shape);
		const cell = hexCellAt(x, y, cellSize);
		if (containsWithMargin(frame.boundary, cell.x, cell.y, margin)) return cell;
	}
	throw new RangeError(
		`no cell centre fell inside the place boundary in ${maxTries} tries: do the residential areas lie inside it?`
	);
}

function assertFrame(frame: PlacementFrame): void {
	if (frame.areas.length === 0) throw new RangeError('a synthetic population needs at least one residential area');
	if (!frame.areas.some((area) => area.weight > 0)) throw new RangeError('no residential area has a positive weight');
}

/**
 * Residents as the profile describes them, in a seeded random order (so that, say, the overseas
 * health-qualified are not the first rows), each with a seeded UUID and a cell.
 * Separate random streams for attributes, locations and ids keep each reproducible on its own.
 */
export function generateResidents(profile: PopulationProfile, frame: PlacementFrame): SyntheticResident[] {
	assertFrame(frame);
	const residentProfile = profile.residents;
	const attributes = randomStream(profile.seed, 'residents/attributes');
	const health = overseasHealthResidents(attributes, residentProfile);
	const generalCount = residentProfile.count - health.length;
	// Every overseas health-qualified resident is a migrant; the rest make up the overall share.
	const generalMigrantShare =
		generalCount > 0 ? (residentProfile.migrantShare * residentProfile.count - health.length) / generalCount : 0;
	const healthGroups = new Set(residentProfile.overseasHealthQualified.professions.map((p) => p.skillGroupId));
	const general = Array.from({ length: generalCount }, () =>
		generalResident(attributes, residentProfile, generalMigrantShare, healthGroups)
	);
	const locations = randomStream(profile.seed, 'residents/locations');
	const ids = randomStream(profile.seed, 'residents/ids');
	return shuffled(attributes, [...health, ...general]).map((resident) => ({
		id: randomUuid(ids),
		...resident,
		cell: drawResidentCell(locations, frame, profile.cellSize, profile.boundaryMargin)
	}));
}
