/**
 * What the scenario API and pages send: a planner's named copy of a place's capital projects and
 * their opportunities, and how it differs from the baseline. Types only, read by server and browser.
 */
import type { MACRO_ASSET_KINDS, MACRO_ASSET_STATUSES, OPPORTUNITY_KINDS } from '../domain/vocabulary';

export type ScenarioSiteKind = (typeof MACRO_ASSET_KINDS)[number];
export type ScenarioSiteStatus = (typeof MACRO_ASSET_STATUSES)[number];
export type ScenarioOpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

export interface ScenarioSummary {
	id: string;
	placeId: string;
	name: string;
	description: string | null;
	/** The display name of the user who made it, when known. */
	createdBy: string | null;
	/** ISO 8601 timestamps. */
	createdAt: string;
	updatedAt: string;
	/** Sites not cancelled, and the opportunities they offer. */
	sites: number;
	opportunities: number;
}

export interface ScenarioSite {
	id: string;
	/** The baseline site this one was copied from; null for a site added in the scenario. */
	macroAssetId: string | null;
	name: string;
	kind: ScenarioSiteKind;
	status: ScenarioSiteStatus;
	/** Centre (point on surface) in WGS84. */
	lon: number;
	lat: number;
	opportunities: ScenarioOpportunity[];
}

export interface ScenarioOpportunity {
	id: string;
	siteId: string;
	/** The baseline opportunity this one was copied from; null for one added in the scenario. */
	opportunityId: string | null;
	skillGroupId: string;
	kind: ScenarioOpportunityKind;
	title: string;
	count: number;
}

/** One difference from the baseline, in words a planner would use. */
export interface ScenarioChange {
	siteId: string;
	siteName: string;
	change: 'added' | 'removed' | 'moved' | 'renamed' | 'status' | 'opportunities';
	detail: string;
	opportunitiesBefore: number;
	opportunitiesAfter: number;
}

export interface ScenarioDetail extends ScenarioSummary {
	sitesList: ScenarioSite[];
	changes: ScenarioChange[];
}
