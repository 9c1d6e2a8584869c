import { rankScores } from './ranking';
import type { AccessibilityResult, Contribution, Decay, ScoringInput, ScoringMethod, SiteSupply, TimeBand } from './types';

/**
 * The one computation behind every method; the methods differ only in their decay W and in
 * whether a site counts its opportunities O(j) (cumulative, gravity: Hansen 1959) or its
 * supply-to-demand ratio R(j) = O(j) / Σ_k P(k)·W(d(k,j)) (2SFCA: Luo & Wang 2003; E2SFCA:
 * Luo & Qi 2009). Sharing it keeps the site view and the explanations consistent with the scores.
 */
export type SiteValue = 'opportunities' | 'supplyToDemandRatio';

function checkCounts(input: ScoringInput): { rows: Int32Array; columns: Int32Array } {
	const { origins, sites, travel } = input;
	const rows = new Int32Array(origins.length);
	const columns = new Int32Array(sites.length);
	const seenOrigins = new Set<string>();
	origins.forEach((origin, position) => {
		const row = travel.originIndex.get(origin.id);
		if (row === undefined) throw new RangeError(`origin '${origin.id}' has no row in the travel times`);
		if (seenOrigins.has(origin.id)) throw new RangeError(`origin '${origin.id}' appears twice`);
		if (!(origin.supply >= 0) || !Number.isFinite(origin.supply)) {
			throw new RangeError(`origin '${origin.id}' supply must be a finite count ≥ 0, got ${origin.supply}`);
		}
		seenOrigins.add(origin.id);
		rows[position] = row;
	});
	const seenSites = new Set<string>();
	sites.forEach((site, position) => {
		const column = travel.siteIndex.get(site.id);
		if (column === undefined) throw new RangeError(`site '${site.id}' has no column in the travel times`);
		if (seenSites.has(site.id)) throw new RangeError(`site '${site.id}' appears twice`);
		if (!(site.opportunities >= 0) || !Number.isFinite(site.opportunities)) {
			throw new RangeError(`site '${site.id}' opportunities must be a finite count ≥ 0, got ${site.opportunities}`);
		}
		seenSites.add(site.id);
		columns[position] = column;
	});
	return { rows, columns };
}

/**
 * Scores every origin of `input` with decay `decay`.
 * Origins and sites may be any subset of the travel-time matrix's ids, in any order.
 */
export function scoreAccessibility(method: ScoringMethod, input: ScoringInput, decay: Decay, siteValueKind: SiteValue): AccessibilityResult {
	const { origins, sites, travel } = input;
	const { rows, columns } = checkCounts(input);
	const originCount = origins.length;
	const siteCount = sites.length;
	const stride = travel.siteIds.length;

	// W(d) once per pair: both FCA steps, the site view and explain read the same weights.
	const weights = new Float64Array(originCount * siteCount);
	const demand = new Float64Array(siteCount);
	for (let i = 0; i < originCount; i++) {
		const base = (rows[i] as number) * stride;
		const supply = (origins[i] as (typeof origins)[number]).supply;
		for (let j = 0; j < siteCount; j++) {
			const w = decay.weight(travel.minutes[base + (columns[j] as number)] as number);
			weights[i * siteCount + j] = w;
			demand[j] = (demand[j] as number) + supply * w;
		}
	}

	const siteValues = new Float64Array(siteCount);
	for (let j = 0; j < siteCount; j++) {
		const opportunities = (sites[j] as (typeof sites)[number]).opportunities;
		const siteDemand = demand[j] as number;
		// A site nobody can reach has no one to share its opportunities with: R(j) = 0, so the
		// conservation Σ_i P(i)·A(i) = Σ_j O(j) holds over sites with demand in reach only.
		siteValues[j] = siteValueKind === 'opportunities' ? opportunities : siteDemand > 0 ? opportunities / siteDemand : 0;
	}

	const scores = new Float64Array(originCount);
	for (let i = 0; i < originCount; i++) {
		let sum = 0;
		for (let j = 0; j < siteCount; j++) sum += (siteValues[j] as number) * (weights[i * siteCount + j] as number);
		scores[i] = sum;
	}

	const standing = rankScores(scores);
	const cells = origins.map((origin, i) => ({ originId: origin.id, score: scores[i] as number, ...(standing[i] as { rank: number; percentile: number }) }));
	const siteView: SiteSupply[] = sites.map((site, j) => ({
		siteId: site.id,
		opportunities: site.opportunities,
		demand: demand[j] as number,
		supplyRatio: site.opportunities > 0 ? (demand[j] as number) / site.opportunities : null
	}));
	const originPosition = new Map(origins.map((origin, i) => [origin.id, i]));

	function explain(originId: string): Contribution[] {
		const i = originPosition.get(originId);
		if (i === undefined) throw new RangeError(`origin '${originId}' was not scored`);
		const base = (rows[i] as number) * stride;
		const contributions: Contribution[] = [];
		for (let j = 0; j < siteCount; j++) {
			const weight = weights[i * siteCount + j] as number;
			if (weight === 0) continue;
			const minutes = travel.minutes[base + (columns[j] as number)] as number;
			const siteValue = siteValues[j] as number;
			const band: TimeBand | null = decay.band(minutes);
			contributions.push({ siteId: (sites[j] as (typeof sites)[number]).id, minutes, band, weight, siteValue, contribution: siteValue * weight });
		}
		return contributions.sort((a, b) => b.contribution - a.contribution);
	}

	return { method, cells, sites: siteView, explain };
}

/** Checks a catchment threshold T in minutes. */
export function checkThreshold(thresholdMinutes: number): void {
	if (!Number.isFinite(thresholdMinutes) || thresholdMinutes <= 0) {
		throw new RangeError(`threshold must be a positive number of minutes, got ${thresholdMinutes}`);
	}
}

/** The step decay [d ≤ T] shared by cumulative and 2SFCA: one band 0–T with weight 1. */
export function thresholdDecay(thresholdMinutes: number): Decay {
	checkThreshold(thresholdMinutes);
	const band: TimeBand = { fromMinutes: 0, toMinutes: thresholdMinutes };
	return {
		weight: (minutes) => (minutes <= thresholdMinutes ? 1 : 0),
		band: (minutes) => (minutes <= thresholdMinutes ? band : null)
	};
}
