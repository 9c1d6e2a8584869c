import type { LayoutServerLoad } from './$types';

/** What every page may know about who is signed in: name and role, nothing more. */
export const load: LayoutServerLoad = ({ locals }) => ({
	viewer: locals.user
		? { username: locals.user.username, displayName: locals.user.displayName, role: locals.user.role }
		: null
});
