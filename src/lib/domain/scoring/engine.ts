import { rankScores } from './ranking';
import type { AccessibilityResult, Contribution, Decay, ScoringInput, ScoringMethod, SiteReach, SiteSupply, TimeBand, TravelColumn } from './types';

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
 * Origins and sites may be any subset of the travel-time matrix's ids, in any order. Dense and
 * sparse matrices give the same numbers: only pairs with W > 0 take part, and every sum adds its
 * terms in the same order (a site's demand over origins in matrix order, a cell's score over sites
 * in input order), so a cell's score has the same bits whichever matrix it came from.
 */
export function scoreAccessibility(method: ScoringMethod, input: ScoringInput, decay: Decay, siteValueKind: SiteValue): AccessibilityResult {
	const { origins, sites, travel } = input;
	const { rows, columns } = checkCounts(input);
	const originCount = origins.length;
	const siteCount = sites.length;
	const reach = decay.reachMinutes;

	// The position among `origins` of each matrix row, -1 for rows not scored.
	const positionOfRow = new Int32Array(travel.originIds.length).fill(-1);
	for (let i = 0; i < originCount; i++) positionOfRow[rows[i] as number] = i;

	// W(d) once per pair in reach, per site: both FCA steps, the site view and explain read them.
	const inReach: { rows: Int32Array; positions: Int32Array; minutes: Float64Array; weights: Float64Array }[] = new Array(siteCount);
	const demand = new Float64Array(siteCount);
	for (let j = 0; j < siteCount; j++) {
		const column = columnOf(travel, columns[j] as number);
		const found = { rows: new Int32Array(column.rows.length), positions: new Int32Array(column.rows.length), minutes: new Float64Array(column.rows.length), weights: new Float64Array(column.rows.length) };
		let count = 0;
		let siteDemand = 0;
		for (let k = 0; k < column.rows.length; k++) {
			const minutes = column.minutes[k] as number;
			if (minutes > reach) continue;
			const row = column.rows[k] as number;
			const position = positionOfRow[row] as number;
			if (position < 0) continue;
			const weight = decay.weight(minutes);
			if (weight === 0) continue;
			found.rows[count] = row;
			found.positions[count] = position;
			found.minutes[count] = minutes;
			found.weights[count] = weight;
			count++;
			siteDemand += (origins[position] as (typeof origins)[number]).supply * weight;
		}
		demand[j] = siteDemand;
		inReach[j] = { rows: found.rows.subarray(0, count), positions: found.positions.subarray(0, count), minutes: found.minutes.subarray(0, count), weights: found.weights.subarray(0, count) };
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
	for (let j = 0; j < siteCount; j++) {
		const value = siteValues[j] as number;
		const { positions, weights } = inReach[j]!;
		for (let k = 0; k < positions.length; k++) {
			const row = positions[k] as number;
			scores[row] = (scores[row] as number) + value * (weights[k] as number);
		}
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
	const sitePosition = new Map(sites.map((site, j) => [site.id, j]));

	function explain(originId: string): Contribution[] {
		const i = originPosition.get(originId);
		if (i === undefined) throw new RangeError(`origin '${originId}' was not scored`);
		const row = rows[i] as number;
		const contributions: Contribution[] = [];
		for (let j = 0; j < siteCount; j++) {
			const found = inReach[j]!;
			const k = indexOfRow(found.rows, row);
			if (k < 0) continue;
			const weight = found.weights[k] as number;
			const minutes = found.minutes[k] as number;
			const siteValue = siteValues[j] as number;
			contributions.push({ siteId: (sites[j] as (typeof sites)[number]).id, minutes, band: decay.band(minutes), weight, siteValue, contribution: siteValue * weight });
		}
		return contributions.sort((a, b) => b.contribution - a.contribution);
	}

	function reachOf(siteId: string): SiteReach[] {
		const j = sitePosition.get(siteId);
		if (j === undefined) throw new RangeError(`site '${siteId}' was not scored`);
		const found = inReach[j]!;
		return Array.from(found.positions, (position, k) => {
			const minutes = found.minutes[k] as number;
			return { originId: (origins[position] as (typeof origins)[number]).id, minutes, band: decay.band(minutes), weight: found.weights[k] as number };
		});
	}

	return { method, cells, sites: siteView, explain, reach: reachOf };
}

/** A site's column of either matrix; a dense column lists the rows with a finite time. */
function columnOf(travel: ScoringInput['travel'], column: number): TravelColumn {
	if ('columns' in travel) return travel.columns[column] as TravelColumn;
	const stride = travel.siteIds.length;
	const rowCount = travel.originIds.length;
	const rows = new Int32Array(rowCount);
	const minutes = new Float64Array(rowCount);
	let count = 0;
	for (let row = 0; row < rowCount; row++) {
		const value = travel.minutes[row * stride + column] as number;
		if (value === Infinity) continue;
		rows[count] = row;
		minutes[count] = value;
		count++;
	}
	return { rows: rows.subarray(0, count), minutes: minutes.subarray(0, count) };
}

/** Binary search of a strictly increasing row list; -1 when absent. */
function indexOfRow(rows: Int32Array, row: number): number {
	let low = 0;
	let high = rows.length - 1;
	while (low <= high) {
		const middle = (low + high) >> 1;
		const value = rows[middle] as number;
		if (value === row) return middle;
		if (value < row) low = middle + 1;
		else high = middle - 1;
	}
	return -1;
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
		reachMinutes: thresholdMinutes,
		weight: (minutes) => (minutes <= thresholdMinutes ? 1 : 0),
		band: (minutes) => (minutes <= thresholdMinutes ? band : null)
	};
}
