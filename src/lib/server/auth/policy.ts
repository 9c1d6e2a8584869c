/**
 * Who may use which route, in one table, checked in hooks.server.ts before any load, action or
 * endpoint runs. Deny by default: a route or method missing here answers 403, so a new route
 * is unreachable until someone decides who may use it (and the access-matrix test lists it).
 */
import type { Role } from '../db/schema';

/** 'public' = anyone, signed in or not; 'signed-in' = any account; otherwise the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const ADMIN: readonly Role[] = ['administrator'];
const PERSON_LEVEL: readonly Role[] = ['researcher', 'administrator'];
/** Scenarios are planners' working drafts: not public, not for researchers. */
export const PLANNING_ROLES: readonly Role[] = ['planner', 'administrator'];
const PLANNING = PLANNING_ROLES;

export const ROUTE_POLICY: Readonly<Record<string, Partial<Record<Method, Access>>>> = {
	'/': { GET: 'public' },
	'/signin': { GET: 'public', POST: 'public' },
	'/signout': { POST: 'public' },
	'/admin': { GET: ADMIN },
	'/admin/users': { GET: ADMIN, POST: ADMIN },
	'/admin/audit': { GET: ADMIN },
	'/admin/suppression': { GET: ADMIN },
	'/records': { GET: PERSON_LEVEL, POST: PERSON_LEVEL },
	'/records/export': { GET: PERSON_LEVEL },
	'/scenarios': { GET: PLANNING, POST: PLANNING },
	'/scenarios/[id]': { GET: PLANNING, POST: PLANNING },
	'/stories': { GET: PLANNING, POST: PLANNING },
	'/stories/[id]': { GET: PLANNING, POST: PLANNING },
	'/present/[id]': { GET: PLANNING },
	'/sites/[id]': { GET: 'public' },
	'/api/health': { GET: 'public' },
	'/api/places': { GET: 'public' },
	'/api/skill-groups': { GET: 'public' },
	'/api/places/[id]/macro-assets': { GET: 'public' },
	'/api/layers/resident-skills': { GET: 'public' },
	'/api/records': { GET: PERSON_LEVEL, POST: PERSON_LEVEL },
	'/api/users': { GET: ADMIN, POST: ADMIN },
	// Scores read only published layers: public. A scenario= parameter is checked in the service
	// (SCENARIO_ROLES), since the same endpoint serves the baseline to everyone.
	'/api/scores': { GET: 'public' },
	'/api/scores/sites': { GET: 'public' },
	'/api/scores/explain': { GET: 'public' },
	'/api/scores/compare': { GET: PLANNING },
	'/api/scenarios': { GET: PLANNING, POST: PLANNING },
	'/api/scenarios/[id]': { GET: PLANNING, PATCH: PLANNING, DELETE: PLANNING },
	'/api/scenarios/[id]/sites': { POST: PLANNING },
	'/api/scenarios/[id]/sites/[siteId]': { PATCH: PLANNING, DELETE: PLANNING },
	'/api/scenarios/[id]/opportunities': { POST: PLANNING },
	'/api/scenarios/[id]/opportunities/[opportunityId]': { PATCH: PLANNING, DELETE: PLANNING },
	// Outreach routes are a researcher's own work (the service keeps each to its owner; administrators see all).
	'/outreach': { GET: PERSON_LEVEL, POST: PERSON_LEVEL },
	'/outreach/[id]': { GET: PERSON_LEVEL, POST: PERSON_LEVEL },
	'/outreach/[id]/sheet': { GET: PERSON_LEVEL },
	'/api/routes': { GET: PERSON_LEVEL, POST: PERSON_LEVEL },
	'/api/routes/outreach': { POST: PERSON_LEVEL },
	'/api/routes/suggestions': { GET: PERSON_LEVEL },
	'/api/routes/[id]': { GET: PERSON_LEVEL, DELETE: PERSON_LEVEL },
	'/api/routes/[id]/gpx': { GET: PERSON_LEVEL },
	'/api/routes/[id]/visits/[stopId]': { PUT: PERSON_LEVEL },
	'/api/stories': { GET: PLANNING, POST: PLANNING },
	'/api/stories/[id]': { GET: PLANNING, PATCH: PLANNING, DELETE: PLANNING },
	'/api/stories/[id]/views': { POST: PLANNING },
	'/api/stories/[id]/views/[viewId]': { PATCH: PLANNING, DELETE: PLANNING },
	// OGC API – Features: public layers only (a scenario= parameter is checked by the score service).
	'/ogc': { GET: 'public' },
	'/ogc/conformance': { GET: 'public' },
	'/ogc/collections': { GET: 'public' },
	'/ogc/collections/[collectionId]': { GET: 'public' },
	'/ogc/collections/[collectionId]/items': { GET: 'public' },
	'/ogc/collections/[collectionId]/items/[featureId]': { GET: 'public' },
	'/tiles/[layer]/summary.json': { GET: 'public' },
	'/tiles/[layer]/[z]/[x]/[y].mvt': { GET: 'public' },
	// ---- Places (issue 16) ----
	// ---- Researchers: questionnaires, responses, vouchers, coverage (issue 11) ----
	// ---- Residents: near me (issue 13) ----
	// Public records only (sites, their opportunities, hubs, social enterprises), from a chosen area.
	'/near-me': { GET: 'public' },
	'/api/near-me': { GET: 'public' },
	// ---- Skills matching, pipeline, dashboard (issue 14) ----
	// ---- Enterprise network, ideas, support, finance, Open Referral (issue 15) ----
	// ---- Planners' gap headline (issue 17) ----
};

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

export function decideAccess(routeId: string, method: string, role: Role | undefined): Decision {
	const rules = ROUTE_POLICY[routeId];
	const access = rules?.[(method === 'HEAD' ? 'GET' : method) as Method];
	if (!access) return 'forbidden';
	if (access === 'public') return 'allow';
	if (!role) return 'unauthenticated';
	if (access === 'signed-in') return 'allow';
	return access.includes(role) ? 'allow' : 'forbidden';
}
