/**
 * What the story API and the presentation pages send: a planner's ordered list of map views.
 * Types only, read by server and browser.
 */
import type { ViewParams } from '../domain/stories/view-params';

export type { ViewParams };

export interface StorySummary {
	id: string;
	placeId: string;
	title: string;
	description: string | null;
	/** The display name of the user who made it, when known. */
	createdBy: string | null;
	/** ISO 8601 timestamp. */
	updatedAt: string;
	views: number;
}

export interface StoryView {
	id: string;
	/** A plain map, a score map, or the before/after difference map (domain/stories/class-breaks). */
	kind: 'map' | 'scores' | 'difference';
	/** 1..n, dense: the order the views are presented in. */
	position: number;
	title: string;
	caption: string | null;
	/** The map's URL parameters for this view. */
	params: ViewParams;
	/** The map URL that restores this view: `/?<query>`. */
	url: string;
}

export interface Story extends StorySummary {
	/**
	 * The score colour-class breaks every score view of the story uses (baseline and scenario
	 * alike), or null while it has no score view.
	 */
	breaks: number[] | null;
	viewsList: StoryView[];
}
