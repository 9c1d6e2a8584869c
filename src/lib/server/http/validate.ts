/**
 * Request bodies, forms and URL parameters are valibot schemas: strict objects (a field nobody
 * declared is refused by name), types inferred from the schema, and one way of turning a failure
 * into the domain's errors, which the API maps to its error JSON (http/errors.ts) and pages to a
 * form failure (http/forms.ts).
 *  - an unknown field or parameter, or a body that is not an object: malformed (400);
 *  - a body's or form's wrong values: invalid (422), every field named ("name" is required;
 *    "age" must be a whole number from 0 to 120);
 *  - a URL parameter's wrong value: malformed (400), named the same way (unquoted).
 * Every text field refuses a NUL character: PostgreSQL's text cannot hold one (issue 16.3).
 */
import * as v from 'valibot';
import { DomainError, invalid, malformed, type FieldIssue } from '../errors';

const NUL = '\u0000';
const NO_NUL = 'must not contain a NUL character (\\u0000)';

/** A non-empty string of at most `max` characters, trimmed; never a NUL. */
export function text(max = 200) {
	return v.pipe(
		v.string('must be a non-empty string'),
		v.check((s) => !s.includes(NUL), NO_NUL),
		v.check((s) => s.trim() !== '', 'must be a non-empty string'),
		v.maxLength(max, `must be at most ${max} characters`),
		v.trim()
	);
}

/** A password or other secret: as typed (never trimmed), not empty, at most `max` characters, never a NUL. */
export function secret(max = 256) {
	return v.pipe(
		v.string('must be a non-empty string'),
		v.check((s) => !s.includes(NUL), NO_NUL),
		v.minLength(1, 'must be a non-empty string'),
		v.maxLength(max, `must be at most ${max} characters`)
	);
}

export function bool() {
	return v.boolean('must be true or false');
}

/** A whole number from `min` to `max`, inclusive. */
export function int(min: number, max: number) {
	const message = `must be a whole number from ${min} to ${max}`;
	return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
}

export function oneOf<const T extends readonly string[]>(values: T) {
	return v.picklist(values, `must be one of ${values.join(', ')}`);
}

/** Up to `maxItems` non-empty strings of up to `maxLength` characters each, trimmed. */
export function textList(maxItems: number, maxLength: number) {
	const message = `must be a list of at most ${maxItems} non-empty strings of up to ${maxLength} characters`;
	const item = v.pipe(
		v.string(message),
		v.check((s) => !s.includes(NUL), NO_NUL),
		v.check((s) => s.trim() !== '', message),
		v.maxLength(maxLength, message),
		v.trim()
	);
	return v.pipe(v.array(item, message), v.maxLength(maxItems, message));
}

/** {"lon", "lat"} in WGS84 degrees, nothing else. */
export function lonLat() {
	const message = 'must be {"lon": number, "lat": number} in WGS84 degrees';
	const degrees = (limit: number) => v.pipe(v.number(message), v.finite(message), v.minValue(-limit, message), v.maxValue(limit, message));
	return v.strictObject({ lon: degrees(180), lat: degrees(90) }, message);
}

/** A URL parameter holding a whole number from `min` to `max`, written in digits only (no 1e20, no -0, no 1.0). */
export function intParam(min: number, max: number) {
	const message = `must be a whole number from ${min} to ${max}`;
	return v.pipe(
		v.string(message),
		v.regex(/^\d{1,15}$/, message),
		v.transform(Number),
		v.minValue(min, message),
		v.maxValue(max, message)
	);
}

/** For endpoints that take no URL parameters: any given is refused by name (400), not ignored. */
export const NO_PARAMETERS = v.strictObject({});

/** A URL parameter that is one of a list of words. */
export function oneOfParam<const T extends readonly string[]>(values: T) {
	return oneOf(values);
}

type ObjectSchema = v.GenericSchema<unknown, unknown> & { readonly entries: v.ObjectEntries };

export type Where = 'body' | 'form' | 'query';

const WHAT: Record<Where, { thing: string; unknown: string }> = {
	body: { thing: 'The body must be a JSON object.', unknown: 'Unknown field' },
	form: { thing: 'The form was not understood.', unknown: 'Unknown field' },
	query: { thing: 'The query was not understood.', unknown: 'Unknown parameter' }
};

/**
 * Checks `input` against a strict object schema and returns the typed value; otherwise throws
 * the domain error described at the top of this module.
 */
export function parseInput<S extends ObjectSchema>(schema: S, input: unknown, where: Where = 'body'): v.InferOutput<S> {
	const words = WHAT[where];
	if (typeof input !== 'object' || input === null || Array.isArray(input)) throw malformed(words.thing);
	const allowed = Object.keys(schema.entries);
	const unknownFields = Object.keys(input).filter((k) => !Object.hasOwn(schema.entries, k));
	if (unknownFields.length) {
		throw malformed(`${words.unknown}${unknownFields.length > 1 ? 's' : ''}: ${unknownFields.join(', ')}.${where === 'query' ? ` Allowed: ${allowed.join(', ') || 'none'}.` : ''}`, {
			fields: unknownFields,
			allowed
		});
	}
	const result = v.safeParse(schema, input);
	if (result.success) return result.output as v.InferOutput<S>;
	const fields = fieldIssues(result.issues, input as Record<string, unknown>);
	// Body fields are quoted ("name" is required), URL parameters named as written (limit must be …).
	const message = fields.map((f) => (where === 'query' ? `${f.field} ${f.message}` : `"${f.field}" ${f.message}`)).join('; ');
	throw where === 'query' ? new DomainError('malformed', message, { fields }) : invalid(message, fields);
}

/** One issue per top-level field, in the schema's order: a missing field "is required". */
function fieldIssues(issues: readonly v.BaseIssue<unknown>[], input: Record<string, unknown>): FieldIssue[] {
	const byField = new Map<string, string>();
	for (const issue of issues) {
		const key = issue.path?.[0]?.key;
		const field = typeof key === 'string' ? key : '';
		if (byField.has(field)) continue;
		byField.set(field, field && input[field] === undefined ? 'is required' : issue.message);
	}
	return [...byField].map(([field, message]) => ({ field, message }));
}

/**
 * The URL's query as an object of strings, checked against a strict schema (refusals are 400).
 * A page passes `declaredOnly`: its URL also carries the browser's own parameters (a form
 * action's `?/create`, the map's view), so only the names the schema declares are read.
 */
export function parseQuery<S extends ObjectSchema>(url: URL, schema: S, options: { declaredOnly?: boolean } = {}): v.InferOutput<S> {
	const params: Record<string, string> = {};
	for (const [name, value] of url.searchParams) {
		if (options.declaredOnly && !Object.hasOwn(schema.entries, name)) continue;
		// A repeated parameter is refused rather than silently read once.
		if (Object.hasOwn(params, name)) throw malformed(`The parameter "${name}" is given more than once.`, { fields: [name] });
		params[name] = value;
	}
	return parseInput(schema, params, 'query');
}
