/**
 * The public pages' translated text: English reads exactly as the English-only helpers wrote it
 * (other tests and the API's sentences depend on it), other languages get their own words, plural
 * forms and digits.
 */
import { describe, expect, it } from 'vitest';
import { gapSentence, rankPhrase } from '../../domain/scoring/gap';
import { formatDistance, formatPeriod, formatRatio } from '../site/summary';
import { compactGbp, distance, gapText, opportunityKind, periodText, rankText, ratio, walkWords, whole, yearsText } from './public-text';

const GAPS = [
	{ name: 'Nursing & midwifery', opportunities: 104, people: 30, balance: -75 },
	{ name: 'Construction', opportunities: 1, people: 0, balance: -1 },
	{ name: 'Administration', opportunities: 12, people: 40, balance: 30 },
	{ name: 'Catering', opportunities: 10, people: 10, balance: 0 },
	{ name: 'IT', opportunities: 2_400, people: 1_205, balance: -1_195 }
];

describe('public text in English is the English the pages always had', () => {
	it.each(GAPS)('the gap sentence for $name', (gap) => {
		for (const [minutes, kind] of [[20, 'straight'], [10, 'walk']] as const) {
			expect(gapText(gap, minutes, kind, 'en')).toBe(gapSentence(gap, minutes, kind));
		}
	});

	it('ranks, ratios, distances and periods', () => {
		for (const [rank, of] of [[1, 5], [2, 5], [3, 9], [11, 12], [22, 30], [13, 13]]) expect(rankText(rank!, of!, 'en')).toBe(rankPhrase(rank!, of!));
		for (const value of [null, 0, 0.304, 2.25, 9.96, 15.4, 1234.5]) expect(ratio(value, 'en')).toBe(formatRatio(value));
		for (const metres of [0, 4, 183, 994, 1_240, 12_345]) expect(distance(metres, 'en')).toBe(formatDistance(metres));
		for (const [start, end] of [['2025-01-01', '2025-12-31'], ['2025-04-01', null], [null, '2026-03-31'], [null, null]] as const) {
			expect(periodText(start, end, 'en')).toBe(formatPeriod(start, end));
		}
		expect(walkWords(20, 'straight', 'en')).toBe('20-minute walk (straight line)');
		expect(compactGbp(350_000_000, 'en')).toBe('£350m');
		expect(opportunityKind.counted('training', 1, 'en')).toBe('1 training place');
		expect(opportunityKind.counted('training', 39, 'en')).toBe('39 training places');
		expect(yearsText({ start: 2024, end: null }, 'en')).toBe('from 2024');
	});
});

describe('public text in other languages', () => {
	it('writes the gap sentence in the language, with its digits, keeping the skill group’s recorded name', () => {
		const gap = GAPS[4]!;
		const urdu = gapText(gap, 20, 'straight', 'ur');
		expect(urdu).toContain('آسامیاں');
		expect(urdu).toContain('2,400');
		expect(urdu).toContain('IT');
		expect(urdu).not.toContain('posts');
		expect(gapText(gap, 20, 'straight', 'pl')).toBe('2400 stanowisk: IT; około 1205 osób z okolicy z umiejętnościami: IT, do 20 minut pieszo (w linii prostej); brakuje około 1195');
		expect(gapText(gap, 20, 'straight', 'bn')).toContain('২,৪০০');
	});

	it('chooses the plural form by the language’s rules', () => {
		expect(opportunityKind.counted('job', 1, 'pl')).toBe('1 praca');
		expect(opportunityKind.counted('job', 3, 'pl')).toBe('3 prace');
		expect(opportunityKind.counted('job', 5, 'pl')).toBe('5 prac');
		expect(opportunityKind.counted('job', 22, 'pl')).toBe('22 prace');
		expect(walkWords(10, 'straight', 'ar')).toContain('دقائق');
		expect(walkWords(20, 'straight', 'ar')).toContain('دقيقة');
		expect(rankText(2, 5, 'pl')).toMatch(/^2\. z 5/);
	});

	it('formats numbers and money for the locale', () => {
		expect(whole(12_345, 'pl')).toBe('12\u00a0345');
		expect(whole(1_027, 'bn')).toBe('১,০২৭');
		expect(ratio(2.25, 'pl')).toBe('2,3');
		expect(distance(1_240, 'pl')).toBe('1,2 km');
		expect(compactGbp(350_000_000, 'pl')).not.toBe('£350m');
	});
});
