import { cumulativeOpportunities } from './cumulative';
import { enhancedTwoStepFloatingCatchment } from './e2sfca';
import { gravityAccessibility } from './gravity';
import type { ScoreSpec } from './spec';
import { twoStepFloatingCatchment } from './2sfca';
import type { AccessibilityResult, ScoringInput } from './types';

/** Runs the method a spec names with the spec's parameters: the one place a spec meets the engine. */
export function scoreBySpec(spec: Pick<ScoreSpec, 'method' | 'thresholdMinutes' | 'gravityForm' | 'halfWeightMinutes' | 'bands'>, input: ScoringInput): AccessibilityResult {
	switch (spec.method) {
		case 'cumulative':
			return cumulativeOpportunities(input, { thresholdMinutes: spec.thresholdMinutes });
		case 'gravity':
			return gravityAccessibility(input, { form: spec.gravityForm, halfWeightMinutes: spec.halfWeightMinutes });
		case '2sfca':
			return twoStepFloatingCatchment(input, { thresholdMinutes: spec.thresholdMinutes });
		case 'e2sfca':
			return enhancedTwoStepFloatingCatchment(input, { bands: spec.bands });
	}
}
