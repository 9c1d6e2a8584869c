/**
 * GET /api/near-me and the /near-me page: what is within reach of where a resident says they are.
 * Only public records cross here (macro-assets, their opportunities, community hubs, social
 * enterprises): nothing person-level, and the resident's own position only as the centre of a
 * 250 m cell, a neighbourhood or a postcode district/sector they chose.
 */
import type { Interest } from '../domain/near-me/interests';

export type { Interest };

/** Where distances are measured from. Never the exact point a browser knows. */
export interface NearMeOrigin {
	kind: 'area' | 'postcode' | 'cell';
	/** The neighbourhood id, the postcode district/sector ("B66 3") or the cell id ("hex250:12:-3"). */
	id: string;
	/** For people: the neighbourhood's name, the postcode, or "a 250 m area around you". */
	label: string;
	/** The point measured from, WGS84, 4 decimals (about 10 m; the centre of an area, not a person). */
	lon: number;
	lat: number;
}

/**
 * How distances are measured: `walking-network` along footpaths and streets where a walking network
 * is loaded; otherwise `straight-line` (as the crow flies: real walks are longer).
 */
export type DistanceKind = 'walking-network' | 'straight-line';

export interface NearMeHub {
	id: string;
	name: string;
	hubType: string;
	address: string | null;
	metres: number;
	minutes: number;
	lon: number;
	lat: number;
}

export interface NearMeOpportunity {
	id: string;
	title: string;
	interest: Interest;
	kind: 'job' | 'training' | 'procurement' | 'placement';
	count: number;
	/** Counts in the demo are invented: shown as "example figure". */
	illustrative: boolean;
	site: { id: string; name: string };
	/** Who to ask: the site's named contact (The Learning Works at the hospital) or its owners. */
	contact: string;
	metres: number;
	minutes: number;
	lon: number;
	lat: number;
}

export interface NearMeEnterprise {
	id: string;
	name: string;
	consortium: string;
	offers: string | null;
	/** A made-up record of the demo's synthetic population, labelled as such. */
	synthetic: boolean;
	metres: number;
	minutes: number;
	lon: number;
	lat: number;
}

export interface NearMeResult {
	place: { id: string; name: string };
	origin: NearMeOrigin;
	interest: Interest | null;
	distanceKind: DistanceKind;
	/** Metres a minute the minutes are worked out at (80 = 4.8 km/h, TfL PTAL). */
	walkingMetresPerMinute: number;
	opportunities: NearMeOpportunity[];
	/** Nearest hubs first; the nearest where someone can help in person is always among them. */
	hubs: NearMeHub[];
	/** That hub: a community, training or health centre, library or faith centre. */
	helpHubId: string | null;
	enterprises: NearMeEnterprise[];
}

/** A neighbourhood a resident can pick from the list. */
export interface NearMeArea {
	id: string;
	name: string;
}

export interface NearMeChoices {
	areas: NearMeArea[];
	/** Postcode districts and sectors we can place ("B16", "B16 8", ...). */
	postcodes: string[];
}
