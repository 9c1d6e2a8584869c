export * from './types';
export { walkingMinutes, travelTimesFromPairs, travelTimesFromMatrix, sparseTravelTimes } from './travel-times';
export { rankScores } from './ranking';
export { cumulativeOpportunities, DEFAULT_THRESHOLD_MINUTES, type CumulativeOptions } from './cumulative';
export { gravityAccessibility, gravityBeta, gravityDecay, DEFAULT_HALF_WEIGHT_MINUTES, type GravityDecayForm, type GravityOptions } from './gravity';
export { twoStepFloatingCatchment, type TwoStepOptions } from './2sfca';
export { enhancedTwoStepFloatingCatchment, bandedDecay, DEFAULT_BANDS, type WeightedBand, type EnhancedTwoStepOptions } from './e2sfca';
export { scoreBySpec } from './by-spec';
export { spreadPublishedSupply, PLACE_UNIT_ID, type SupplyCell } from './published-supply';
