import { describe, expect, it } from 'vitest';
import { containsNul, nulInUrl } from './nul';

describe('nulInUrl', () => {
	it('names the query parameter whose value holds %00', () => {
		expect(nulInUrl(new URL('http://x/api/scores?place=greater-icknield&skill=a%00b'))).toBe('the query parameter "skill"');
	});
	it('finds it in a parameter name and in the path', () => {
		expect(nulInUrl(new URL('http://x/api/scores?pl%00ace=1'))).toBe('the query parameter "pl\\u0000ace"');
		expect(nulInUrl(new URL('http://x/ogc/collections/macro-assets/items/%00'))).toBe('the path');
	});
	it('passes ordinary URLs, with escapes and non-Latin text', () => {
		expect(nulInUrl(new URL('http://x/near-me?q=%D8%A7%D9%84%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9&postcode=B66%201'))).toBeNull();
		expect(nulInUrl(new URL('http://x/%E0%A4%bad'))).toBeNull();
	});
	it('containsNul sees only U+0000', () => {
		expect(containsNul('a\u0000')).toBe(true);
		expect(containsNul('a\u0001 0 \\0')).toBe(false);
	});
});
