/**
 * The errors a service throws when a request cannot be carried out. They say what went wrong in
 * the domain's terms (a thing that does not exist, values that are wrong, an action the caller
 * may not take) and nothing about HTTP: one mapper (http/errors.ts) turns them into the API's
 * error JSON, one helper (http/forms.ts) into a form failure, so an endpoint and a page give the
 * same message for the same mistake.
 */

/** What kind of mistake it was; the mapper picks the status from it. */
export type DomainErrorKind =
	| 'malformed' // the request itself is not understood: unknown field, not JSON, wrong shape (400)
	| 'unauthenticated' // sign in first (401)
	| 'forbidden' // signed in, but not allowed (403)
	| 'not_found' // the thing named does not exist (404)
	| 'conflict' // the thing exists but is in a state that refuses this (409)
	| 'too_large' // the body or file is larger than allowed (413)
	| 'invalid'; // understood, but the values are wrong (422)

/** One field's problem, named by its path in the request ("location.lon", "stops.3.id"). */
export interface FieldIssue {
	readonly field: string;
	readonly message: string;
}

export class DomainError extends Error {
	override name = 'DomainError';
	constructor(
		readonly kind: DomainErrorKind,
		message: string,
		/** Field-level problems, or other structured detail the caller can act on. */
		readonly details?: unknown
	) {
		super(message);
	}

	/** The field-level problems, when the details are a list of them. */
	get fields(): readonly FieldIssue[] {
		const details = this.details as { fields?: unknown } | undefined;
		return Array.isArray(details?.fields) && details.fields.every(isFieldIssue) ? details.fields : [];
	}
}

function isFieldIssue(value: unknown): value is FieldIssue {
	return typeof value === 'object' && value !== null && typeof (value as FieldIssue).field === 'string' && typeof (value as FieldIssue).message === 'string';
}

export const notFound = (message: string, details?: unknown) => new DomainError('not_found', message, details);
export const malformed = (message: string, details?: unknown) => new DomainError('malformed', message, details);
export const forbidden = (message: string, details?: unknown) => new DomainError('forbidden', message, details);
export const unauthenticated = (message: string, details?: unknown) => new DomainError('unauthenticated', message, details);
export const conflict = (message: string, details?: unknown) => new DomainError('conflict', message, details);
export const tooLarge = (message: string, details?: unknown) => new DomainError('too_large', message, details);

/** Values that are wrong: a message for the whole, and one issue per field when they are known. */
export function invalid(message: string, fields: readonly FieldIssue[] = []): DomainError {
	return new DomainError('invalid', message, fields.length ? { fields } : undefined);
}
