/**
 * Wire types of the social enterprise network (issue 15 parts 1-4): the directory, procurement
 * matches, the ideas board and support. Public answers never carry an unconsented enterprise, a
 * contact the enterprise did not agree to show, or anything an idea's submitter gave as contact.
 */
import type { Point } from 'geojson';

export type Consortium = 'health' | 'social_care' | 'food' | 'creative_industries' | 'retail' | 'construction' | 'tourism';
export type EnterpriseStage = 'idea' | 'start_up' | 'trading';

export interface EnterpriseItem {
	id: string;
	name: string;
	consortium: Consortium;
	stage: EnterpriseStage;
	offers: string | null;
	needs: string | null;
	employees: number | null;
	/** Null unless the enterprise agreed to show it (or the reader is network staff). */
	contact: string | null;
	synthetic: boolean;
	lon: number;
	lat: number;
	/** Only in staff answers. */
	consentToPublish?: boolean;
	contactPublic?: boolean;
}

export interface EnterprisePage {
	place: string;
	total: number;
	limit: number;
	offset: number;
	items: EnterpriseItem[];
}

export interface ProcurementMatch {
	opportunityId: string;
	title: string;
	count: number;
	skillGroupId: string;
	siteId: string;
	siteName: string;
	periodEnd: string | null;
	/** Metres to the site's boundary in the place's projected CRS, rounded. */
	distanceM: number;
}

export interface SupplierMatch {
	enterprise: EnterpriseItem;
	distanceM: number;
	/** Titles of the site's procurement lots this enterprise's consortium could supply. */
	lots: string[];
}

export interface EnterpriseFeatureCollection {
	type: 'FeatureCollection';
	features: { type: 'Feature'; id: string; geometry: Point; properties: { id: string; name: string; consortium: Consortium; stage: EnterpriseStage } }[];
}

export type IdeaStatus = 'submitted' | 'approved' | 'rejected' | 'referred';

export interface PublicIdea {
	id: string;
	title: string;
	description: string;
	consortium: Consortium | null;
	status: IdeaStatus;
	supportPartner: string | null;
	submittedOn: string;
}

export interface UpcomingEvent {
	id: string;
	title: string;
	description: string | null;
	venue: string | null;
	startsAt: string;
}
