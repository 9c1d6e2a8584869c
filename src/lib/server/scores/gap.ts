/**
 * A site's gap headline (GET /api/sites/{id}/gap, the site page, the map panel, story views and
 * the PNG): one computation for every place that shows a site's supply or rank. It scores with
 * 2SFCA at the chosen walk T — a site's local supply is then Σ_k P(k,s)·[d(k,j) ≤ T], the
 * published people with the skills within the walk — and words it with domain/scoring/gap.ts.
 */
import type { Kysely } from 'kysely';
import type { CatchmentRing, SiteGap } from '../../contracts/gap';
import {
	distanceKindLabel,
	gapSentence,
	orderGaps,
	READINESS_LABELS,
	SITE_RANK_DIRECTION,
	skillGap
} from '../../domain/scoring/gap';
import { metresPerMinute, parseScoreSpec, type DistanceMode, type SupplyReadiness } from '../../domain/scoring/spec';
import { getMacroAsset, listSkillGroups } from '../assets/queries';
import type { Database, Role } from '../db/schema';
import { ApiError } from '../http/errors';
import { siteCatchmentRing } from './queries';
import { getSiteScores, siteCatchmentCells, type ScoreRequest } from './service';

export interface SiteGapRequest {
	siteId: string;
	/** A place id; by default the place of the macro-asset with that id. */
	placeId?: string;
	skill: string;
	readiness: SupplyReadiness;
	walkMinutes: number;
	distance: DistanceMode;
	scenario: string | null;
	viewer: Role | undefined;
}

/** The score request every gap figure comes from: 2SFCA with the walk as its catchment. */
export function gapScoreRequest(placeId: string, request: Omit<SiteGapRequest, 'siteId' | 'placeId'>): ScoreRequest {
	const values: Record<string, string> = {
		method: '2sfca',
		threshold: String(request.walkMinutes),
		skill: request.skill,
		readiness: request.readiness,
		distance: request.distance,
		scenario: request.scenario ?? 'baseline'
	};
	return { placeId, spec: parseScoreSpec((name) => values[name] ?? null), viewer: request.viewer };
}

const twoFigures = (value: number | null) => (value === null || !Number.isFinite(value) || value === 0 ? value : Number(value.toPrecision(2)));

/** @throws ApiError not_found for an unknown site (or one not in the scenario). */
export async function getSiteGap(db: Kysely<Database>, request: SiteGapRequest): Promise<SiteGap> {
	const asset = request.placeId ? undefined : await getMacroAsset(db, request.siteId);
	const placeId = request.placeId ?? asset?.placeId;
	if (!placeId) throw new ApiError('not_found', `There is no site "${request.siteId}" (see GET /api/places/{place}/macro-assets).`);
	const scoreRequest = gapScoreRequest(placeId, request);
	const [scores, groups] = await Promise.all([getSiteScores(db, scoreRequest), listSkillGroups(db)]);
	const row = scores.sites.find((s) => s.id === request.siteId);
	if (!row) throw new ApiError('not_found', `Site "${request.siteId}" is not in ${request.scenario ? 'this scenario' : `place "${placeId}"`}.`);
	const nameOf = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
	const { walkMinutes, distance } = request;

	const gaps = orderGaps(row.bySkillGroup.map((g) => skillGap(g.skill, nameOf(g.skill), g.opportunities, g.localSupply))).map((g) => ({
		skill: g.skill,
		name: g.name,
		opportunities: g.opportunities,
		people: g.people,
		balance: g.balance,
		kind: g.kind,
		sentence: gapSentence(g, walkMinutes, distance)
	}));
	const chosen = request.skill === 'all' ? gaps[0] : gaps.find((g) => g.skill === request.skill);

	const { srid, cellIds } = await siteCatchmentCells(db, scoreRequest, request.siteId);
	const metres = walkMinutes * metresPerMinute(scoreRequest.spec.speed);
	const source = { placeId, scenarioId: request.scenario };
	const shape = await siteCatchmentRing(
		db,
		distance === 'walk' ? { source, siteId: request.siteId, srid, kind: 'isochrone', cellIds } : { source, siteId: request.siteId, srid, kind: 'circle', metres }
	);
	const km = (metres / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 });
	const ring: CatchmentRing | null = shape
		? {
				kind: distance === 'walk' ? 'isochrone' : 'circle',
				label:
					distance === 'walk'
						? `${walkMinutes} minutes' walk on the street network (the 250 m cells it reaches)`
						: `${walkMinutes} minutes' walk, straight-line circle (${km} km)`,
				...shape
			}
		: null;

	return {
		site: { id: row.id, name: row.name },
		place: placeId,
		skill: request.skill,
		skillName: request.skill === 'all' ? 'All skill groups' : nameOf(request.skill),
		readiness: request.readiness,
		readinessLabel: READINESS_LABELS[request.readiness] ?? request.readiness,
		walkMinutes,
		distance,
		distanceLabel: distanceKindLabel(distance),
		scenario: scores.scenario,
		headline: chosen?.sentence ?? null,
		groups: gaps,
		supplyPerPost: twoFigures(row.supplyPerOpportunity),
		rank: row.rank,
		rankedSites: scores.sites.filter((s) => s.rank !== null).length,
		rankDirection: SITE_RANK_DIRECTION,
		ring,
		method: `Local people = published residents with the skills whose 250 m cell centre is within ${walkMinutes} minutes' walk of the site's edge at 80 m/min (${distanceKindLabel(distance)}); each counted once, in full (two-step floating catchment, 2SFCA, first step).`,
		supply: scores.supply
	};
}
