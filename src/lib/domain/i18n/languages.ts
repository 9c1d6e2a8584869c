/**
 * The languages residents can read Asset Atlas in, and how a page's language follows its URL.
 *
 * Chosen from Census 2021 main language (ONS table TS024) for Birmingham and Sandwell, the two
 * councils Greater Icknield spans: after English, Urdu, Panjabi, Bengali, Arabic and Polish are
 * among the largest main languages there (see the README, "Residents: near me"). Urdu and Arabic
 * are written right to left.
 *
 * The locale lives in the URL (`/ur/near-me`; English has no prefix) so a link opens a page in one
 * language; a cookie keeps the choice for the next visit to an unprefixed address.
 */

export const LANGUAGES = [
	{ code: 'en', nativeName: 'English', englishName: 'English', dir: 'ltr' },
	{ code: 'ur', nativeName: 'اردو', englishName: 'Urdu', dir: 'rtl' },
	{ code: 'pa', nativeName: 'ਪੰਜਾਬੀ', englishName: 'Panjabi (Gurmukhi)', dir: 'ltr' },
	{ code: 'bn', nativeName: 'বাংলা', englishName: 'Bengali', dir: 'ltr' },
	{ code: 'ar', nativeName: 'العربية', englishName: 'Arabic', dir: 'rtl' },
	{ code: 'pl', nativeName: 'Polski', englishName: 'Polish', dir: 'ltr' }
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const BASE_LANGUAGE: LanguageCode = 'en';
export const LANGUAGE_CODES: readonly LanguageCode[] = LANGUAGES.map((l) => l.code);

/** The cookie that keeps a resident's language between visits (a preference, not tracking). */
export const LANGUAGE_COOKIE = 'atlas_lang';

export function isLanguageCode(value: string | undefined | null): value is LanguageCode {
	return value !== undefined && value !== null && (LANGUAGE_CODES as readonly string[]).includes(value);
}

export function textDirection(code: LanguageCode): 'ltr' | 'rtl' {
	return LANGUAGES.find((l) => l.code === code)!.dir;
}

/**
 * Paths that are never pages in a language: the JSON API, OGC API, tiles and build assets.
 * They are neither prefixed nor redirected.
 */
export function isLanguageNeutralPath(pathname: string): boolean {
	return /^\/(api|ogc|tiles|_app)(\/|$)/.test(pathname) || /\.[a-z0-9]+$/i.test(pathname);
}

/** Splits `/ur/near-me` into its language and the path without the prefix (`/near-me`). */
export function splitLanguagePrefix(pathname: string): { language: LanguageCode | undefined; path: string } {
	const match = /^\/([a-z]{2})(\/.*)?$/.exec(pathname);
	if (match && isLanguageCode(match[1])) return { language: match[1], path: match[2] ?? '/' };
	return { language: undefined, path: pathname };
}

/** The address of `path` (unprefixed, with its query) in `language`. */
export function pathInLanguage(path: string, language: LanguageCode): string {
	if (language === BASE_LANGUAGE) return path;
	return path === '/' ? `/${language}` : path.startsWith('/?') ? `/${language}${path.slice(1)}` : `/${language}${path}`;
}

export type LanguageDecision =
	| { kind: 'serve'; language: LanguageCode; setCookie: LanguageCode | undefined }
	| { kind: 'redirect'; location: string; setCookie: LanguageCode | undefined };

/**
 * What to do with a page request, given its path and the language cookie.
 *  - `/en/...` (an explicit choice of English): remember it and go to the unprefixed address;
 *  - `/ur/...`: serve in Urdu, remembering Urdu if the cookie says otherwise;
 *  - unprefixed with a remembered language other than English, for a page a person asked for
 *    (a GET of a document): go to that language's address;
 *  - anything else is English.
 */
export function decideLanguage(input: {
	pathname: string;
	search: string;
	cookie: string | undefined;
	isDocumentGet: boolean;
}): LanguageDecision {
	const { language, path } = splitLanguagePrefix(input.pathname);
	const remembered = isLanguageCode(input.cookie) ? input.cookie : undefined;
	if (language === BASE_LANGUAGE) {
		return { kind: 'redirect', location: path + input.search, setCookie: BASE_LANGUAGE };
	}
	if (language) return { kind: 'serve', language, setCookie: remembered === language ? undefined : language };
	if (input.isDocumentGet && remembered && remembered !== BASE_LANGUAGE && !isLanguageNeutralPath(input.pathname)) {
		return { kind: 'redirect', location: pathInLanguage(input.pathname + input.search, remembered), setCookie: undefined };
	}
	return { kind: 'serve', language: BASE_LANGUAGE, setCookie: undefined };
}
