/**
 * Reading JSON request bodies safely: a size cap enforced while streaming (413) and malformed
 * JSON (400). What the body must hold is a valibot schema, checked by http/validate.ts.
 */
import { ApiError } from './errors';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\b/i.test(type)) {
		throw new ApiError('bad_request', 'Send the body as JSON with Content-Type: application/json.');
	}
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) {
		throw new ApiError('payload_too_large', `The body is larger than ${maxBytes} bytes.`);
	}
	if (!request.body) throw new ApiError('bad_request', 'The request has no body.');
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw new ApiError('payload_too_large', `The body is larger than ${maxBytes} bytes.`);
		}
		chunks.push(value);
	}
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return JSON.parse(text);
	} catch (err) {
		throw new ApiError('bad_request', `The body is not valid JSON: ${(err as Error).message}`);
	}
}
