import { getLocale } from '$lib/paraglide/runtime';

/**
 * A calendar day (`2026-12-05`) in the page's language with UK conventions ("5 دسمبر 2026"): an
 * ISO date shown as it is would be reordered in a right-to-left line ("05-12-2026").
 */
export function localDay(isoDay: string): string {
	return new Date(`${isoDay}T12:00:00Z`).toLocaleDateString(`${getLocale()}-GB`, { dateStyle: 'long', timeZone: 'Europe/London' });
}

/** A moment (ISO timestamp) as a full date and time in London, in the page's language. */
export function localDateTime(iso: string): string {
	return new Date(iso).toLocaleString(`${getLocale()}-GB`, { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/London' });
}
