/**
 * A map link a planner pastes into a story (from the address bar, a chat, an email) turned into
 * view parameters. Only links to this site's map page are taken: a view must restore a map of
 * ours, so a link to another site or another page is refused with a message saying which.
 */
import { viewParamsFrom, viewParamsProblem, type ViewParams } from './view-params';

/** The map page's path: the home page. */
export const MAP_PATH = '/';

/**
 * Parameters the presentation adds itself: a pasted link from a presented map must not carry them,
 * or every view would be stored in presentation mode.
 */
const PRESENTATION_PARAMS = ['present'];

export type MapLinkResult = { params: ViewParams; problem?: undefined } | { params?: undefined; problem: string };

/**
 * Reads a pasted map link: an absolute URL on `origin`, a path (`/?place=…`), or a bare query
 * (`?place=…`). Returns the view parameters, or a problem a planner can act on.
 */
export function mapLinkParams(link: string, origin: string): MapLinkResult {
	const text = link.trim();
	if (text === '') return { problem: 'Paste a link to the map: open the map, set it up as you want it shown, and copy the address.' };
	let url: URL;
	try {
		url = new URL(text, `${origin}${MAP_PATH}`);
	} catch {
		return { problem: 'This is not a link. Copy the address of the map from the browser and paste it here.' };
	}
	if (url.origin !== new URL(origin).origin) {
		return { problem: `This link goes to ${url.host || url.protocol}, not to Asset Atlas. Paste a link to this site's map (it starts with ${origin}/).` };
	}
	if (url.pathname !== MAP_PATH) {
		return { problem: `This is a link to the page ${url.pathname}, not to the map. Open the map (the home page), set it up, and copy its address.` };
	}
	const params: Record<string, string> = viewParamsFrom(url.searchParams);
	for (const name of PRESENTATION_PARAMS) delete params[name];
	const problem = viewParamsProblem(params);
	if (problem) return { problem: `The link's settings cannot be stored: it ${problem}.` };
	return { params };
}

/**
 * The link to prefill when the map offers "Add this view to a story" (`?add=<query>`): takes the
 * map's query string with or without "?", or a whole map link, and gives the absolute map URL.
 */
export function mapLinkFromAddParam(add: string, origin: string): string {
	const text = add.trim();
	if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('/')) return text;
	const query = text.replace(/^\?/, '');
	return `${origin}${MAP_PATH}${query ? `?${query}` : ''}`;
}
