/**
 * Reading JSON request bodies safely: a size cap enforced while streaming (413), malformed JSON
 * (400), and objects checked field by field against a declared shape, refusing fields nobody
 * declared (400) and naming the field whose value is wrong (422).
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

/** A field check returns the parsed value or throws a message saying what is expected. */
export type FieldCheck<T> = (value: unknown) => T;
type Shape = Record<string, { check: FieldCheck<unknown>; optional?: boolean }>;
/** Fields declared `optional: true` (as const) may be absent from the result. */
type Parsed<S extends Shape> = { [K in keyof S as S[K] extends { optional: true } ? never : K]: ReturnType<S[K]['check']> } & {
	[K in keyof S as S[K] extends { optional: true } ? K : never]?: ReturnType<S[K]['check']>;
};

export class FieldProblem extends Error {}

export function parseObject<S extends Shape>(body: unknown, shape: S): Parsed<S> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new ApiError('bad_request', 'The body must be a JSON object.');
	}
	const unknownFields = Object.keys(body).filter((k) => !Object.hasOwn(shape, k));
	if (unknownFields.length) {
		throw new ApiError('bad_request', `Unknown field${unknownFields.length > 1 ? 's' : ''}: ${unknownFields.join(', ')}.`, {
			fields: unknownFields,
			allowed: Object.keys(shape)
		});
	}
	const out: Record<string, unknown> = {};
	const problems: { field: string; message: string }[] = [];
	for (const [field, spec] of Object.entries(shape)) {
		const value = (body as Record<string, unknown>)[field];
		if (value === undefined) {
			if (!spec.optional) problems.push({ field, message: 'is required' });
			continue;
		}
		try {
			out[field] = spec.check(value);
		} catch (err) {
			problems.push({ field, message: err instanceof FieldProblem ? err.message : 'is not valid' });
		}
	}
	if (problems.length) {
		throw new ApiError(
			'unprocessable',
			problems.map((p) => `"${p.field}" ${p.message}`).join('; '),
			{ fields: problems }
		);
	}
	return out as Parsed<S>;
}

export const checks = {
	string:
		(max = 200): FieldCheck<string> =>
		(v) => {
			if (typeof v !== 'string' || v.trim() === '') throw new FieldProblem('must be a non-empty string');
			if (v.length > max) throw new FieldProblem(`must be at most ${max} characters`);
			return v.trim();
		},
	boolean: (): FieldCheck<boolean> => (v) => {
		if (typeof v !== 'boolean') throw new FieldProblem('must be true or false');
		return v;
	},
	integer:
		(min: number, max: number): FieldCheck<number> =>
		(v) => {
			if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
				throw new FieldProblem(`must be a whole number from ${min} to ${max}`);
			}
			return v;
		},
	oneOf:
		<T extends string>(values: readonly T[]): FieldCheck<T> =>
		(v) => {
			if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw new FieldProblem(`must be one of ${values.join(', ')}`);
			return v as T;
		},
	nullable:
		<T>(check: FieldCheck<T>): FieldCheck<T | null> =>
		(v) =>
			v === null ? null : check(v),
	stringArray:
		(maxItems: number, maxLength: number): FieldCheck<string[]> =>
		(v) => {
			if (!Array.isArray(v) || v.length > maxItems || v.some((s) => typeof s !== 'string' || !s.trim() || s.length > maxLength)) {
				throw new FieldProblem(`must be a list of at most ${maxItems} non-empty strings of up to ${maxLength} characters`);
			}
			return (v as string[]).map((s) => s.trim());
		},
	lonLat: (): FieldCheck<{ lon: number; lat: number }> => (v) => {
		const o = v as { lon?: unknown; lat?: unknown };
		if (
			typeof v !== 'object' ||
			v === null ||
			Object.keys(v).some((k) => k !== 'lon' && k !== 'lat') ||
			typeof o.lon !== 'number' ||
			typeof o.lat !== 'number' ||
			!Number.isFinite(o.lon) ||
			!Number.isFinite(o.lat) ||
			Math.abs(o.lon) > 180 ||
			Math.abs(o.lat) > 90
		) {
			throw new FieldProblem('must be {"lon": number, "lat": number} in WGS84 degrees');
		}
		return { lon: o.lon, lat: o.lat };
	}
};
