import { describe, expect, it } from 'vitest';
import { readJsonBody } from './body';

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
