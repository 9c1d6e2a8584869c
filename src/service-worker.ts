/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The offline shell for researchers' questionnaires (issue 11): the app's built assets are
 * cached when the worker installs, and the questionnaire page itself each time it loads from the
 * server, so a researcher who loses signal (or whose server is down) can reload the form and keep
 * filling it; the answers wait in IndexedDB (src/lib/offline/drafts.ts). Nothing else is served
 * from the cache: every other request, every API call and every write goes to the network as usual.
 *
 * The kept pages are a signed-in researcher's: they go when the researcher signs out. The worker
 * sees the sign-out POST itself (every sign-out form posts to /signout, with or without JavaScript),
 * so it deletes them there rather than trusting each page to send a message; a page the network
 * answers with a sign-in redirect or a refusal (a session that expired) is deleted too. A cache key
 * per session would need the session id, which the HttpOnly cookie rightly keeps from the worker.
 * Drafts in IndexedDB are not touched: they are answers still to be sent.
 */
import { build, files, version } from '$service-worker';
import { LANGUAGE_CODES, pathInLanguage } from '$lib/domain/i18n/languages';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `atlas-offline-${version}`;
const ASSETS = new Set([...build, ...files.filter((f) => !f.endsWith('.pbf') && !f.endsWith('.mvt'))]);
/**
 * Pages kept for offline use: network first, the last good copy when the network fails. In every
 * language (`/ur/questionnaire`): a researcher working in Urdu reloads the Urdu form.
 */
const OFFLINE_PAGES = new Set(['/questionnaire', '/questionnaire/print'].flatMap((path) => LANGUAGE_CODES.map((code) => pathInLanguage(path, code))));

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([...ASSETS]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k.startsWith('atlas-offline-') && k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

/** Removes every kept page from every version of the cache (assets stay: they are public). */
async function forgetKeptPages(): Promise<void> {
	const keys = (await caches.keys()).filter((k) => k.startsWith('atlas-offline-'));
	for (const key of keys) {
		const cache = await caches.open(key);
		await Promise.all([...OFFLINE_PAGES].map((page) => cache.delete(page)));
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.method === 'POST' && url.pathname === '/signout') {
		// The request itself goes to the network untouched; the worker stays alive until the pages are gone.
		event.waitUntil(forgetKeptPages());
		return;
	}
	if (request.method !== 'GET') return;
	if (ASSETS.has(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	if (request.mode === 'navigate' && OFFLINE_PAGES.has(url.pathname) && url.search === '') {
		event.respondWith(
			(async () => {
				const cache = await caches.open(CACHE);
				try {
					const response = await fetch(request);
					// Keep only a real page for this researcher (not a sign-in page, an error, a redirect).
					if (response.ok && !response.redirected) await cache.put(url.pathname, response.clone());
					// Signed out elsewhere or the session expired: the copy is no longer this browser's to show.
					else if (response.redirected || response.status === 401 || response.status === 403) await cache.delete(url.pathname);
					return response;
				} catch (err) {
					const kept = await cache.match(url.pathname);
					if (kept) return kept;
					throw err;
				}
			})()
		);
	}
});
