/** Community finance as it crosses the wire (issue 15, part 5): only published aggregates. */
import type { FeatureCollection, Polygon } from 'geojson';

export type FinanceKind = 'grant' | 'loan' | 'community_share' | 'prize';
export type OrganisationRecipientType = 'social_enterprise' | 'community_group' | 'charity' | 'business' | 'public_body';

export interface FinanceTotalWire {
	amountGbp: number;
	awards: number;
}

export interface FinanceSummaryWire {
	place: string;
	/** The threshold below which awards to individuals are not shown. */
	k: number;
	cellSizeMetres: number;
	catchmentMetres: number;
	/** What the figures cover, in words, for the page and for reusers. */
	notes: string[];
	total: FinanceTotalWire;
	byKind: (FinanceTotalWire & { kind: FinanceKind })[];
	byRecipientType: (FinanceTotalWire & { recipientType: OrganisationRecipientType })[];
	byYear: (FinanceTotalWire & { year: number; byKind: Record<FinanceKind, number> })[];
	bySite: (FinanceTotalWire & { siteId: string | null; siteName: string })[];
	cells: FeatureCollection<Polygon, FinanceTotalWire & { cell: string }>;
	individuals: { published: true; awards: number; amountGbp: number } | { published: false; reason: string };
}
