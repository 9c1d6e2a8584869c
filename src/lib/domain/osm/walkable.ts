/**
 * Which OSM ways a pedestrian may use, from their tags. The rules follow OSM's access tagging
 * (https://wiki.openstreetmap.org/wiki/Key:access) and the foot profile routers share (OSRM's
 * foot.lua, GraphHopper's foot): every way with a highway a pedestrian can be on, except motorways,
 * ways not (or no longer) built, ways closed to people on foot, and areas (a square drawn as a
 * closed way is crossed, not walked around, so its outline is not a path).
 */

/** highway values a pedestrian may walk along (and their *_link variants, where they exist). */
export const WALKABLE_HIGHWAYS: ReadonlySet<string> = new Set([
	'footway',
	'path',
	'steps',
	'pedestrian',
	'living_street',
	'residential',
	'service',
	'track',
	'cycleway',
	'bridleway',
	'unclassified',
	'tertiary',
	'tertiary_link',
	'secondary',
	'secondary_link',
	'primary',
	'primary_link',
	'trunk',
	'trunk_link',
	'corridor'
]);

const MOTORWAYS: ReadonlySet<string> = new Set(['motorway', 'motorway_link']);
const NOT_BUILT: ReadonlySet<string> = new Set(['construction', 'proposed', 'abandoned', 'disused', 'razed']);
const FOOT_ALLOWED: ReadonlySet<string> = new Set(['yes', 'designated', 'permissive']);
const CLOSED: ReadonlySet<string> = new Set(['no', 'private']);

export const SKIP_REASONS = ['no highway tag', 'motorway', 'not built', 'no foot access', 'area', 'other highway type'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type Walkability = { readonly walkable: true; readonly highway: string } | { readonly walkable: false; readonly reason: SkipReason };

/** Whether a way is part of the walking network, and if not, why not. */
export function walkability(tags: Readonly<Record<string, string>>): Walkability {
	const highway = tags.highway;
	if (highway === undefined) return { walkable: false, reason: 'no highway tag' };
	if (MOTORWAYS.has(highway)) return { walkable: false, reason: 'motorway' };
	if (NOT_BUILT.has(highway)) return { walkable: false, reason: 'not built' };
	if (!WALKABLE_HIGHWAYS.has(highway)) return { walkable: false, reason: 'other highway type' };
	const foot = tags.foot;
	if (foot !== undefined && CLOSED.has(foot)) return { walkable: false, reason: 'no foot access' };
	const access = tags.access;
	if (access !== undefined && CLOSED.has(access) && !(foot !== undefined && FOOT_ALLOWED.has(foot))) {
		return { walkable: false, reason: 'no foot access' };
	}
	if (tags.area === 'yes') return { walkable: false, reason: 'area' };
	return { walkable: true, highway };
}
