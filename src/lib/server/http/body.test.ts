import { describe, expect, it } from 'vitest';
import { checks, parseObject, readJsonBody } from './body';
import { ApiError } from './errors';

function request(body: string, type = 'application/json') {
	return new Request('http://x/api', { method: 'POST', body, headers: { 'content-type': type } });
}

describe('readJsonBody', () => {
	it('parses JSON', async () => {
		expect(await readJsonBody(request('{"a":1}'))).toEqual({ a: 1 });
	});
	it('answers 413 for a body over the cap, 400 for malformed JSON or another type', async () => {
		await expect(readJsonBody(request(JSON.stringify({ a: 'x'.repeat(100) }), 'application/json'), 50)).rejects.toMatchObject({ status: 413 });
		await expect(readJsonBody(request('{"a":'))).rejects.toMatchObject({ status: 400 });
		await expect(readJsonBody(request('a=1', 'application/x-www-form-urlencoded'))).rejects.toMatchObject({ status: 400 });
	});
});

describe('parseObject', () => {
	const shape = { name: { check: checks.string(10) }, age: { check: checks.integer(0, 120), optional: true } };
	it('refuses unknown fields by name', () => {
		try {
			parseObject({ name: 'a', extra: 1 }, shape);
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(ApiError);
			expect((err as ApiError).status).toBe(400);
			expect((err as ApiError).message).toContain('extra');
		}
	});
	it('names every wrong or missing field', () => {
		expect(() => parseObject({ age: -1 }, shape)).toThrow(/"name" is required; "age" must be a whole number from 0 to 120/);
	});
	it('returns the checked values', () => {
		expect(parseObject({ name: ' Ann ', age: 30 }, shape)).toEqual({ name: 'Ann', age: 30 });
	});
});
