/**
 * Every API error leaves the server as `{ "error": { "code", "message", "details"? } }` with the
 * status that says what kind of mistake it was. Services throw ApiError; endpoints turn anything
 * else into a 500 that reveals nothing internal.
 */
import { json } from '@sveltejs/kit';

export type ApiErrorCode =
	| 'bad_request'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	| 'payload_too_large'
	| 'unprocessable'
	| 'internal';

const STATUS: Record<ApiErrorCode, number> = {
	bad_request: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	payload_too_large: 413,
	unprocessable: 422,
	internal: 500
};

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

export function errorResponse(err: unknown): Response {
	if (err instanceof ApiError) {
		return json(
			{ error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } },
			// Connection: close for an unread body (413 and refusals) is set once, in hooks.server.ts.
			{ status: err.status }
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
