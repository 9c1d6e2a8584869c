/**
 * Problems found while validating an import, each phrased so that the person holding the file can
 * find the row and fix it: `feature 12 (id "x"): field "kind": "hospitl" is not one of ...`.
 */

/** Enough to fix a file in one pass without drowning the terminal when a whole column is wrong. */
export const DEFAULT_PROBLEM_LIMIT = 50;

/** Collects problems up to a limit; past the limit it only remembers that there were more. */
export class ProblemList {
	readonly #messages: string[] = [];
	#overflowed = false;

	constructor(readonly limit: number = DEFAULT_PROBLEM_LIMIT) {}

	/** Records a problem; returns false once the list is full (callers stop validating then). */
	add(message: string): boolean {
		if (this.#messages.length >= this.limit) {
			this.#overflowed = true;
			return false;
		}
		this.#messages.push(message);
		return true;
	}

	get full(): boolean {
		return this.#messages.length >= this.limit;
	}

	get count(): number {
		return this.#messages.length;
	}

	/** The messages, with a closing line when validation stopped at the limit. */
	messages(): string[] {
		const stoppedEarly = this.#overflowed || this.full;
		return stoppedEarly
			? [...this.#messages, `stopped after ${this.limit} problems; there may be more`]
			: [...this.#messages];
	}
}

/** How a record is named in messages: "feature 12 (id "x")" or "row 3 (name "Boots")". */
export function recordLabel(
	noun: 'feature' | 'row',
	number: number,
	identity?: { field: string; value: string }
): string {
	const base = `${noun} ${number}`;
	return identity ? `${base} (${identity.field} ${quote(identity.value)})` : base;
}

/**
 * Shows a value from a file in a message: text in quotes (so spaces and empty strings show),
 * numbers and booleans as they are, everything shortened so one bad cell cannot flood the output.
 */
export function quote(value: unknown): string {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	const short = text.length > 60 ? `${text.slice(0, 57)}...` : text;
	return JSON.stringify(short);
}
