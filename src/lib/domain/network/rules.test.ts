import { describe, expect, it } from 'vitest';
import { CONSORTIA } from '../vocabulary';
import { consortiaForLot, ideaRateLimited, lotGroupsFor, mentoringProgress, publicContact, isPublic, IDEA_RATE_LIMIT } from './rules';

describe('what the public sees of an enterprise', () => {
	it('lists only consented enterprises', () => {
		expect(isPublic({ consentToPublish: true })).toBe(true);
		expect(isPublic({ consentToPublish: false })).toBe(false);
	});
	it('shows the contact only when the enterprise is listed and agreed to show it', () => {
		expect(publicContact({ consentToPublish: true, contactPublic: true, contact: 'hello@x.org' })).toBe('hello@x.org');
		expect(publicContact({ consentToPublish: true, contactPublic: false, contact: 'hello@x.org' })).toBeNull();
		expect(publicContact({ consentToPublish: false, contactPublic: true, contact: 'hello@x.org' })).toBeNull();
	});
});

describe('procurement matching', () => {
	it('gives construction enterprises the construction lots and the open ones', () => {
		expect(lotGroupsFor('construction')).toEqual(['construction-trades', 'construction-professionals', 'facilities', 'business-enterprise']);
	});
	it('finds the consortia that could supply a lot, every one for an open lot', () => {
		expect(consortiaForLot('food-production', CONSORTIA)).toEqual(['food']);
		expect(consortiaForLot('business-enterprise', CONSORTIA)).toEqual([...CONSORTIA]);
		expect(consortiaForLot('transport-logistics', CONSORTIA)).toEqual([]);
	});
	it('is symmetric: a consortium lists a group exactly when the group lists the consortium', () => {
		for (const c of CONSORTIA) for (const g of lotGroupsFor(c)) expect(consortiaForLot(g, CONSORTIA)).toContain(c);
	});
});

describe('support rules', () => {
	it('counts mentoring complete from the third meeting', () => {
		expect(mentoringProgress(2).complete).toBe(false);
		expect(mentoringProgress(3)).toEqual({ meetings: 3, target: 3, complete: true });
	});
	it('limits ideas per client', () => {
		expect(ideaRateLimited(IDEA_RATE_LIMIT - 1)).toBe(false);
		expect(ideaRateLimited(IDEA_RATE_LIMIT)).toBe(true);
	});
});
