/**
 * Skills matching as it crosses the wire (issue 14): per role at a site, live vacancies and the
 * PUBLISHED count of local candidates by readiness stage (rounded; null = withheld), the gap, and
 * where candidates live as published cell units. Types only.
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { PublishedLevel } from './layers';

export type Stage = 'identified' | 'language_training' | 'accreditation' | 'ready_for_work' | 'in_work';

export interface MatchingCell {
	unit: string;
	level: PublishedLevel;
	/** Rounded count, or null when withheld. */
	count: number | null;
}

export interface RoleMatch {
	role: string;
	skillGroupId: string;
	skillGroupName: string;
	jobFamily: string | null;
	afcBand: string | null;
	requiredRegistration: string | null;
	/** Posts in vacancies still open. */
	liveVacancies: number;
	/** The soonest closing date of those vacancies. */
	closesOn: string;
	/** Published candidates per stage (rounded; null = withheld). */
	candidates: Record<Stage, number | null>;
	/** Live vacancies minus published ready-for-work candidates (≥ 0); null when that count is withheld. */
	gap: number | null;
	/** Where the role's candidates live, per stage: published units (rounded or withheld). */
	cells: Record<Stage, MatchingCell[]>;
}

export interface SiteMatching {
	site: { id: string; name: string; placeId: string };
	roles: RoleMatch[];
	/** Vacancies of this site whose closing date has passed: they count nowhere. */
	closedVacancies: number;
	k: number;
	roundingBase: number;
	synthetic: boolean;
	computedAt: string | null;
}

export type CandidateCellsLayer = FeatureCollection<MultiPolygon, MatchingCell & { suppressed: boolean }> & {
	filter: { place: string; skill: string; stage: Stage | 'all' };
	total: number | null;
	k: number;
	roundingBase: number;
	synthetic: boolean;
};
