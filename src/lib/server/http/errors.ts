/**
 * Every API error leaves the server as `{ "error": { "code", "message", "details"? } }` with the
 * status that says what kind of mistake it was. Services throw ApiError; endpoints turn anything
 * else into a 500 that reveals nothing internal.
 */
import { error, json } from '@sveltejs/kit';
import { DomainError, type DomainErrorKind } from '../errors';
import { isDatabaseUnavailable } from '../db/index';

export type ApiErrorCode =
	| 'bad_request'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'conflict'
	| 'payload_too_large'
	| 'unprocessable'
	| 'internal'
	| 'unavailable';

const STATUS: Record<ApiErrorCode, number> = {
	bad_request: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	conflict: 409,
	payload_too_large: 413,
	unprocessable: 422,
	internal: 500,
	unavailable: 503
};

/** Seconds a client is asked to wait while the database restarts (it is back within a few). */
export const RETRY_AFTER_SECONDS = 2;

export class ApiError extends Error {
	override name = 'ApiError';
	constructor(
		readonly code: ApiErrorCode,
		message: string,
		readonly details?: unknown
	) {
		super(message);
	}
	get status(): number {
		return STATUS[this.code];
	}
}

/** The wire code of each kind of domain error: the names clients already read. */
const CODE_OF_KIND: Record<DomainErrorKind, ApiErrorCode> = {
	malformed: 'bad_request',
	unauthenticated: 'unauthorized',
	forbidden: 'forbidden',
	not_found: 'not_found',
	conflict: 'conflict',
	too_large: 'payload_too_large',
	invalid: 'unprocessable'
};

/** A domain error as the API error it becomes (the one mapping from services to HTTP). */
export function toApiError(err: DomainError): ApiError {
	return new ApiError(CODE_OF_KIND[err.kind], err.message, err.details);
}

let lastUnavailableLog = 0;

/** One line per few seconds: during a restart every request fails alike, and the log is for people. */
function logUnavailable(err: unknown): void {
	const now = Date.now();
	if (now - lastUnavailableLog < 5_000) return;
	lastUnavailableLog = now;
	console.warn(`[atlas] database unavailable, answering 503: ${(err as { code?: string }).code ?? (err as Error).message}`);
}

export function errorResponse(err: unknown): Response {
	if (err instanceof DomainError) err = toApiError(err);
	if (err instanceof ApiError) {
		return json(
			{ error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } },
			// Connection: close for an unread body (413 and refusals) is set once, in hooks.server.ts.
			{ status: err.status }
		);
	}
	if (isDatabaseUnavailable(err)) {
		logUnavailable(err);
		return json(
			{ error: { code: 'unavailable', message: 'The database is restarting or unreachable; try again in a moment.' } },
			{ status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' } }
		);
	}
	console.error(err);
	return json({ error: { code: 'internal', message: 'Something went wrong on the server.' } }, { status: 500 });
}

/** Runs an endpoint body and turns thrown errors into the JSON error contract. */
export async function handleApi(body: () => Promise<Response>): Promise<Response> {
	try {
		return await body();
	} catch (err) {
		return errorResponse(err);
	}
}

/**
 * For a page's load: a refusal becomes SvelteKit's error page with the API's status, code and
 * message (a scenario that does not exist is a 404 page); anything else is thrown on.
 */
export function pageError(err: unknown): never {
	const apiError = err instanceof DomainError ? toApiError(err) : err;
	if (apiError instanceof ApiError) error(apiError.status, { code: apiError.code, message: apiError.message });
	throw err;
}
