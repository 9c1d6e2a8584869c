// See https://svelte.dev/docs/kit/types#app.d.ts
import type { User } from '$lib/server/auth/queries';

declare global {
	namespace App {
		interface Error {
			code: string;
			message: string;
		}
		interface Locals {
			/** The signed-in account, if any; set by hooks.server.ts on every request. */
			user: User | undefined;
			/** Set by handleError when a page failed because the database was away (answered 503, not 500). */
			databaseUnavailable?: boolean;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
