/**
 * Progress against the partnership's targets (issue 14): which figures there are, where each comes
 * from, and how a published sum over skill groups is read. Pure.
 */
export const METRICS = ['overseas_qualified_identified', 'researchers_trained', 'in_accreditation', 'in_work', 'startups_founded'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
	overseas_qualified_identified: 'People with overseas qualifications identified',
	researchers_trained: 'Community researchers trained',
	in_accreditation: 'People in accreditation',
	in_work: 'People in work',
	startups_founded: 'Start-ups founded'
};

/**
 * Figures counted from person-level data: only their published (rounded, suppressed) values are
 * ever recorded or shown. The other two are counts of the partnership's own activity, entered
 * by hand.
 */
export const PUBLISHED_METRICS: readonly Metric[] = ['overseas_qualified_identified', 'in_accreditation', 'in_work'];
export const ENTERED_METRICS: readonly Metric[] = ['researchers_trained', 'startups_founded'];

export function isMetric(value: string): value is Metric {
	return (METRICS as readonly string[]).includes(value);
}

/**
 * A figure summed from published per-group totals: the sum of those released, and whether any
 * group's total was withheld (then the sum is a lower bound, "at least"). Withheld totals are
 * never estimated.
 */
export function sumPublished(totals: readonly (number | null)[]): { value: number; atLeast: boolean } {
	let value = 0;
	let atLeast = false;
	for (const t of totals) {
		if (t === null) atLeast = true;
		else value += t;
	}
	return { value, atLeast };
}

export interface SeriesPoint {
	date: string;
	value: number;
}

/** Share of the target reached, 0..1 or more; null without a (positive) target. */
export function progressShare(value: number, target: number | null): number | null {
	return target && target > 0 ? value / target : null;
}
