import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { getAppDatabase } from '$lib/server/db/app';
import { config } from '$lib/server/config';
import { seedDemoDataIfEmpty } from '$lib/server/seed/index';
import { authenticate, SESSION_COOKIE } from '$lib/server/auth/service';
import { decideAccess } from '$lib/server/auth/policy';
import { deniedPage } from '$lib/server/auth/denied-page';
import { nulInUrl } from '$lib/domain/text/nul';
import { forbidden, malformed, unauthenticated } from '$lib/server/errors';
import { errorResponse, RETRY_AFTER_SECONDS } from '$lib/server/http/errors';
import { isDatabaseUnavailable } from '$lib/server/db/index';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { decideLanguage, LANGUAGE_COOKIE, textDirection } from '$lib/domain/i18n/languages';

/**
 * Start-up: open and migrate the database before the first request is served, and load the demo
 * data into an empty database so that `npm start` on a fresh machine shows Greater Icknield.
 */
export const init: ServerInit = async () => {
	const started = Date.now();
	const database = await getAppDatabase();
	const { applied, total } = database.migrations;
	console.log(
		`[atlas] ${database.backend} database ${database.reopened ? 'reopened' : 'created'}; ` +
			`${applied.length ? `applied ${applied.join(', ')}` : `${total} migration(s) up to date`}`
	);
	if (config().seedOnEmpty) {
		const seeded = await seedDemoDataIfEmpty(database.db);
		if (seeded) {
			console.log(
				`[atlas] loaded demo data for ${seeded.place}: ${seeded.macroAssets} sites, ` +
					`${seeded.opportunities} opportunities, ${seeded.hubs} hubs, ` +
					`${seeded.enterprises} synthetic enterprises, ${seeded.residents} synthetic residents`
			);
		}
	}
	console.log(`[atlas] database ready in ${Date.now() - started} ms`);
	// adapter-node stops accepting requests on SIGINT/SIGTERM, then emits this: close the database
	// so the process can end (an open PGlite keeps it alive) and the embedded folder is left clean.
	process.once('sveltekit:shutdown' as 'exit', () => {
		void database.close().then(() => console.log('[atlas] database closed'));
	});
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isApi(event: RequestEvent): boolean {
	return event.url.pathname.startsWith('/api/');
}

/**
 * Refuses before any load, action or endpoint runs (loads run in parallel, so a check in a layout
 * would be too late). API callers get the JSON error contract; people get a small page.
 */
function refuse(event: RequestEvent, status: 401 | 403, message: string): Response {
	if (isApi(event) || event.request.method !== 'GET') {
		return errorResponse(status === 401 ? unauthenticated(message) : forbidden(message));
	}
	return new Response(deniedPage(status, message, event.url.pathname + event.url.search), {
		status,
		headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }
	});
}

/**
 * A response sent before its request's body was read (a refusal, an oversized body) leaves the
 * rest of that body on the connection: ask the client not to reuse it, or its next request on
 * the same connection can meet a reset.
 */
function closeIfBodyUnread(event: RequestEvent, response: Response): Response {
	const hasBody = event.request.headers.has('content-length') || event.request.headers.has('transfer-encoding');
	if (hasBody && (!event.request.bodyUsed || response.status === 413)) {
		try {
			response.headers.set('Connection', 'close');
		} catch {
			// Immutable headers (a fetched response passed through): leave them.
		}
	}
	return response;
}

/** A year: the language is a preference the resident chose, kept like any site setting. */
const LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600;

/**
 * The page's language from its URL prefix (`/ur/...`), kept in a cookie; `<html lang dir>` is
 * written on the server (src/app.html), and Paraglide's middleware makes the language the one its
 * message functions read during this request.
 */
