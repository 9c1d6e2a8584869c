/** Labelled synthetic data for a place: residents' skills and social enterprises (see data/synthetic/README.md). */
export { generateEnterprises, type SyntheticEnterprise } from './enterprises';
export type { PlanarMultiPolygon } from './planar';
export { parsePopulationProfile, ProfileError, skillGroupsReferenced, type PopulationProfile } from './profile';
export { createRandom, randomStream, type Random } from './random';
export {
	drawResidentCell,
	generateResidents,
	type PlacementFrame,
	type ResidentialArea,
	type SyntheticResident
} from './residents';
