/** The URL parameters of a gap request (the API and the site page read the same names). */
import * as v from 'valibot';
import { DEFAULT_WALK_MINUTES, WALK_MINUTES_CHOICES } from '../../domain/scoring/gap';
import { DISTANCE_MODES, type SupplyReadiness } from '../../domain/scoring/spec';
import { isUuid } from '../../domain/uuid';
import type { Role } from '../db/schema';
import { oneOf } from '../http/validate';
import type { SiteGapRequest } from './gap';

const READINESS = ['any', 'overseas_qualification', 'english_test_passed', 'professionally_registered'] as const;
const WALKS = WALK_MINUTES_CHOICES.map(String) as [string, ...string[]];

export const GAP_QUERY = v.strictObject({
	walk: v.optional(oneOf(WALKS)),
	skill: v.optional(v.pipe(v.string(), v.regex(/^(all|[a-z0-9][a-z0-9-]{0,62})$/, 'must be "all" or a skill group id'))),
	readiness: v.optional(oneOf(READINESS)),
	distance: v.optional(oneOf(DISTANCE_MODES)),
	scenario: v.optional(v.pipe(v.string(), v.check((s) => s === 'baseline' || isUuid(s), 'must be a scenario id (a uuid) or "baseline"'))),
	place: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a place id')))
});

export function gapRequestFrom(siteId: string, query: v.InferOutput<typeof GAP_QUERY>, viewer: Role | undefined): SiteGapRequest {
	return {
		siteId,
		placeId: query.place,
		skill: query.skill ?? 'all',
		readiness: (query.readiness ?? 'any') as SupplyReadiness,
		walkMinutes: query.walk ? Number(query.walk) : DEFAULT_WALK_MINUTES,
		distance: query.distance ?? 'straight',
		scenario: query.scenario && query.scenario !== 'baseline' ? query.scenario.toLowerCase() : null,
		viewer
	};
}
