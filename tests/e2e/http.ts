/** Plain HTTP against the app under test, signed in as a role or not. */
import { inject } from 'vitest';

export type RoleName = 'public' | 'researcher' | 'planner' | 'administrator' | 'coordinator' | 'partner' | 'network';

const baseUrl = inject('baseUrl');
const cookies = new Map<RoleName, string>();

/** The session cookie for a role, signing in once through the real sign-in form. */
export async function sessionCookie(role: RoleName): Promise<string | undefined> {
	if (role === 'public') return undefined;
	const cached = cookies.get(role);
	if (cached) return cached;
	const account = inject('accounts')[role];
	const response = await fetch(`${baseUrl}/signin`, {
		method: 'POST',
		redirect: 'manual',
		// As a browser posts a form; with */* SvelteKit would answer an action in JSON, not a redirect.
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, accept: 'text/html' },
		body: new URLSearchParams({ username: account.username, password: account.password, next: '/' })
	});
	const setCookie = response.headers.get('set-cookie') ?? '';
	const match = /atlas_session=([^;]+)/.exec(setCookie);
	if (response.status !== 303 || !match) throw new Error(`sign-in as ${role} failed: ${response.status} ${setCookie}`);
	const cookie = `atlas_session=${match[1]}`;
	cookies.set(role, cookie);
	return cookie;
}

export async function request(
	role: RoleName,
	method: string,
	pathAndQuery: string,
	init: { body?: string; contentType?: string; origin?: string | null; headers?: Record<string, string> } = {}
): Promise<Response> {
	const cookie = await sessionCookie(role);
	const headers: Record<string, string> = { ...init.headers };
	if (cookie) headers.cookie = cookie;
	if (init.contentType) headers['content-type'] = init.contentType;
	headers.accept ??= pathAndQuery.startsWith('/api/') ? 'application/json' : 'text/html';
	if (init.origin !== null && method !== 'GET') headers.origin = init.origin ?? baseUrl;
	return fetch(`${baseUrl}${pathAndQuery}`, { method, redirect: 'manual', headers, body: init.body });
}

export { baseUrl };
