import { describe, expect, it } from 'vitest';
import { readBoolean, readChoice, readDate, readDecimal, readInteger, readList, readText } from './values';

describe('reading cells', () => {
	it('reads whole numbers with published thousands separators', () => {
		expect(readInteger('3,924')).toEqual({ value: 3924 });
		expect(readInteger('32,844')).toEqual({ value: 32844 });
		expect(readInteger(' 12.0 ')).toEqual({ value: 12 });
		expect(readInteger(7)).toEqual({ value: 7 });
		expect(readInteger('')).toEqual({ value: null });
		expect(readInteger('3,92')).toEqual({ problem: '"3,92" is not a whole number' });
		expect(readInteger(2.5)).toEqual({ problem: '2.5 is not a whole number' });
		expect(readInteger('0', 1)).toEqual({ problem: '"0" is below the minimum 1' });
		expect(readInteger(11, 1, 10)).toEqual({ problem: '11 is above the maximum 10' });
	});

	it('reads decimals but not NaN or words', () => {
		expect(readDecimal('350,000,000.50')).toEqual({ value: 350000000.5 });
		expect(readDecimal('NaN')).toEqual({ problem: '"NaN" is not a number' });
		expect(readDecimal(Number.NaN)).toEqual({ problem: 'NaN is not a number' });
		expect(readDecimal('£3m')).toEqual({ problem: '"£3m" is not a number' });
	});

	it('folds spelling of choices to the schema codes', () => {
		const statuses = ['planned', 'under_construction'];
		expect(readChoice('Under construction', statuses)).toEqual({ value: 'under_construction' });
		expect(readChoice('under-construction', statuses)).toEqual({ value: 'under_construction' });
		expect(readChoice('built', statuses)).toEqual({ problem: '"built" is not one of planned, under_construction' });
	});

	it('reads ISO dates only, and only real ones', () => {
		expect(readDate('2025-02-28')).toEqual({ value: '2025-02-28' });
		expect(readDate('2025-02-29')).toHaveProperty('problem');
		expect(readDate('03/04/2025')).toEqual({ problem: '"03/04/2025" is not a date written as YYYY-MM-DD' });
	});

	it('reads booleans in the words spreadsheets use', () => {
		expect(readBoolean('Yes')).toEqual({ value: true });
		expect(readBoolean('0')).toEqual({ value: false });
		expect(readBoolean(true)).toEqual({ value: true });
		expect(readBoolean('maybe')).toHaveProperty('problem');
	});

	it('reads lists from arrays, JSON text or ;-separated text, keeping commas inside names', () => {
		expect(readList(['a', ' b '])).toEqual({ value: ['a', 'b'] });
		expect(readList('["Canal & River Trust", "Birmingham City Council"]')).toEqual({
			value: ['Canal & River Trust', 'Birmingham City Council']
		});
		expect(readList('Serco; Smith, Jones & Co|')).toEqual({ value: ['Serco', 'Smith, Jones & Co'] });
		expect(readList('[oops')).toHaveProperty('problem');
	});

	it('reads text, refusing objects and overlong values', () => {
		expect(readText('  Ladywood ')).toEqual({ value: 'Ladywood' });
		expect(readText(42)).toEqual({ value: '42' });
		expect(readText({ a: 1 })).toEqual({ problem: '"{\\"a\\":1}" is not text' });
		expect(readText('abcdef', 5)).toEqual({ problem: 'is 6 characters long; at most 5 are allowed' });
	});
});
