/**
 * A story view's map state: the URL parameters of the map page (camera, layers, filters, scores,
 * scenario), kept as name → value strings so that a stored view and a shared link are one thing.
 * Which names mean what is the map's business; here only the shape is checked.
 */
export type ViewParams = Readonly<Record<string, string>>;

const NAME = /^[a-zA-Z][a-zA-Z0-9_.-]{0,39}$/;
export const MAX_VIEW_PARAMS = 40;
export const MAX_VIEW_VALUE_LENGTH = 500;

/** Checks a value as view parameters; returns a message naming the problem, or null if fine. */
export function viewParamsProblem(value: unknown): string | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object of parameter names to string values';
	const entries = Object.entries(value);
	if (entries.length > MAX_VIEW_PARAMS) return `must have at most ${MAX_VIEW_PARAMS} parameters`;
	for (const [name, v] of entries) {
		if (!NAME.test(name)) return `has a parameter name "${name.slice(0, 40)}" that is not a plain name (letters, digits, _ . -)`;
		if (typeof v !== 'string') return `parameter "${name}" must be a string`;
		if (v.length > MAX_VIEW_VALUE_LENGTH) return `parameter "${name}" is longer than ${MAX_VIEW_VALUE_LENGTH} characters`;
	}
	return null;
}

/** The query string (without "?") that restores a view, names sorted so equal views give equal URLs. */
export function viewQuery(params: ViewParams): string {
	const search = new URLSearchParams();
	for (const name of Object.keys(params).sort()) search.set(name, params[name] as string);
	return search.toString();
}

/** View parameters from a query string or URLSearchParams (the last value of a repeated name wins). */
export function viewParamsFrom(search: URLSearchParams | string): Record<string, string> {
	const params = typeof search === 'string' ? new URLSearchParams(search.replace(/^\?/, '')) : search;
	const out: Record<string, string> = {};
	for (const [name, value] of params) out[name] = value;
	return out;
}
