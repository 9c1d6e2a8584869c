import { describe, expect, it } from 'vitest';
import { decideAccess } from './policy';

describe('decideAccess', () => {
	it('denies routes and methods the policy does not name', () => {
		expect(decideAccess('/no/such/route', 'GET', 'administrator')).toBe('forbidden');
		expect(decideAccess('/api/health', 'DELETE', 'administrator')).toBe('forbidden');
	});
	it('lets anyone use public routes, HEAD as GET', () => {
		expect(decideAccess('/api/health', 'GET', undefined)).toBe('allow');
		expect(decideAccess('/api/health', 'HEAD', undefined)).toBe('allow');
	});
	it('asks the signed-out to sign in and refuses the wrong role', () => {
		expect(decideAccess('/admin/users', 'GET', undefined)).toBe('unauthenticated');
		expect(decideAccess('/admin/users', 'GET', 'planner')).toBe('forbidden');
		expect(decideAccess('/admin/users', 'GET', 'researcher')).toBe('forbidden');
		expect(decideAccess('/admin/users', 'GET', 'administrator')).toBe('allow');
		expect(decideAccess('/records', 'GET', 'researcher')).toBe('allow');
		expect(decideAccess('/records', 'GET', 'planner')).toBe('forbidden');
	});
});
