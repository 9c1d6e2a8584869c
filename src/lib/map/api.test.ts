import { afterEach, describe, expect, it, vi } from 'vitest';
import { getJson } from './api';

function answer(status: number, body: string, type = 'application/json') {
	vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': type } })));
}

describe('getJson', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('gives the body of a good answer', async () => {
		answer(200, '{"cells":3}');
		await expect(getJson('/api/scores')).resolves.toEqual({ cells: 3 });
	});

	it("throws the API's own message for an error answer", async () => {
		answer(400, '{"error":{"code":"bad_request","message":"skill must be \\"all\\" or a skill group id"}}');
		await expect(getJson('/api/scores')).rejects.toThrow('skill must be "all" or a skill group id');
	});

	it('throws the status, not a parse error, for an answer that is not JSON', async () => {
		answer(502, '<html>Bad gateway</html>', 'text/html');
		await expect(getJson('/api/scores')).rejects.toThrow('The server answered 502.');
	});
});
