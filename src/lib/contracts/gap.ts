/**
 * GET /api/sites/{id}/gap: a site's gap headline per skill group at one walk — posts, local people
 * with the skills within the walk (published counts, whole people rounded to 5), the shortfall or
 * surplus — with the site's rank and the ring drawn at that walk. Types only.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { ScenarioRef } from './scores';

export interface SkillGapView {
	/** A skill group id. */
	skill: string;
	name: string;
	opportunities: number;
	/** Whole people, rounded to 5. */
	people: number;
	/** people − opportunities, rounded to 5; negative = short. */
	balance: number;
	kind: 'short' | 'surplus' | 'even';
	/** The sentence, e.g. "104 nursing & midwifery posts; about 30 local people … ; about 75 short". */
	sentence: string;
}

export interface CatchmentRing {
	/** 'isochrone' on the walking network (cells the walk reaches), 'circle' in a straight line. */
	kind: 'isochrone' | 'circle';
	/** What the map writes beside the ring, e.g. "20 minutes' walk, straight-line circle (1.6 km)". */
	label: string;
	geometry: Polygon | MultiPolygon;
	/** [west, south, east, north]: what the camera frames when the site is selected. */
	bbox: [number, number, number, number];
}

export interface SiteGap {
	site: { id: string; name: string };
	place: string;
	/** 'all' or the skill group asked for. */
	skill: string;
	/** The skill group's name, or "All skill groups". */
	skillName: string;
	readiness: string;
	readinessLabel: string;
	walkMinutes: number;
	distance: 'straight' | 'walk';
	/** "straight line" or "walking network". */
	distanceLabel: string;
	scenario: ScenarioRef | null;
	/** The one sentence to show: the chosen group's, or (all groups) the largest shortfall's; null when the site offers nothing in it. */
	headline: string | null;
	/** Every group the site offers posts in, shortfalls first (largest first). */
	groups: SkillGapView[];
	/** The site's local people per post for the chosen skill (unrounded supply ÷ posts, 2 significant figures). */
	supplyPerPost: number | null;
	/** Among the sites with posts in the chosen skill: 1 = most local talent per post. */
	rank: number | null;
	rankedSites: number;
	/** "1st = most local talent per post". */
	rankDirection: string;
	ring: CatchmentRing | null;
	/** How the people are counted, in words. */
	method: string;
	supply: string;
}
