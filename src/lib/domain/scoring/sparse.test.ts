import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreBySpec } from './by-spec';
import { gravityDecay } from './gravity';
import { parseScoreSpec, LARGEST_CATCHMENT_METRES, MAX_MINUTES, hasCatchment, metresPerMinute, WALKING_SPEEDS, SCORING_METHODS } from './spec';
import { arbitraryScoringInput } from './test-support';
import { sparseTravelTimes, travelTimesFromPairs } from './travel-times';
import { workedDistances, workedOrigins, workedSites } from './fixtures/worked';
import type { ScoringInput, TravelColumn, TravelTimes } from './types';

/** The same matrix held sparsely: each site's finite times, rows in order. */
function sparseOf(travel: TravelTimes): ScoringInput['travel'] {
	const stride = travel.siteIds.length;
	const columns: TravelColumn[] = travel.siteIds.map((_, j) => {
		const rows: number[] = [];
		const minutes: number[] = [];
		travel.originIds.forEach((_, i) => {
			const value = travel.minutes[i * stride + j] as number;
			if (value !== Infinity) {
				rows.push(i);
				minutes.push(value);
			}
		});
		return { rows: Int32Array.from(rows), minutes: Float64Array.from(minutes) };
	});
	return sparseTravelTimes(travel.originIds, travel.siteIds, columns);
}

const SPECS = ['method=cumulative', 'method=gravity', 'method=gravity&decay=exponential&halfWeight=7', 'method=2sfca&threshold=25', 'method=e2sfca', 'method=e2sfca&bands=5,15&weights=1,0'];
const spec = (query: string) => {
	const params = new URLSearchParams(query);
	return parseScoreSpec((name) => params.get(name));
};

describe('the engine over a sparse matrix', () => {
	it('gives the same bits as over the dense matrix, for every method, and the same explanations', () => {
		fc.assert(
			fc.property(arbitraryScoringInput, fc.constantFrom(...SPECS), (input, query) => {
				const dense = scoreBySpec(spec(query), input);
				const sparse = scoreBySpec(spec(query), { ...input, travel: sparseOf(input.travel as TravelTimes) });
				expect(sparse.cells).toEqual(dense.cells);
				expect(sparse.sites).toEqual(dense.sites);
				for (const origin of input.origins) expect(sparse.explain(origin.id)).toEqual(dense.explain(origin.id));
				for (const site of input.sites) expect(sparse.reach(site.id)).toEqual(dense.reach(site.id));
			})
		);
	});

	it("lists a site's reach with weights that give its demand", () => {
		fc.assert(
			fc.property(arbitraryScoringInput, fc.constantFrom(...SPECS), (input, query) => {
				const result = scoreBySpec(spec(query), input);
				const supply = new Map(input.origins.map((o) => [o.id, o.supply]));
				result.sites.forEach((site) => {
					const reach = result.reach(site.siteId);
					expect(reach.every((r) => r.weight > 0)).toBe(true);
					const demand = reach.reduce((sum, r) => sum + supply.get(r.originId)! * r.weight, 0);
					expect(demand).toBe(site.demand);
				});
			})
		);
	});

	it('scores a subset of origins in the order given, as the dense matrix does', () => {
		const travel = travelTimesFromPairs(['a', 'b', 'c'], ['x', 'y', 'z'], workedDistances);
		const origins = [workedOrigins[2]!, workedOrigins[0]!];
		const dense = scoreBySpec(spec('method=e2sfca'), { origins, sites: workedSites, travel });
		const sparse = scoreBySpec(spec('method=e2sfca'), { origins, sites: workedSites, travel: sparseOf(travel) });
		expect(sparse.cells).toEqual(dense.cells);
		expect(sparse.sites.map((s) => s.demand)).toEqual(dense.sites.map((s) => s.demand));
	});

	it('refuses columns it cannot trust', () => {
		expect(() => sparseTravelTimes(['a', 'b'], ['x'], [{ rows: Int32Array.from([1, 0]), minutes: Float64Array.from([1, 2]) }])).toThrow('increasing order');
		expect(() => sparseTravelTimes(['a'], ['x'], [{ rows: Int32Array.from([1]), minutes: Float64Array.from([1]) }])).toThrow('rows below 1');
		expect(() => sparseTravelTimes(['a'], ['x'], [{ rows: Int32Array.from([0]), minutes: Float64Array.from([-1]) }])).toThrow('non-negative');
		expect(() => sparseTravelTimes(['a'], ['x', 'y'], [{ rows: new Int32Array(0), minutes: new Float64Array(0) }])).toThrow('1 columns for 2 sites');
	});
});

describe('the largest catchment', () => {
	it('is the longest time a request may name at the fastest speed', () => {
		expect(LARGEST_CATCHMENT_METRES).toBe(9600);
		expect(MAX_MINUTES * Math.max(...WALKING_SPEEDS.map(metresPerMinute))).toBe(LARGEST_CATCHMENT_METRES);
	});

	it('weighs every pair past it 0 under every spec a request can give, except gravity', () => {
		const minutes = fc.double({ min: 0.5, max: MAX_MINUTES, noNaN: true }).map((m) => Math.round(m * 2) / 2);
		const query = fc.record({
			method: fc.constantFrom(...SCORING_METHODS),
			speed: fc.constantFrom(...WALKING_SPEEDS),
			threshold: minutes,
			edges: fc.uniqueArray(minutes, { minLength: 1, maxLength: 10 }).map((edges) => edges.sort((a, b) => a - b))
		});
		fc.assert(
			fc.property(query, fc.double({ min: 0, max: 50_000, noNaN: true }), ({ method, speed, threshold, edges }, beyond) => {
				const parsed = spec(`method=${method}&speed=${speed}&threshold=${threshold}&bands=${edges.join(',')}&weights=${edges.map(() => 1).join(',')}`);
				const travel = sparseTravelTimes(['far', 'edge'], ['site'], [
					{ rows: Int32Array.from([0, 1]), minutes: Float64Array.from([(LARGEST_CATCHMENT_METRES + 1e-6 + beyond) / metresPerMinute(speed), LARGEST_CATCHMENT_METRES / metresPerMinute(speed)]) }
				]);
				const result = scoreBySpec(parsed, { origins: [{ id: 'far', supply: 1 }, { id: 'edge', supply: 1 }], sites: [{ id: 'site', opportunities: 10 }], travel });
				// The edge itself is inside the widest catchment; gravity counts whatever its decay gives, however far.
				if (hasCatchment(parsed)) expect(result.cells[0]!.score).toBe(0);
				else expect(result.cells[0]!.score).toBe(10 * gravityDecay({ form: parsed.gravityForm, halfWeightMinutes: parsed.halfWeightMinutes }).weight(travel.columns[0]!.minutes[0]!));
			})
		);
	});
});
