/**
 * The stories pages' forms: reading fields, and turning a service's refusal into messages shown
 * beside the fields they are about, with what the planner typed kept.
 */
import { fail } from '@sveltejs/kit';
import { ApiError } from '$lib/server/http/errors';

export type FieldErrors = Record<string, string>;

/** The form's text fields, as typed (so they can be put back). */
export function typedValues(form: FormData, names: readonly string[]): Record<string, string> {
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

/**
 * Runs a change; a FormProblem or ApiError becomes a `fail` carrying the form's key, the messages
 * by field (the service names the field in `details.fields`) and the typed values.
 */
export async function attempt<T>(
	key: string,
	values: Record<string, string>,
	labels: Record<string, string>,
	run: () => Promise<T>
) {
	try {
		return { ok: true as const, result: await run() };
	} catch (err) {
		const errors: FieldErrors = {};
		let status = 422;
		if (err instanceof FormProblem) {
			errors[err.field ?? 'form'] = err.message;
		} else if (err instanceof ApiError) {
			status = err.status;
			const fields = (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
			if (Array.isArray(fields) && fields.every((f) => f.field in labels)) {
				for (const f of fields) errors[f.field] = `${labels[f.field]} ${f.message}.`;
			} else {
				errors.form = err.message;
			}
		} else {
			throw err;
		}
		return { ok: false as const, failure: fail(status, { key, errors, values }) };
	}
}
