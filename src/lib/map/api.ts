/**
 * Reading the app's own JSON API from the map's panels. An error answer carries
 * `{ error: { message } }` (the API's contract) and that message is what a person should read; an
 * answer that is not JSON at all (a proxy's HTML 502) still gives its status, not a parse error.
 */
export async function getJson<T = unknown>(url: string): Promise<T> {
	const response = await fetch(url);
	const body: unknown = await response.json().catch(() => null);
	if (!response.ok) {
		const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
		throw new Error(typeof message === 'string' ? message : `The server answered ${response.status}.`);
	}
	if (body === null) throw new Error('The server answered with something that is not JSON.');
	return body as T;
}
