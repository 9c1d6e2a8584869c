/**
 * Every route in src/routes has an entry in ROUTE_POLICY, and every entry is a real route:
 * a new page or endpoint cannot ship without someone deciding who may use it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTE_POLICY } from './policy';

function routeIds(dir: string, prefix = ''): string[] {
	const ids: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			// (group) folders do not appear in the URL but do in SvelteKit's route id.
			ids.push(...routeIds(path.join(dir, entry.name), `${prefix}/${entry.name}`));
		} else if (/^\+(page|server)(\.server)?\.(ts|js|svelte)$/.test(entry.name)) {
			ids.push(prefix || '/');
		}
	}
	return [...new Set(ids)];
}

describe('ROUTE_POLICY', () => {
	const routes = routeIds(path.resolve('src/routes')).sort();
	it('names every route', () => {
		expect(routes.filter((r) => !(r in ROUTE_POLICY))).toEqual([]);
	});
	it('names only routes that exist', () => {
		expect(Object.keys(ROUTE_POLICY).filter((r) => !routes.includes(r))).toEqual([]);
	});
});
