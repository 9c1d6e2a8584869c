import { describe, expect, it } from 'vitest';
import { valueDistribution } from '../domain/tiles/distribution';
import {
	classesFromBreaks,
	fixedBreaksOf,
	parseBreaks,
	differenceClasses,
	differenceColourExpression,
	GAIN_COLOURS,
	LOSS_COLOURS,
	NO_SCORE_COLOUR,
	ordinal,
	roundToSignificant,
	SCORE_LAYER_IDS,
	SCORE_PALETTE,
	scoreClasses,
	scoreColourExpression,
	scoreLayerSpecs,
	scoreSettingsFromUrl,
	selectedCellFromUrl,
	UNCHANGED_COLOUR,
	writeScoreSettings,
	type ScoreClass
} from './scores';

/** The class a value falls in, by the same rule the step expression uses. */
function classOf(classes: readonly ScoreClass[], value: number): ScoreClass | undefined {
	if (value === 0) return classes.find((c) => c.none);
	return classes.filter((c) => !c.none).findLast((c) => value >= c.from || c === classes.find((k) => !k.none));
}

describe('scoreClasses', () => {
	it('makes five quantile classes over positive scores and a class of its own for zero', () => {
		const scores = [0, 0, ...Array.from({ length: 100 }, (_, i) => (i + 1) / 100)];
		const classes = scoreClasses(scores);
		expect(classes[0]).toMatchObject({ none: true, colour: NO_SCORE_COLOUR, label: 'No opportunities in reach' });
		const ranked = classes.filter((c) => !c.none);
		expect(ranked).toHaveLength(5);
		expect(ranked.map((c) => c.colour)).toEqual([...SCORE_PALETTE]);
		expect(ranked.map((c) => c.from).slice(1)).toEqual([0.21, 0.41, 0.6, 0.8]);
		expect(ranked[0]!.label).toBe('under 0.21');
		expect(ranked.at(-1)!.label).toBe('0.8 or more');
		expect(ranked.at(-1)!.to).toBeNull();
		// Roughly a fifth of the cells in each class.
		for (const c of ranked) {
			const n = scores.filter((s) => s > 0 && classOf(classes, s) === c).length;
			expect(n).toBeGreaterThan(15);
			expect(n).toBeLessThan(25);
		}
	});

	it('merges repeated breaks and keeps the darkest colours for the top', () => {
		const classes = scoreClasses([5, 5, 5, 5, 5, 5, 10]);
		expect(classes.map((c) => c.colour)).toEqual(SCORE_PALETTE.slice(-classes.length));
		expect(classes.length).toBeLessThan(5);
		expect(scoreClasses([3, 3, 3])).toEqual([{ from: 3, to: null, colour: SCORE_PALETTE[4], label: '3' }]);
		// One class: no `step` (MapLibre refuses a step without stops), just the colour.
		expect(scoreColourExpression(scoreClasses([0, 104, 104]))).toEqual(['case', ['<=', ['get', 'score'], 0], NO_SCORE_COLOUR, SCORE_PALETTE[4]]);
	});

	it('gives only the zero class when nothing is in reach anywhere, and nothing for no cells', () => {
		expect(scoreClasses([0, 0]).map((c) => c.label)).toEqual(['No opportunities in reach']);
		expect(scoreClasses([])).toEqual([]);
	});

	it('colours zero grey and the rest by step, in a MapLibre expression', () => {
		const classes = scoreClasses([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		const expression = scoreColourExpression(classes) as unknown[];
		expect(expression[0]).toBe('case');
		expect(expression[2]).toBe(NO_SCORE_COLOUR);
		const step = expression[3] as unknown[];
		expect(step[0]).toBe('step');
		expect(step).toHaveLength(3 + 2 * (classes.filter((c) => !c.none).length - 1));
	});
});

describe('differenceClasses', () => {
	it('splits gains and losses into two shades each around an unchanged class', () => {
		const classes = differenceClasses([-4, -1, 0, 0, 0.5, 2, 10]);
		expect(classes.map((c) => c.colour)).toEqual([LOSS_COLOURS[1], LOSS_COLOURS[0], UNCHANGED_COLOUR, GAIN_COLOURS[0], GAIN_COLOURS[1]]);
		expect(classes.map((c) => c.label)).toEqual(['−2 or more lost', 'less than 2 lost', 'No change', 'less than 5 gained', '+5 or more gained']);
		const expression = differenceColourExpression(classes) as unknown[];
		expect(expression[0]).toBe('case');
		expect(expression.at(-1)).toBe(UNCHANGED_COLOUR);
	});

	it('has only "better" and "no change" when nothing got worse', () => {
		const classes = differenceClasses([0, 3, 3]);
		expect(classes.map((c) => c.label)).toEqual(['No change', 'Better']);
		expect(differenceClasses([0, 0]).map((c) => c.label)).toEqual(['No change']);
	});
});

describe('URL state', () => {
	it('reads and writes the score layer so a reload restores it', () => {
		const url = new URL('http://x/?place=p&site=s');
		writeScoreSettings(url, { method: 'gravity', skill: 'nursing-midwifery', distance: 'walk', scenario: '3409D07F-70CE-4D9C-92F0-1BD8339C362A' }, 'hex250:1078:664');
		expect(url.searchParams.get('place')).toBe('p');
		expect(url.searchParams.get('site')).toBe('s');
		expect(scoreSettingsFromUrl(url.searchParams)).toEqual({ method: 'gravity', skill: 'nursing-midwifery', distance: 'walk', scenario: '3409d07f-70ce-4d9c-92f0-1bd8339c362a' });
		expect(selectedCellFromUrl(url.searchParams)).toBe('hex250:1078:664');
		writeScoreSettings(url, null);
		expect(url.search).toBe('?place=p&site=s');
	});

	it('treats a missing or unknown method as "off" and falls back on bad values', () => {
		expect(scoreSettingsFromUrl(new URLSearchParams(''))).toBeNull();
		expect(scoreSettingsFromUrl(new URLSearchParams('scores=magic'))).toBeNull();
		expect(scoreSettingsFromUrl(new URLSearchParams('scores=2sfca&skill=<b>&distance=fly&scenario=nope'))).toEqual({ method: '2sfca', skill: 'all', distance: 'straight', scenario: null });
		expect(selectedCellFromUrl(new URLSearchParams('cell=1,2'))).toBeNull();
	});

	it('leaves the defaults out of the URL', () => {
		const url = writeScoreSettings(new URL('http://x/'), { method: 'e2sfca', skill: 'all', distance: 'straight', scenario: null });
		expect(url.search).toBe('?scores=e2sfca');
	});
});

describe('words and numbers', () => {
	it('says ranks as ordinals', () => {
		expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 112, 133].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '112th', '133rd']);
	});

	it('rounds to significant figures', () => {
		expect(roundToSignificant(0.746988)).toBe(0.75);
		expect(roundToSignificant(412.486)).toBe(410);
		expect(roundToSignificant(0)).toBe(0);
	});

	it('draws fill, edges and a selected-cell outline', () => {
		const specs = scoreLayerSpecs('#000', 'hex250:1:2');
		expect(specs.map((s) => s.id)).toEqual([SCORE_LAYER_IDS.fill, SCORE_LAYER_IDS.outline, SCORE_LAYER_IDS.selected]);
		expect((specs[2] as { filter: unknown }).filter).toEqual(['==', ['get', 'cell'], 'hex250:1:2']);
	});
});

