import { describe, expect, it } from 'vitest';
import type { ViewParams } from './view-params';
import { baselineSummaryQuery, breaksFromText, storyBreaksOf, viewKind, withStoryBreaks } from './class-breaks';

const SCENARIO = '3f1c2b7e-5d4a-4c3b-9a8e-1f2d3c4b5a69';

describe('a story view’s kind', () => {
	it('reads scores, difference maps and plain maps as the map does', () => {
		expect(viewKind({ z: '12' })).toBe('map');
		expect(viewKind({ scores: 'e2sfca' })).toBe('scores');
		expect(viewKind({ scores: 'nonsense' })).toBe('map');
		// Listed layers without scores: the map shows none.
		expect(viewKind({ scores: 'e2sfca', layers: 'sites' })).toBe('map');
		expect(viewKind({ scores: '2sfca', scenario: SCENARIO, difference: '1' })).toBe('difference');
		// A difference needs a scenario to differ from.
		expect(viewKind({ scores: '2sfca', difference: '1' })).toBe('scores');
	});
});

describe('the story’s class breaks', () => {
	it('are the first score view’s, skipping maps and difference maps', () => {
		const views: { params: ViewParams }[] = [
			{ params: { z: '12', breaks: '9,10,11,12' } },
			{ params: { scores: '2sfca', scenario: SCENARIO, difference: '1', breaks: '5,6,7,8' } },
			{ params: { scores: 'e2sfca' } },
			{ params: { scores: 'e2sfca', breaks: '0.5,1,2,4' } },
			{ params: { scores: 'e2sfca', breaks: '1,2,3,4' } }
		];
		expect(storyBreaksOf(views)).toEqual([0.5, 1, 2, 4]);
		expect(storyBreaksOf([{ params: { scores: 'e2sfca', breaks: '1,2' } }])).toBeNull();
	});

	it('are written into score views only, replacing their own', () => {
		expect(withStoryBreaks({ scores: 'e2sfca', breaks: '1,2,3,4' }, [0.5, 1, 2, 4])).toEqual({ scores: 'e2sfca', breaks: '0.5,1,2,4' });
		expect(withStoryBreaks({ scores: 'e2sfca', scenario: SCENARIO }, [0.5, 1, 2, 4])).toEqual({ scores: 'e2sfca', scenario: SCENARIO, breaks: '0.5,1,2,4' });
		expect(withStoryBreaks({ z: '12' }, [0.5, 1, 2, 4])).toEqual({ z: '12' });
		expect(withStoryBreaks({ scores: '2sfca', scenario: SCENARIO, difference: '1', breaks: '1,2,3,4' }, [0.5, 1, 2, 4])).toEqual({ scores: '2sfca', scenario: SCENARIO, difference: '1' });
	});

	it('can be typed by a planner, at least five classes', () => {
		expect(breaksFromText(' 0.5, 1 ,2; 4 8')).toEqual({ breaks: [0.5, 1, 2, 4, 8] });
		expect(breaksFromText('1, 2, 3')).toHaveProperty('problem');
		expect(breaksFromText('1, 3, 2, 4')).toHaveProperty('problem');
		expect(breaksFromText('0, 1, 2, 3')).toHaveProperty('problem');
	});

	it('are derived from the view’s baseline: same score, skills, distance and walk, no scenario', () => {
		const query = new URLSearchParams(baselineSummaryQuery('greater-icknield', { scores: '2sfca', skill: 'nursing-midwifery', distance: 'walk', walk: '15', scenario: SCENARIO })!);
		expect(Object.fromEntries(query)).toEqual({ place: 'greater-icknield', method: '2sfca', skill: 'nursing-midwifery', distance: 'walk', threshold: '15' });
		expect(baselineSummaryQuery('greater-icknield', { z: '12' })).toBeNull();
	});
});
