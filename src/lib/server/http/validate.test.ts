import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { DomainError } from '../errors';
import { ApiError, toApiError } from './errors';
import { int, intParam, lonLat, parseInput, parseQuery, text, textList } from './validate';

/** What an endpoint makes of what parseInput throws. */
function apiErrorOf(run: () => unknown): ApiError {
	try {
		run();
	} catch (err) {
		return err instanceof DomainError ? toApiError(err) : (err as ApiError);
	}
	return expect.unreachable() as never;
}

describe('parseInput (request bodies)', () => {
	const shape = v.strictObject({ name: text(10), age: v.optional(int(0, 120)) });
	it('refuses unknown fields by name', () => {
		const err = apiErrorOf(() => parseInput(shape, { name: 'a', extra: 1 }));
		expect(err).toBeInstanceOf(ApiError);
		expect(err.status).toBe(400);
		expect(err.message).toContain('extra');
	});
	it('names every wrong or missing field', () => {
		expect(() => parseInput(shape, { age: -1 })).toThrow(/"name" is required; "age" must be a whole number from 0 to 120/);
		expect(apiErrorOf(() => parseInput(shape, { age: -1 })).status).toBe(422);
	});
	it('returns the checked values', () => {
		expect(parseInput(shape, { name: ' Ann ', age: 30 })).toEqual({ name: 'Ann', age: 30 });
	});
	it('refuses a body that is not an object with a 400', () => {
		expect(apiErrorOf(() => parseInput(shape, [1])).status).toBe(400);
		expect(apiErrorOf(() => parseInput(shape, 'text')).status).toBe(400);
	});
	it('refuses a NUL character in any text field, naming the field (issue 16.3)', () => {
		const err = apiErrorOf(() => parseInput(shape, { name: 'A\u0000n' }));
		expect(err.status).toBe(422);
		expect(err.message).toMatch(/"name" must not contain a NUL/);
		const list = v.strictObject({ languages: textList(3, 10) });
		expect(apiErrorOf(() => parseInput(list, { languages: ['ok', 'b\u0000d'] })).message).toMatch(/"languages" must not contain a NUL/);
	});
	it('checks a position field by field and refuses extra keys in it', () => {
		const point = v.strictObject({ location: lonLat() });
		expect(parseInput(point, { location: { lon: -1.9, lat: 52.5 } })).toEqual({ location: { lon: -1.9, lat: 52.5 } });
		expect(() => parseInput(point, { location: { lon: 'west' } })).toThrow(/"location" must be \{"lon": number, "lat": number\}/);
		expect(() => parseInput(point, { location: { lon: 1, lat: 2, alt: 3 } })).toThrow(/"location" must be/);
		expect(() => parseInput(point, { location: { lon: 181, lat: 2 } })).toThrow(/"location" must be/);
	});
});

describe('parseQuery (URL parameters)', () => {
	const query = v.strictObject({ place: v.optional(text(63)), offset: v.optional(intParam(0, 1_000_000_000), '0') });
	const parse = (search: string) => parseQuery(new URL(`http://x/api?${search}`), query);
	it('reads whole numbers written in digits', () => {
		expect(parse('offset=20&place=p')).toEqual({ offset: 20, place: 'p' });
		expect(parse('')).toEqual({ offset: 0 });
	});
	it('answers 400, not 500, for numbers out of range or not written in digits', () => {
		for (const offset of ['1e20', '9223372036854775808', '-1', '1.5', 'abc', '', '1000000001']) {
			const err = apiErrorOf(() => parse(`offset=${encodeURIComponent(offset)}`));
			expect(err.status, offset).toBe(400);
			expect(err.message, offset).toMatch(/^offset must be a whole number from 0 to 1000000000/);
		}
	});
	it('refuses unknown and repeated parameters with a 400', () => {
		expect(apiErrorOf(() => parse('limt=5')).message).toMatch(/Unknown parameter: limt/);
		expect(apiErrorOf(() => parse('place=a&place=b')).status).toBe(400);
	});
});