describe('fixed class breaks (issue 17)', () => {
	it('keeps at least five classes even when ties merge the quantiles', () => {
		const tied = valueDistribution([2.2, 2.2, 2.2, 2.2, 2.2, 2.2, 9, 0, 0]);
		const breaks = fixedBreaksOf(tied);
		expect(breaks.length).toBeGreaterThanOrEqual(4);
		expect(breaks).toEqual([...breaks].sort((a, b) => a - b));
		const classes = classesFromBreaks(breaks, true);
		expect(classes.filter((c) => !c.none).length).toBeGreaterThanOrEqual(5);
		expect(classes[0]!.label).toBe('No opportunities in reach');
	});

	it('travels in the URL and is refused when malformed', () => {
		const url = writeScoreSettings(new URL('http://x/'), { method: '2sfca', skill: 'all', distance: 'straight', scenario: null, breaks: [0.5, 1, 2, 4] });
		expect(url.searchParams.get('breaks')).toBe('0.5,1,2,4');
		expect(scoreSettingsFromUrl(url.searchParams)?.breaks).toEqual([0.5, 1, 2, 4]);
		expect(parseBreaks('1,2')).toBeNull();
		expect(parseBreaks('1,3,2,4')).toBeNull();
		expect(parseBreaks('1,2,x,4')).toBeNull();
	});

	it('draws the same classes for the same breaks whatever the layer', () => {
		const a = classesFromBreaks([0.5, 1, 2, 4], true).map((c) => [c.label, c.colour]);
		const b = classesFromBreaks([0.5, 1, 2, 4], true).map((c) => [c.label, c.colour]);
		expect(a).toEqual(b);
		expect(a.map((x) => x[0])).toEqual(['No opportunities in reach', 'under 0.5', '0.5 to 1', '1 to 2', '2 to 4', '4 or more']);
	});
});

describe('the before/after difference map in the URL (issue 17)', () => {
	const scenario = '3f1c2b7e-5d4a-4c3b-9a8e-1f2d3c4b5a69';
	it('travels as difference=1 with its scenario, and carries no fixed score classes', () => {
		const url = writeScoreSettings(new URL('http://x/'), { method: '2sfca', skill: 'all', distance: 'straight', scenario, difference: true, breaks: [0.5, 1, 2, 4] });
		expect(url.searchParams.get('difference')).toBe('1');
		expect(url.searchParams.has('breaks')).toBe(false);
		expect(scoreSettingsFromUrl(url.searchParams)).toEqual({ method: '2sfca', skill: 'all', distance: 'straight', scenario, difference: true });
	});

	it('is the scores again without a scenario to differ from', () => {
		const settings = scoreSettingsFromUrl(new URLSearchParams('scores=2sfca&difference=1&breaks=1,2,3,4'));
		expect(settings?.difference).toBeUndefined();
		expect(settings?.breaks).toEqual([1, 2, 3, 4]);
		expect(writeScoreSettings(new URL('http://x/'), { method: '2sfca', skill: 'all', distance: 'straight', scenario: null, difference: true }).searchParams.has('difference')).toBe(false);
	});
});
