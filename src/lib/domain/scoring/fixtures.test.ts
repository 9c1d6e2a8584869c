import { describe, expect, it } from 'vitest';
import { edgeDistances, edgeExpected, edgeOrigins, edgeSites } from './fixtures/edges';
import { cumulativeOpportunities, enhancedTwoStepFloatingCatchment, gravityAccessibility, travelTimesFromPairs, twoStepFloatingCatchment } from './index';

const input = {
	origins: edgeOrigins,
	sites: edgeSites,
	travel: travelTimesFromPairs(['p', 'q'], ['u', 'v'], edgeDistances)
};

describe('the edge fixture (fixtures/README.md, section 2)', () => {
	it('counts a time on the catchment edge as inside, and ties share rank 1', () => {
		const result = cumulativeOpportunities(input);
		expect(result.cells.map((c) => c.score)).toEqual(edgeExpected.cumulative.scores);
		expect(result.cells.map((c) => c.rank)).toEqual(edgeExpected.cumulative.ranks);
		expect(result.cells.map((c) => c.percentile)).toEqual(edgeExpected.cumulative.percentiles);
	});

	it('gives a site with no supply in its catchment nothing to share (2SFCA)', () => {
		const result = twoStepFloatingCatchment(input);
		expect(result.cells.map((c) => c.score)).toEqual(edgeExpected.twoStep.scores);
		expect(result.sites.map((s) => s.demand)).toEqual(edgeExpected.twoStep.demand);
	});

	it('weighs negative-exponential gravity by the half-weight time', () => {
		const result = gravityAccessibility(input, { form: 'negativeExponential', halfWeightMinutes: 10 });
		result.cells.forEach((c, i) => expect(c.score).toBeCloseTo(edgeExpected.gravityExponential.scores[i]!, 8));
	});

	it('puts edge times in the nearer E2SFCA band and 31 min beyond all bands', () => {
		const result = enhancedTwoStepFloatingCatchment(input);
		result.cells.forEach((c, i) => expect(c.score).toBeCloseTo(edgeExpected.enhanced.scores[i]!, 8));
		expect(result.cells.map((c) => c.rank)).toEqual(edgeExpected.enhanced.ranks);
		result.sites.forEach((s, j) => {
			expect(s.demand).toBeCloseTo(edgeExpected.enhanced.demand[j]!, 10);
			expect(s.supplyRatio!).toBeCloseTo(edgeExpected.enhanced.supplyRatios[j]!, 8);
		});
		expect(result.explain('q').map((c) => c.band)).toEqual([{ fromMinutes: 10, toMinutes: 20 }]);
		const conserved = edgeOrigins.reduce((sum, o, i) => sum + o.supply * result.cells[i]!.score, 0);
		expect(conserved).toBeCloseTo(42, 10);
	});
});
