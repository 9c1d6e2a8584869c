/**
 * Matching at a site (issue 14): for each role with live vacancies there, the published count of
 * local candidates by readiness stage, the gap against the vacancies, and where candidates live.
 * Reads only the published matching tables (built from the pipeline by restricted/pipeline); a
 * role only selects which fixed, once-published keys are shown.
 */
import type { Kysely } from 'kysely';
import type { CandidateCellsLayer, MatchingCell, RoleMatch, SiteMatching } from '../../contracts/matching';
import { ALL_CANDIDATES_KEY, candidateKey, STAGES, vacancyGap, type Stage, type StageCounts } from '../../domain/matching/candidates';
import { getMacroAsset, listSkillGroups, requirePlace, skillGroupExists } from '../assets/queries';
import { config } from '../config';
import type { Database } from '../db/schema';
import { malformed, notFound } from '../errors';
import { ensureMatchingPublication } from '../restricted/pipeline/publication';
import { listVacancies, readMatchingPublication, readMatchingTotals, readMatchingUnits } from './queries';

function settings() {
	const cfg = config();
	return { k: cfg.privacyK, roundingBase: cfg.privacyRoundingBase };
}

/** A place's published totals per (group, stage); builds the publication when stale. */
export async function publishedStageTotals(db: Kysely<Database>, placeId: string): Promise<{ totals: Map<string, number | null>; header: Awaited<ReturnType<typeof readMatchingPublication>> }> {
	await ensureMatchingPublication(db, placeId, settings());
	const [totals, header] = await Promise.all([readMatchingTotals(db, placeId), readMatchingPublication(db, placeId)]);
	return { totals, header };
}

function countsFor(totals: Map<string, number | null>, skillGroupId: string): StageCounts {
	// A key with no row means the group has no candidates at all: its published total is 0.
	return Object.fromEntries(STAGES.map((stage) => [stage, totals.has(candidateKey(skillGroupId, stage)) ? totals.get(candidateKey(skillGroupId, stage))! : 0])) as StageCounts;
}

export async function getSiteMatching(db: Kysely<Database>, siteId: string): Promise<SiteMatching> {
	// Site ids are short slugs: anything else (a NUL, 1,000 characters) names no site.
	const site = /^[a-z0-9][a-z0-9-]{0,99}$/.test(siteId) ? await getMacroAsset(db, siteId) : undefined;
	if (!site) throw notFound(`There is no site with the id “${siteId}”.`);
	const [vacancies, groups, published] = await Promise.all([listVacancies(db, { siteId }), listSkillGroups(db), publishedStageTotals(db, site.placeId)]);
	const names = new Map(groups.map((g) => [g.id, g.name]));
	const live = vacancies.filter((v) => v.live);
	const byRole = new Map<string, typeof live>();
	for (const v of live) {
		const key = `${v.role.toLowerCase()}\u0000${v.skillGroupId}`;
		byRole.set(key, [...(byRole.get(key) ?? []), v]);
	}
	const groupIds = [...new Set(live.map((v) => v.skillGroupId))];
	const units = await readMatchingUnits(
		db,
		site.placeId,
		groupIds.flatMap((g) => STAGES.map((s) => candidateKey(g, s)))
	);
	const cellsOf = (group: string): Record<Stage, MatchingCell[]> =>
		Object.fromEntries(STAGES.map((stage) => [stage, units.filter((u) => u.filterKey === candidateKey(group, stage)).map((u) => ({ unit: u.unitId, level: u.level, count: u.count }))])) as Record<Stage, MatchingCell[]>;
	const roles: RoleMatch[] = [...byRole.values()].map((list) => {
		const first = list[0]!;
		const candidates = countsFor(published.totals, first.skillGroupId);
		const liveVacancies = list.reduce((n, v) => n + v.count, 0);
		return {
			role: first.role,
			skillGroupId: first.skillGroupId,
			skillGroupName: names.get(first.skillGroupId) ?? first.skillGroupId,
			jobFamily: list.find((v) => v.jobFamily)?.jobFamily ?? null,
			afcBand: list.find((v) => v.afcBand)?.afcBand ?? null,
			requiredRegistration: list.find((v) => v.requiredRegistration)?.requiredRegistration ?? null,
			liveVacancies,
			closesOn: list.map((v) => v.closesOn).sort()[0]!,
			candidates,
			gap: vacancyGap(liveVacancies, candidates),
			cells: cellsOf(first.skillGroupId)
		};
	});
	roles.sort((a, b) => b.liveVacancies - a.liveVacancies || a.role.localeCompare(b.role));
	const header = published.header;
	const { k, roundingBase } = settings();
	return {
		site: { id: site.id, name: site.name, placeId: site.placeId },
		roles,
		closedVacancies: vacancies.filter((v) => !v.live).reduce((n, v) => n + v.count, 0),
		k: header?.k ?? k,
		roundingBase: header?.roundingBase ?? roundingBase,
		synthetic: header?.synthetic ?? false,
		computedAt: header?.computedAt ?? null
	};
}

/** One fixed layer of where candidates live: all candidates, or one group at one stage. */
export async function getCandidateCells(db: Kysely<Database>, query: { placeId: string; skill: string; stage: Stage | 'all' }): Promise<CandidateCellsLayer> {
	await requirePlace(db, query.placeId);
	if ((query.skill === 'all') !== (query.stage === 'all')) throw malformed('skill and stage are both "all" (every candidate) or both named: one group at one stage.');
	if (query.skill !== 'all' && !(await skillGroupExists(db, query.skill))) throw malformed(`skill must be "all" or a skill group id; "${query.skill}" is not one.`);
	const key = query.skill === 'all' ? ALL_CANDIDATES_KEY : candidateKey(query.skill, query.stage as Stage);
	const { totals, header } = await publishedStageTotals(db, query.placeId);
	const units = await readMatchingUnits(db, query.placeId, [key]);
	const { k, roundingBase } = settings();
	return {
		type: 'FeatureCollection',
		filter: { place: query.placeId, skill: query.skill, stage: query.stage },
		total: totals.has(key) ? totals.get(key)! : 0,
		k: header?.k ?? k,
		roundingBase: header?.roundingBase ?? roundingBase,
		synthetic: header?.synthetic ?? false,
		features: units.map((u) => ({ type: 'Feature', id: u.unitId, geometry: u.geometry, properties: { unit: u.unitId, level: u.level, count: u.count, suppressed: u.count === null } }))
	};
}
