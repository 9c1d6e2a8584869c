import { describe, expect, it } from 'vitest';
import { viewParamsFrom, viewParamsProblem, viewQuery } from './view-params';

describe('view parameters', () => {
	it('round-trips a map state through its URL', () => {
		const params = { lon: '-1.93', lat: '52.485', z: '14.5', layers: 'sites,scores', scores: 'e2sfca', skill: 'nursing-midwifery' };
		expect(viewParamsFrom(`?${viewQuery(params)}`)).toEqual(params);
		expect(viewQuery({ b: '2', a: '1' })).toBe('a=1&b=2');
		expect(viewQuery({ caption: 'a & b = c' })).toBe('caption=a+%26+b+%3D+c');
	});

	it('names what is wrong with a bad state', () => {
		expect(viewParamsProblem({ z: '12' })).toBeNull();
		expect(viewParamsProblem([])).toMatch(/must be an object/);
		expect(viewParamsProblem({ z: 12 })).toMatch(/"z" must be a string/);
		expect(viewParamsProblem({ '<script>': 'x' })).toMatch(/not a plain name/);
		expect(viewParamsProblem({ q: 'x'.repeat(501) })).toMatch(/longer than 500/);
		expect(viewParamsProblem(Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`p${i}`, '1'])))).toMatch(/at most 40/);
	});
});