const localize: Handle = async ({ event, resolve }) => {
	const decision = decideLanguage({
		pathname: event.url.pathname,
		search: event.url.search,
		cookie: event.cookies.get(LANGUAGE_COOKIE),
		isDocumentGet: event.request.method === 'GET' && (event.request.headers.get('accept') ?? '').includes('text/html')
	});
	// Not httpOnly: the page's own script reads nothing from it, but nothing secret is in it either.
	const cookieOptions = { path: '/', maxAge: LANGUAGE_COOKIE_SECONDS, httpOnly: false, sameSite: 'lax', secure: false } as const;
	if (decision.kind === 'redirect') {
		const headers = new Headers({ Location: decision.location, 'Cache-Control': 'no-store' });
		if (decision.setCookie) headers.append('Set-Cookie', event.cookies.serialize(LANGUAGE_COOKIE, decision.setCookie, cookieOptions));
		return new Response(null, { status: 303, headers });
	}
	if (decision.setCookie) event.cookies.set(LANGUAGE_COOKIE, decision.setCookie, cookieOptions);
	const language = decision.language;
	return paraglideMiddleware(event.request, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%atlas.lang%', language).replace('%atlas.dir%', textDirection(language))
		})
	);
};

export const handle: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await localize({ event, resolve: (localizedEvent, options) => guard({ event: localizedEvent, resolve: (e, o) => resolve(e, { ...options, ...o }) }) });
	} catch (err) {
		// The session lookup needs the database: while it restarts, a 503 to retry, not a 500.
		if (!isDatabaseUnavailable(err)) throw err;
		response = isApi(event) || event.request.method !== 'GET' ? errorResponse(err) : unavailablePage();
	}
	// A page whose load met the database away was rendered as SvelteKit's error page with status 500
	// (handleError cannot change it): the same page, as the 503 with Retry-After that it is.
	if (response.status === 500 && event.locals.databaseUnavailable) {
		const headers = new Headers(response.headers);
		headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
		headers.set('Cache-Control', 'no-store');
		response = new Response(await response.text(), { status: 503, headers });
	}
	return closeIfBodyUnread(event, response);
};

/** A person's page while the database is away: plain, no database needed, asks to retry. */
function unavailablePage(): Response {
	const html =
		'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
		`<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS * 5}"><title>Back in a moment · Asset Atlas</title></head>` +
		'<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">' +
		'<h1>Back in a moment</h1><p>The database is restarting or unreachable. Nothing you saved is lost; please try again in a few seconds.</p>' +
		'</body></html>';
	return new Response(html, {
		status: 503,
		headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': String(RETRY_AFTER_SECONDS) }
	});
}

const guard: Handle = async ({ event, resolve }) => {
	const nul = nulInUrl(event.url);
	if (nul) {
		return errorResponse(malformed(`The NUL character (%00) is not allowed in ${nul}.`));
	}
	// SvelteKit checks the origin of form posts; JSON and other bodies that change state need the
	// same protection, so a page on another site cannot make a signed-in browser change anything.
	if (STATE_CHANGING.has(event.request.method)) {
		const origin = event.request.headers.get('origin');
		const fetchSite = event.request.headers.get('sec-fetch-site');
		if ((origin && origin !== event.url.origin) || fetchSite === 'cross-site') {
			return errorResponse(forbidden('Cross-site requests may not change anything here.'));
		}
	}

	const database = await getAppDatabase();
	const session = await authenticate(database.db, event.cookies.get(SESSION_COOKIE));
	event.locals.user = session?.user;

	if (event.route.id !== null) {
		const decision = decideAccess(event.route.id, event.request.method, event.locals.user?.role);
		if (decision === 'unauthenticated') return refuse(event, 401, 'Please sign in to see this.');
		if (decision === 'forbidden') return refuse(event, 403, 'Your account does not give access to this.');
	}

	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	// Same-origin framing only: the presentation page embeds the map; other sites still cannot.
	response.headers.set('X-Frame-Options', 'SAMEORIGIN');
	if (!response.headers.has('Content-Security-Policy')) response.headers.set('Content-Security-Policy', "frame-ancestors 'self'");
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handleError: HandleServerError = ({ error: err, event, status, message }) => {
	if (status >= 500 && isDatabaseUnavailable(err)) {
		event.locals.databaseUnavailable = true;
		return { code: 'unavailable', message: 'The database is restarting or unreachable; try again in a moment.' };
	}
	if (status >= 500) console.error(err);
	return { code: status === 404 ? 'not_found' : 'internal', message };
};
