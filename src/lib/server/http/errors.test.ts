import { describe, expect, it, vi } from 'vitest';
import { isDatabaseUnavailable } from '../db/index';
import { errorResponse, RETRY_AFTER_SECONDS } from './errors';

/** Errors shaped as postgres.js and Node raise them (an Error with a string `code`). */
function withCode(code: string, message = code): Error {
	return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
	it.each(['ECONNREFUSED', 'ECONNRESET', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', '57P01', '57P03', '08006', '53300'])(
		'counts %s as the server being away',
		(code) => {
			expect(isDatabaseUnavailable(withCode(code))).toBe(true);
		}
	);

	it('looks inside AggregateError and cause', () => {
		expect(isDatabaseUnavailable(new AggregateError([withCode('ECONNREFUSED')], 'connect failed'))).toBe(true);
		expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
	});

	it('does not count mistakes in the query or the data', () => {
		for (const code of ['23505', '22P02', '42P01', '23514']) expect(isDatabaseUnavailable(withCode(code))).toBe(false);
		expect(isDatabaseUnavailable(new Error('plain'))).toBe(false);
		expect(isDatabaseUnavailable(undefined)).toBe(false);
	});
});

describe('errorResponse for an unreachable database', () => {
	it('answers 503 with Retry-After and the error JSON, not a 500', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const response = errorResponse(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'));
		warn.mockRestore();
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
		expect(await response.json()).toEqual({ error: { code: 'unavailable', message: expect.stringMatching(/try again/) } });
	});
});
