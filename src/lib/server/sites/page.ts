/**
 * Everything the public page of one capital project (/sites/<id>) shows, read from the asset
 * queries and the score service: the project's figures, its opportunities, local talent per
 * opportunity (E2SFCA, straight line, all skill groups, from published counts only), and the
 * community hubs and social enterprises near it. Nothing here reads person-level records.
 */
import type { Kysely } from 'kysely';
import type { Point } from 'geojson';
import type { SiteGap } from '../../contracts/gap';
import type { Database, Role } from '../db/schema';
import {
	getMacroAsset,
	getPlace,
	listSiteOpportunities,
	listSkillGroups,
	nearbyPublicAssets,
	type MacroAsset,
	type SiteOpportunity
} from '../assets/queries';
import { findWalkNetwork } from '../walking/queries';
import { getPublicationInfo, type PublicationInfo } from '../published/layers';
import { explainSite, getSiteScores, type SiteExplanation, type SiteScore } from '../scores/service';
import { gapScoreRequest, getSiteGap, type SiteGapRequest } from '../scores/gap';

/**
 * "Nearby" is 1 km from the site's boundary: about a 13-minute walk at 80 m/min (TfL's PTAL speed)
 * in a straight line, so within the first two E2SFCA bands once streets add their detours.
 */
export const NEARBY_RADIUS_M = 1000;

/**
 * What the page's figures are computed for: the walk, skill group, readiness and distance kind
 * chosen in its URL (?walk=&skill=&readiness=&distance=), the same the map and the API use.
 */
export type SiteFigures = Omit<SiteGapRequest, 'siteId' | 'placeId' | 'viewer' | 'scenario'>;

export const DEFAULT_SITE_FIGURES: SiteFigures = { skill: 'all', readiness: 'any', walkMinutes: 20, distance: 'straight' };

export interface NearbyHubItem {
	id: string;
	name: string;
	hubType: string;
	distanceM: number;
	geometry: Point;
}

export interface NearbyEnterpriseItem {
	id: string;
	name: string;
	consortium: string;
	synthetic: boolean;
	distanceM: number;
	geometry: Point;
}

export interface SiteTalent {
	/** The score's own description, e.g. "E2SFCA, bands ≤10 min ×1, …". */
	description: string;
	opportunities: number;
	localSupply: number;
	supplyPerOpportunity: number | null;
	rank: number | null;
	/** Sites in the place with a rank (sites that offer any opportunity). */
	rankedSites: number;
	bySkillGroup: SiteScore['bySkillGroup'];
	byBand: SiteExplanation['byBand'];
	/** The publication the supply comes from; null if none was found (it is built before scoring). */
	publication: PublicationInfo | null;
	/** How supply is made safe, in the score service's own words. */
	supplyNote: string;
}

export interface SitePage {
	site: Omit<MacroAsset, 'labelPoint'>;
	place: { id: string; name: string };
	opportunities: SiteOpportunity[];
	/** The whole taxonomy in display order, so tables can name and order the groups. */
	skillGroups: { id: string; name: string }[];
	/** Null when the scores could not be computed; the rest of the page does not depend on them. */
	talent: SiteTalent | null;
	/** The gap headline at the chosen walk (the same answer as GET /api/sites/{id}/gap); null as talent. */
	gap: SiteGap | null;
	/** What the figures were computed for. */
	figures: SiteFigures;
	/** Whether the place has a walking network (the page then offers distance=walk). */
	hasWalkingNetwork: boolean;
	nearby: { radiusM: number; hubs: NearbyHubItem[]; enterprises: NearbyEnterpriseItem[] };
}

async function siteTalent(db: Kysely<Database>, placeId: string, siteId: string, viewer: Role | undefined, figures: SiteFigures): Promise<SiteTalent | null> {
	const request = gapScoreRequest(placeId, { ...figures, scenario: null, viewer });
	// One after the other: both fill the same caches (publication, grid, distances) on first use.
	const scores = await getSiteScores(db, request);
	const row = scores.sites.find((s) => s.id === siteId);
	if (!row) return null;
	const explanation = await explainSite(db, request, siteId);
	const publication = await getPublicationInfo(db, placeId);
	return {
		description: scores.description,
		opportunities: row.opportunities,
		localSupply: row.localSupply,
		supplyPerOpportunity: row.supplyPerOpportunity,
		rank: row.rank,
		rankedSites: scores.sites.filter((s) => s.rank !== null).length,
		bySkillGroup: row.bySkillGroup,
		byBand: explanation.byBand,
		publication: publication ?? null,
		supplyNote: scores.supply
	};
}

/**
 * The page of one site, or undefined when there is no site with that id.
 * @param viewer the caller's role; the page shows the baseline, which everyone may see.
 */
export async function loadSitePage(db: Kysely<Database>, siteId: string, viewer: Role | undefined, figures: SiteFigures = DEFAULT_SITE_FIGURES): Promise<SitePage | undefined> {
	const asset = await getMacroAsset(db, siteId);
	if (!asset) return undefined;
	const [place, opportunities, skillGroups, nearby, network] = await Promise.all([
		getPlace(db, asset.placeId),
		listSiteOpportunities(db, siteId),
		listSkillGroups(db),
		nearbyPublicAssets(db, siteId, NEARBY_RADIUS_M),
		findWalkNetwork(db, asset.placeId)
	]);
	const hasWalkingNetwork = network !== undefined;
	// A link asking for the walking network where none is loaded still opens, in a straight line.
	if (!hasWalkingNetwork && figures.distance === 'walk') figures = { ...figures, distance: 'straight' };
	let talent: SiteTalent | null = null;
	let gap: SiteGap | null = null;
	try {
		talent = await siteTalent(db, asset.placeId, siteId, viewer, figures);
		gap = await getSiteGap(db, { ...figures, siteId, placeId: asset.placeId, scenario: null, viewer });
	} catch (err) {
		// The project's facts stand on their own: a scoring failure must not take the page down.
		console.error(`[atlas] local talent for site ${siteId} could not be computed`, err);
	}
	const { labelPoint: _labelPoint, ...site } = asset;
	return {
		site,
		place: { id: asset.placeId, name: place?.name ?? asset.placeId },
		opportunities,
		skillGroups: skillGroups.map((g) => ({ id: g.id, name: g.name })),
		talent,
		gap,
		figures,
		hasWalkingNetwork,
		nearby: {
			radiusM: NEARBY_RADIUS_M,
			hubs: nearby.hubs.map((h) => ({ id: h.id, name: h.name, hubType: h.hubType, distanceM: h.distanceM, geometry: h.geometry })),
			enterprises: nearby.enterprises.map((e) => ({
				id: e.id,
				name: e.name,
				consortium: e.consortium,
				synthetic: e.synthetic,
				distanceM: e.distanceM,
				geometry: e.geometry
			}))
		}
	};
}
