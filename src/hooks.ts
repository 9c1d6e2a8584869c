import type { Reroute } from '@sveltejs/kit';
import { splitLanguagePrefix } from '$lib/domain/i18n/languages';

/**
 * `/ur/near-me` is the page `/near-me` in Urdu: the route (and so its id in the access table,
 * src/lib/server/auth/policy.ts) is the same in every language.
 */
export const reroute: Reroute = ({ url }) => splitLanguagePrefix(url.pathname).path;
