/**
 * The social enterprise network's rules (issue 15 parts 1-4), pure: what of an enterprise the
 * public may see, which procurement lots suit which consortium, the support amounts and the
 * mentoring target, and the ideas board's rate limit.
 */
import type { CONSORTIA } from '../vocabulary';

export type Consortium = (typeof CONSORTIA)[number];

/** The start-up journey, in order. */
export const STAGES = ['idea', 'start_up', 'trading'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = { idea: 'Idea', start_up: 'Start-up', trading: 'Trading' };

export const CONSORTIUM_LABELS: Record<Consortium, string> = {
	health: 'Health',
	social_care: 'Social care',
	food: 'Food',
	creative_industries: 'Creative industries',
	retail: 'Retail',
	construction: 'Construction',
	tourism: 'Tourism'
};

/**
 * Which skill groups' procurement lots a consortium's members could bid for. Skill groups are the
 * demo taxonomy's ids (data/greater-icknield/skill-groups.json); a lot in a group no consortium
 * lists is open to every consortium (community engagement, enterprise support: OPEN_LOT_GROUPS).
 */
export const CONSORTIUM_SKILL_GROUPS: Record<Consortium, readonly string[]> = {
	health: ['nursing-midwifery', 'medical-clinical', 'allied-health-scientific'],
	social_care: ['care-support'],
	food: ['food-production'],
	creative_industries: ['creative-digital'],
	retail: ['retail-customer-service'],
	construction: ['construction-trades', 'construction-professionals', 'facilities'],
	tourism: ['hospitality-tourism']
};
export const OPEN_LOT_GROUPS: readonly string[] = ['business-enterprise'];

/** The skill groups whose procurement lots suit a consortium (its own and the open ones). */
export function lotGroupsFor(consortium: Consortium): string[] {
	return [...CONSORTIUM_SKILL_GROUPS[consortium], ...OPEN_LOT_GROUPS];
}

/** The consortia that could supply a lot in `skillGroup` (every consortium for an open lot). */
export function consortiaForLot(skillGroup: string, consortia: readonly Consortium[]): Consortium[] {
	if (OPEN_LOT_GROUPS.includes(skillGroup)) return [...consortia];
	return consortia.filter((c) => CONSORTIUM_SKILL_GROUPS[c].includes(skillGroup));
}

/** What the directory holds about an enterprise that publication decides on. */
export interface EnterpriseConsent {
	consentToPublish: boolean;
	contactPublic: boolean;
	contact: string | null;
}

/** Whether an enterprise may appear in any public answer at all (list, map, API, site pages). */
export function isPublic(e: Pick<EnterpriseConsent, 'consentToPublish'>): boolean {
	return e.consentToPublish === true;
}

/** The contact the public may see: only for a listed enterprise that also agreed to show it. */
export function publicContact(e: EnterpriseConsent): string | null {
	return e.consentToPublish && e.contactPublic ? e.contact : null;
}

/** Support on offer (USE-IT!): a GBP 500 start-up grant and one GBP 3,000 challenge prize a year. */
export const SUPPORT_AMOUNTS_GBP = { startup_grant: 500, challenge_prize: 3000 } as const;
export type SupportKind = keyof typeof SUPPORT_AMOUNTS_GBP;
export const SUPPORT_LABELS: Record<SupportKind, string> = { startup_grant: 'Start-up grant (£500)', challenge_prize: 'Challenge prize (£3,000)' };

/** Mentoring asks for at least this many meetings. */
export const MENTORING_MEETINGS_TARGET = 3;

export function mentoringProgress(meetings: number): { meetings: number; target: number; complete: boolean } {
	return { meetings, target: MENTORING_MEETINGS_TARGET, complete: meetings >= MENTORING_MEETINGS_TARGET };
}

/** Ideas a client may submit within RATE_WINDOW_MINUTES before being asked to wait. */
export const IDEA_RATE_LIMIT = 3;
export const IDEA_RATE_WINDOW_MINUTES = 60;

export function ideaRateLimited(submittedInWindow: number): boolean {
	return submittedInWindow >= IDEA_RATE_LIMIT;
}
