import { describe, expect, it } from 'vitest';
import {
	formatGbp,
	isIllustrative,
	timelineYears,
	headlineFigures,
	KIND_STYLES,
	kindsPresent,
	kindStyle,
	statusLabel,
	type MacroAssetFeature,
	type MacroAssetProperties
} from './macro-assets';
import { MACRO_ASSET_KINDS, MACRO_ASSET_STATUSES } from '../domain/vocabulary';

function properties(overrides: Partial<MacroAssetProperties> = {}): MacroAssetProperties {
	return {
		id: 'site',
		name: 'Site',
		kind: 'housing',
		status: 'planned',
		description: null,
		timeline: { start: null, end: null, note: null },
		investment_gbp: null,
		homes: null,
		jobs: null,
		owners: [],
		partners: [],
		source: null,
		illustrative: [],
		label_point: [0, 0],
		...overrides
	};
}

describe('kinds and statuses', () => {
	it('has a style for every kind and a label for every status the database allows', () => {
		expect(Object.keys(KIND_STYLES).sort()).toEqual([...MACRO_ASSET_KINDS].sort());
		for (const status of MACRO_ASSET_STATUSES) expect(statusLabel(status)).not.toContain('_');
	});

	it('falls back for names it does not know', () => {
		expect(kindStyle('spaceport')).toBe(KIND_STYLES.other);
		expect(statusLabel('on_hold')).toBe('on hold');
	});

	it('lists the kinds present in legend order', () => {
		const feature = (kind: MacroAssetProperties['kind']) => ({ properties: properties({ kind }) }) as MacroAssetFeature;
		expect(kindsPresent([feature('housing'), feature('hospital'), feature('housing')])).toEqual(['hospital', 'housing']);
	});
});

describe('formatGbp', () => {
	it.each([
		[350_000_000, '£350m'],
		[1_250_000_000, '£1.3bn'],
		[2_000_000_000, '£2bn'],
		[12_500_000, '£12.5m'],
		[3_000, '£3,000'],
		[500_000, '£500k'],
		[0, '£0']
	])('writes %d as %s', (amount, text) => {
		expect(formatGbp(amount)).toBe(text);
	});
});

describe('timelineYears', () => {
	it.each([
		[{ start: 2016, end: 2024, note: null }, '2016–2024'],
		[{ start: 2016, end: 2016, note: null }, '2016'],
		[{ start: 2024, end: null, note: null }, 'from 2024'],
		[{ start: null, end: 2016, note: 'completed' }, 'by 2016'],
		[{ start: null, end: null, note: 'phased' }, null]
	])('writes %o as %s', (timeline, text) => {
		expect(timelineYears(timeline)).toBe(text);
	});
});

describe('isIllustrative', () => {
	it('matches a figure by name, and a timeline by either of its years', () => {
		const p = { illustrative: ['homes', 'timeline_end'] };
		expect(isIllustrative(p, 'homes')).toBe(true);
		expect(isIllustrative(p, 'jobs')).toBe(false);
		expect(isIllustrative(p, 'timeline')).toBe(true);
		expect(isIllustrative({ illustrative: [] }, 'timeline')).toBe(false);
	});
});

describe('headlineFigures', () => {
	it('gives investment, homes and jobs when known, marking illustrative ones', () => {
		expect(headlineFigures(properties({ investment_gbp: 350e6, jobs: 7000, illustrative: ['jobs'] }))).toEqual([
			{ key: 'investment_gbp', text: '£350m', illustrative: false },
			{ key: 'jobs', text: '7,000 jobs', illustrative: true }
		]);
		expect(headlineFigures(properties({ homes: 1 }))).toEqual([{ key: 'homes', text: '1 home', illustrative: false }]);
		expect(headlineFigures(properties())).toEqual([]);
	});
});
