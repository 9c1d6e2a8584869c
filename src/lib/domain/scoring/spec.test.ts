import { describe, expect, it } from 'vitest';
import { DEFAULT_BANDS } from './e2sfca';
import { describeSpec, parseScoreSpec, ScoreSpecError, scoreSpecParameters } from './spec';

const parse = (query: string) => {
	const params = new URLSearchParams(query);
	return parseScoreSpec((name) => params.get(name), params.keys());
};

function problemsOf(query: string): readonly string[] {
	try {
		parse(query);
	} catch (err) {
		if (err instanceof ScoreSpecError) return err.problems;
		throw err;
	}
	throw new Error(`"${query}" was accepted`);
}

describe('parseScoreSpec', () => {
	it('defaults to E2SFCA over every skill group, straight line, baseline', () => {
		const spec = parse('');
		expect(spec).toMatchObject({ method: 'e2sfca', skill: 'all', readiness: 'any', distance: 'straight', speed: 'standard', scenario: null });
		expect(spec.bands).toBe(DEFAULT_BANDS);
		expect(spec.thresholdMinutes).toBe(20);
		expect(spec.halfWeightMinutes).toBe(10);
	});

	it('reads every parameter', () => {
		const spec = parse('method=gravity&skill=nursing&readiness=professionally_registered&distance=walk&speed=slower&decay=exponential&halfWeight=15&threshold=25&scenario=3f1c2b7e-5d4a-4c3b-9a8e-1f2d3c4b5a69');
		expect(spec).toMatchObject({
			method: 'gravity',
			skill: 'nursing',
			readiness: 'professionally_registered',
			distance: 'walk',
			speed: 'slower',
			gravityForm: 'negativeExponential',
			halfWeightMinutes: 15,
			thresholdMinutes: 25,
			scenario: '3f1c2b7e-5d4a-4c3b-9a8e-1f2d3c4b5a69'
		});
		expect(parse('scenario=baseline').scenario).toBeNull();
	});

	it('takes configurable E2SFCA bands with their weights', () => {
		expect(parse('bands=5,15&weights=1,0.5').bands).toEqual([
			{ upToMinutes: 5, weight: 1 },
			{ upToMinutes: 15, weight: 0.5 }
		]);
	});

	it('names each bad parameter, all at once', () => {
		const problems = problemsOf('method=best&distance=fly&threshold=-3&scenario=42&colour=red');
		expect(problems).toHaveLength(5);
		expect(problems.join(' ')).toMatch(/Unknown parameter "colour"/);
		expect(problems.join(' ')).toMatch(/method must be one of cumulative, gravity, 2sfca, e2sfca; got "best"/);
		expect(problems.join(' ')).toMatch(/distance must be one of straight, walk/);
		expect(problems.join(' ')).toMatch(/threshold must be a number of minutes above 0/);
		expect(problems.join(' ')).toMatch(/scenario must be a scenario id/);
	});

	it('refuses bands that do not make sense', () => {
		expect(problemsOf('bands=10,20')[0]).toMatch(/bands and weights go together/);
		expect(problemsOf('bands=10,20&weights=1')[0]).toMatch(/2 edges but weights has 1/);
		expect(problemsOf('bands=20,10&weights=1,0.5')[0]).toMatch(/strictly increasing/);
		expect(problemsOf('bands=10,20&weights=1,1.5')[0]).toMatch(/weights must lie in \[0, 1\]/);
		expect(problemsOf('bands=10,x&weights=1,1')[0]).toMatch(/comma-separated numbers/);
		expect(problemsOf("skill=Robert');DROP")[0]).toMatch(/skill must be "all" or a skill group id/);
	});

	it('round-trips through its URL parameters', () => {
		for (const query of ['', 'method=gravity&decay=exponential&halfWeight=7', 'method=e2sfca&bands=5,15&weights=1,0.5&distance=walk', 'method=2sfca&threshold=30&skill=nursing&speed=slower']) {
			const spec = parse(query);
			expect(parse(new URLSearchParams(scoreSpecParameters(spec)).toString())).toEqual(spec);
		}
	});

	it('describes the method for a legend', () => {
		expect(describeSpec(parse('method=cumulative&threshold=15'))).toBe('Opportunities within 15 min (straight line, 80 m/min)');
		expect(describeSpec(parse('method=e2sfca&distance=walk'))).toMatch(/^E2SFCA, bands ≤10 min ×1, ≤20 min ×0.68, ≤30 min ×0.22/);
	});
});
