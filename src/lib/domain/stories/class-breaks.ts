/**
 * A story's colour classes (issue 17): one set of score class breaks for the whole story, shared by
 * its baseline and scenario slides, so one colour means one range of scores on every slide. The
 * breaks are kept in each score view's own parameters (`breaks=`), so a view and its shareable link
 * still restore the same map; the story service keeps them equal across the story's score views.
 *
 * Kinds of view: a plain map, a score map (`scores=<method>`), and the before/after difference map
 * (`scores=<method>&scenario=<id>&difference=1`), which colours the change and never takes the
 * story's breaks (its classes are diverging, gain against loss).
 */
import { walkMinutesFrom } from '../scoring/gap';
import { parseBreaks, scoreQuery, scoreSettingsFromUrl } from '../scoring/score-settings';
import type { ViewParams } from './view-params';

export type ViewKind = 'map' | 'scores' | 'difference';

/**
 * What a view shows, from its parameters, read as the map reads them: an unknown method is a plain
 * map, and with `layers=` the scores are on only when listed.
 */
export function viewKind(params: ViewParams): ViewKind {
	const settings = scoreSettingsFromUrl(new URLSearchParams(params as Record<string, string>));
	if (!settings) return 'map';
	if (params.layers !== undefined && !params.layers.split(',').includes('scores')) return 'map';
	return settings.difference ? 'difference' : 'scores';
}

/** The story's breaks: those of its first score view that has any (the service keeps them equal). */
export function storyBreaksOf(views: readonly { params: ViewParams }[]): number[] | null {
	for (const view of views) {
		if (viewKind(view.params) !== 'scores') continue;
		const breaks = parseBreaks(view.params.breaks ?? null);
		if (breaks) return breaks;
	}
	return null;
}

/** The view's parameters with the story's breaks (score views only; other kinds carry none). */
export function withStoryBreaks(params: ViewParams, breaks: readonly number[] | null): ViewParams {
	const { breaks: _own, ...rest } = params;
	const kind = viewKind(params);
	if (kind === 'difference' || (kind === 'scores' && !breaks)) return rest;
	if (kind === 'map') return params;
	return { ...rest, breaks: breaks!.join(',') };
}

/** Breaks typed by a planner ("0.5, 1, 2, 4"): four to eight increasing positive numbers, or a message. */
export function breaksFromText(text: string): { breaks: number[] } | { problem: string } {
	const cleaned = text.trim().replace(/\s*[,;]\s*|\s+/g, ',');
	const breaks = parseBreaks(cleaned);
	return breaks ? { breaks } : { problem: 'must be four to eight increasing numbers above 0, separated by commas (five to nine colour classes)' };
}

/**
 * The score summary's query (GET /tiles/opportunity-scores/summary.json) of the baseline of a score
 * view: the same score, skills, distance and walk, without the scenario; what the story's breaks are
 * derived from when the planner has not chosen them. Null for a view that is not a score view.
 */
export function baselineSummaryQuery(placeId: string, params: ViewParams): string | null {
	const settings = scoreSettingsFromUrl(new URLSearchParams(params as Record<string, string>));
	if (!settings || settings.difference) return null;
	return scoreQuery(placeId, { ...settings, scenario: null }, {}, walkMinutesFrom(params.walk ?? null));
}
