/**
 * Who may use which route, in one table, checked in hooks.server.ts before any load, action or
 * endpoint runs. Deny by default: a route or method missing here answers 403, so a new route
 * is unreachable until someone decides who may use it (and the access-matrix test lists it).
 */
import type { Role } from '../db/schema';

/** 'public' = anyone, signed in or not; 'signed-in' = any account; otherwise the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

const ADMIN: readonly Role[] = ['administrator'];
const PERSON_LEVEL: readonly Role[] = ['researcher', 'administrator'];
/** Scenarios are planners' working drafts: not public, not for researchers. */
export const PLANNING_ROLES: readonly Role[] = ['planner', 'administrator'];
const PLANNING = PLANNING_ROLES;
/** Issue 11: who reads the questionnaire and responses (a researcher only their own), who validates. */
const QUESTIONNAIRE_READERS: readonly Role[] = ['researcher', 'coordinator', 'administrator'];
const REVIEWERS: readonly Role[] = ['coordinator', 'administrator'];
/** Coverage shows published counts only (k threshold, rounding, suppression). */
const COVERAGE_READERS: readonly Role[] = ['researcher', 'coordinator', 'planner', 'administrator'];
/** Who keeps the community finance records (issue 15 part 5). */
const FINANCE_STAFF: readonly Role[] = ['network', 'administrator'];
/** Issue 14: who keeps vacancy lists, the crosswalk and the targets. */
const PARTNERSHIP: readonly Role[] = ['partner', 'administrator'];
/** Issue 14: who works the (person-level) skills pipeline. */
const PIPELINE: readonly Role[] = ['partner', 'researcher', 'administrator'];
/** The enterprise network's staff (issue 15), and those who review residents' ideas with them. */
const NETWORK_STAFF: readonly Role[] = ['network', 'administrator'];
const IDEA_REVIEWERS: readonly Role[] = ['network', 'partner', 'administrator'];

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
	'/admin/places': { GET: ADMIN, POST: ADMIN },
	// ---- Researchers: questionnaires, responses, vouchers, coverage (issue 11) ----
	// Responses are person-level: collected by researchers, validated by coordinators, all seen by administrators
	// (the service keeps a researcher to their own).
	'/api/questionnaires/current': { GET: QUESTIONNAIRE_READERS },
	'/api/responses': { GET: QUESTIONNAIRE_READERS, POST: PERSON_LEVEL },
	'/api/responses/[id]': { DELETE: QUESTIONNAIRE_READERS },
	'/api/vouchers': { GET: QUESTIONNAIRE_READERS },
	'/questionnaire': { GET: PERSON_LEVEL, POST: PERSON_LEVEL },
	'/questionnaire/print': { GET: QUESTIONNAIRE_READERS },
	'/questionnaire/import': { GET: QUESTIONNAIRE_READERS, POST: QUESTIONNAIRE_READERS },
	'/questionnaire/review': { GET: REVIEWERS, POST: REVIEWERS },
	'/admin/questionnaire': { GET: ADMIN, POST: ADMIN },
	'/coverage': { GET: COVERAGE_READERS },
	// ---- Residents: near me (issue 13) ----
	// Public records only (sites, their opportunities, hubs, social enterprises), from a chosen area.
	'/near-me': { GET: 'public' },
	'/api/near-me': { GET: 'public' },
	// ---- Skills matching, pipeline, dashboard (issue 14) ----
	// Vacancy lists and the crosswalk are the partnership's working data (employers' lists come
	// through partners); the pipeline is person-level (partners, researchers for their own
	// residents, administrators; every read audited); published counts are public.
	'/matching': { GET: PARTNERSHIP, POST: PARTNERSHIP },
	'/matching/crosswalk': { GET: PARTNERSHIP, POST: PARTNERSHIP },
	'/pipeline': { GET: PIPELINE, POST: PIPELINE },
	'/pipeline/[id]': { GET: PIPELINE, POST: PIPELINE },
	'/dashboard': { GET: 'public', POST: PARTNERSHIP },
	'/dashboard/export.csv': { GET: 'public' },
	'/api/vacancies': { GET: 'public', POST: PARTNERSHIP },
	'/api/matching/sites/[id]': { GET: 'public' },
	'/api/matching/cells': { GET: 'public' },
	'/api/pipeline/cases': { GET: PIPELINE, POST: PIPELINE },
	'/api/pipeline/cases/[id]': { GET: PIPELINE, PATCH: PIPELINE },
	// ---- Enterprise network, ideas, support, finance, Open Referral (issue 15) ----
	// Open Referral UK export: public and read-only, CORS open (OPTIONS is the browser's preflight).
	'/openreferral': { GET: 'public', OPTIONS: 'public' },
	'/openreferral/services': { GET: 'public', OPTIONS: 'public' },
	'/openreferral/services/[id]': { GET: 'public', OPTIONS: 'public' },
	'/openreferral/service_at_locations': { GET: 'public', OPTIONS: 'public' },
	'/openreferral/service_at_locations/[id]': { GET: 'public', OPTIONS: 'public' },
	'/openreferral/taxonomies': { GET: 'public', OPTIONS: 'public' },
	'/openreferral/taxonomies/[id]': { GET: 'public', OPTIONS: 'public' },
	'/openreferral/taxonomy_terms': { GET: 'public', OPTIONS: 'public' },
	'/openreferral/taxonomy_terms/[id]': { GET: 'public', OPTIONS: 'public' },
	// Community finance: records are staff-only (network staff keep them); aggregates are public.
	'/finance': { GET: 'public' },
	'/finance/records': { GET: FINANCE_STAFF, POST: FINANCE_STAFF },
	'/api/finance/summary': { GET: 'public' },
	// Directory: public reads list consented enterprises only (the service decides per role);
	// network staff and administrators create and edit, and see every enterprise.
	'/enterprises': { GET: 'public' },
	'/enterprises/new': { GET: NETWORK_STAFF, POST: NETWORK_STAFF },
	'/enterprises/[id]': { GET: 'public', POST: NETWORK_STAFF },
	'/api/enterprises': { GET: 'public' },
	'/api/enterprises/[id]': { GET: 'public' },
	'/api/enterprises/[id]/procurement': { GET: 'public' },
	'/api/sites/[id]/suppliers': { GET: 'public' },
	// Ideas: anyone submits (rate-limited, moderated); the private link is the submitter's own.
	'/ideas': { GET: 'public', POST: 'public' },
	'/ideas/status/[token]': { GET: 'public' },
	'/ideas/review': { GET: IDEA_REVIEWERS, POST: IDEA_REVIEWERS },
	'/api/ideas': { GET: 'public', POST: 'public' },
	// Support: upcoming events are public; applications, mentoring and placements are staff work.
	'/events': { GET: 'public' },
	'/api/events': { GET: 'public' },
	'/support': { GET: NETWORK_STAFF, POST: NETWORK_STAFF },
	// ---- Planners' gap headline (issue 17) ----
	'/api/sites/[id]/gap': { GET: 'public' },
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
