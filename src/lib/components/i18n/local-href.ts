import { pathInLanguage, type LanguageCode } from '$lib/domain/i18n/languages';
import { getLocale } from '$lib/paraglide/runtime';

/** An internal link in the current page's language (`/near-me` -> `/ur/near-me`). */
export function localHref(path: string): string {
	return pathInLanguage(path, getLocale() as LanguageCode);
}
