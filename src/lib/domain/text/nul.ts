/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a value carrying one fails deep inside a
 * query ("invalid byte sequence for encoding UTF8: 0x00") and became a 500. Requests are checked
 * for it before anything reads them, so the answer is a 400 naming where it was.
 */

export function containsNul(text: string): boolean {
	return text.includes('\u0000');
}

/** Where a URL carries a NUL: its path, or the name of the first query parameter that does. */
export function nulInUrl(url: URL): string | null {
	let path: string;
	try {
		path = decodeURIComponent(url.pathname);
	} catch {
		path = url.pathname; // malformed escapes are the router's to refuse
	}
	if (containsNul(path)) return 'the path';
	for (const [name, value] of url.searchParams) {
		if (containsNul(name) || containsNul(value)) return `the query parameter "${name.replaceAll('\u0000', '\\u0000')}"`;
	}
	return null;
}
