/**
 * Form actions' one failure shape: `fail(status, { key, message, errors, values })`.
 *  - key: which form on the page it came from (a page may hold one form per row);
 *  - message: what went wrong, for the whole form;
 *  - errors: messages by field name ("form" when no field is to blame), shown beside the fields;
 *  - values: what was typed, so the page puts it back.
 * The status and words are those the API gives for the same mistake (a domain error, or a
 * valibot failure already turned into one by http/validate.ts).
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import { DomainError } from '../errors';
import { ApiError, toApiError } from './errors';

export type FieldErrors = Record<string, string>;

export interface FormFailure {
	key: string;
	message: string;
	errors: FieldErrors;
	values: Record<string, string>;
}

export interface FailureOptions {
	/** Which form on the page; defaults to "form". */
	key?: string;
	/** What was typed, put back on the page. */
	values?: Record<string, string>;
	/**
	 * How each field is named in a sentence ("The title"): when every field the error names has a
	 * label, the messages go beside the fields ("The title must be at most 200 characters.").
	 */
	labels?: Record<string, string>;
}

/** The typed text fields of a form (so they can be put back), every one of them or those named. */
export function typedValues(form: FormData, names?: readonly string[]): Record<string, string> {
	if (!names) return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]));
	return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')]));
}

/** Blank text is "no value" for optional fields (description, caption). */
export function orNull(text: string): string | null {
	return text.trim() === '' ? null : text;
}

/** A refusal a planner can act on, attached to a form field (or to the form when `field` is null). */
export class FormProblem extends Error {
	constructor(
		readonly field: string | null,
		message: string
	) {
		super(message);
	}
}

/** The failure a refused change becomes; anything that is not a refusal is thrown on. */
export function formFailure(err: unknown, options: FailureOptions = {}): ActionFailure<FormFailure> {
	const key = options.key ?? 'form';
	const values = options.values ?? {};
	const labels = options.labels ?? {};
	if (err instanceof FormProblem) {
		return fail(422, { key, message: err.message, errors: { [err.field ?? 'form']: err.message }, values });
	}
	const apiError = err instanceof DomainError ? toApiError(err) : err;
	if (!(apiError instanceof ApiError)) throw err;
	const errors: FieldErrors = {};
	const fields = (apiError.details as { fields?: unknown } | undefined)?.fields;
	const named = Array.isArray(fields) ? (fields as { field?: unknown; message?: unknown }[]) : [];
	if (named.length && named.every((f) => typeof f.field === 'string' && typeof f.message === 'string' && f.field in labels)) {
		for (const f of named) errors[f.field as string] = `${labels[f.field as string]} ${f.message as string}.`;
	} else {
		errors.form = apiError.message;
	}
	return fail(apiError.status, { key, message: apiError.message, errors, values });
}

/**
 * Runs a change; a refusal becomes the form failure (see formFailure), anything else is thrown on.
 */
export async function attempt<T>(
	run: () => Promise<T>,
	options: FailureOptions = {}
): Promise<{ ok: true; result: T } | { ok: false; failure: ActionFailure<FormFailure> }> {
	try {
		return { ok: true, result: await run() };
	} catch (err) {
		return { ok: false, failure: formFailure(err, options) };
	}
}
