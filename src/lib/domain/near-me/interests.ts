/**
 * What a resident can ask "near me" for, and which opportunities answer each interest.
 *
 * The four interests are the (jobs, training, start a business, help with qualifications
 * from abroad). An opportunity belongs to exactly one, by its kind and title:
 *  - help with qualifications from abroad: any row whose title names overseas qualifications
 *    (language tests, clinical attachments for GMC/NMC registration);
 *  - jobs: kind `job`;
 *  - training: kind `training` or `placement` (work placements are how people train on the job);
 *  - start a business: kind `procurement` (lots local firms and social enterprises can bid for).
 */

export const INTERESTS = ['jobs', 'training', 'business', 'abroad'] as const;
export type Interest = (typeof INTERESTS)[number];

export type OpportunityKind = 'job' | 'training' | 'procurement' | 'placement';

export function isInterest(value: string): value is Interest {
	return (INTERESTS as readonly string[]).includes(value);
}

export function interestOf(opportunity: { kind: OpportunityKind; title: string }): Interest {
	if (/\boverseas\b|\babroad\b/i.test(opportunity.title)) return 'abroad';
	switch (opportunity.kind) {
		case 'job':
			return 'jobs';
		case 'training':
		case 'placement':
			return 'training';
		case 'procurement':
			return 'business';
	}
}

/**
 * TfL's PTAL walking speed, 4.8 km/h = 80 m a minute (DESIGN.md, "Opportunity scores"). Minutes
 * are rounded up and are at least 1, so nothing reads "0 minutes away".
 */
export const WALKING_METRES_PER_MINUTE = 80;

export function walkingMinutes(metres: number): number {
	if (!(Number.isFinite(metres) && metres >= 0)) throw new RangeError(`walking metres must be a finite number >= 0, got ${metres}`);
	return Math.max(1, Math.ceil(metres / WALKING_METRES_PER_MINUTE));
}
