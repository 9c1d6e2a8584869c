import { describe, expect, it } from 'vitest';
import { decideLanguage, isLanguageNeutralPath, pathInLanguage, splitLanguagePrefix, textDirection } from './languages';

describe('splitLanguagePrefix', () => {
	it('reads a known prefix and leaves other paths alone', () => {
		expect(splitLanguagePrefix('/ur/near-me')).toEqual({ language: 'ur', path: '/near-me' });
		expect(splitLanguagePrefix('/ar')).toEqual({ language: 'ar', path: '/' });
		expect(splitLanguagePrefix('/sites/x')).toEqual({ language: undefined, path: '/sites/x' });
		// Two letters that are not one of our languages are an ordinary path.
		expect(splitLanguagePrefix('/xx/near-me')).toEqual({ language: undefined, path: '/xx/near-me' });
	});
});

describe('pathInLanguage', () => {
	it('prefixes every language but English', () => {
		expect(pathInLanguage('/near-me?interest=jobs', 'pl')).toBe('/pl/near-me?interest=jobs');
		expect(pathInLanguage('/', 'bn')).toBe('/bn');
		expect(pathInLanguage('/?place=x', 'bn')).toBe('/bn?place=x');
		expect(pathInLanguage('/near-me', 'en')).toBe('/near-me');
	});
});

describe('decideLanguage', () => {
	const base = { search: '', cookie: undefined, isDocumentGet: true };
	it('serves a prefixed page in its language and remembers it', () => {
		expect(decideLanguage({ ...base, pathname: '/ur/near-me' })).toEqual({ kind: 'serve', language: 'ur', setCookie: 'ur' });
		expect(decideLanguage({ ...base, pathname: '/ur/near-me', cookie: 'ur' })).toEqual({ kind: 'serve', language: 'ur', setCookie: undefined });
	});
	it('sends an unprefixed page to the remembered language', () => {
		expect(decideLanguage({ ...base, pathname: '/near-me', search: '?area=x', cookie: 'ar' })).toEqual({ kind: 'redirect', location: '/ar/near-me?area=x', setCookie: undefined });
	});
	it('never redirects the API, a form post or an unknown cookie', () => {
		expect(decideLanguage({ ...base, pathname: '/api/near-me', cookie: 'ar' }).kind).toBe('serve');
		expect(decideLanguage({ ...base, pathname: '/signin', cookie: 'ar', isDocumentGet: false }).kind).toBe('serve');
		expect(decideLanguage({ ...base, pathname: '/signin', cookie: 'zz' })).toEqual({ kind: 'serve', language: 'en', setCookie: undefined });
	});
	it('takes /en/ as a choice of English: remembered, then the unprefixed address', () => {
		expect(decideLanguage({ ...base, pathname: '/en/near-me', search: '?a=1', cookie: 'ur' })).toEqual({ kind: 'redirect', location: '/near-me?a=1', setCookie: 'en' });
	});
	it('knows which way each language is written', () => {
		expect(textDirection('ur')).toBe('rtl');
		expect(textDirection('ar')).toBe('rtl');
		expect(textDirection('pa')).toBe('ltr');
		expect(isLanguageNeutralPath('/tiles/a/1/2/3.mvt')).toBe(true);
		expect(isLanguageNeutralPath('/near-me')).toBe(false);
	});
});
