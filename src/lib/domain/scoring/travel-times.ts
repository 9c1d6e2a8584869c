import { WALKING_SPEED, type OriginSiteDistance, type SparseTravelTimes, type TravelColumn, type TravelTimes } from './types';

/**
 * Walking time in minutes for a distance in metres, at `metresPerMinute` (default 80 m/min,
 * 4.8 km/h as TfL's PTAL assumes; {@link WALKING_SPEED}.slower is 60 m/min).
 */
export function walkingMinutes(metres: number, metresPerMinute: number = WALKING_SPEED.standard): number {
	return metres / metresPerMinute;
}

function checkSpeed(metresPerMinute: number): void {
	if (!Number.isFinite(metresPerMinute) || metresPerMinute <= 0) {
		throw new RangeError(`walking speed must be a positive number of metres per minute, got ${metresPerMinute}`);
	}
}

function indexIds(ids: readonly string[], what: string): Map<string, number> {
	const index = new Map<string, number>();
	ids.forEach((id, position) => {
		if (index.has(id)) throw new RangeError(`${what} id '${id}' appears twice`);
		index.set(id, position);
	});
	return index;
}

function checkMetres(metres: number, where: string): void {
	// NaN fails both comparisons, so it is caught here too.
	if (!(metres >= 0)) throw new RangeError(`distance ${where} must be a non-negative number of metres, got ${metres}`);
}

/**
 * Travel times from a list of origin–site distances. Pairs not listed stay `Infinity` (outside
 * every catchment), so a sparse list from a network search that stopped at 30 minutes is enough.
 * @param distances metres; each pair at most once, ids must be among `originIds` / `siteIds`.
 * @param metresPerMinute walking speed (default 80 m/min).
 */
export function travelTimesFromPairs(
	originIds: readonly string[],
	siteIds: readonly string[],
	distances: readonly OriginSiteDistance[],
	metresPerMinute: number = WALKING_SPEED.standard
): TravelTimes {
	checkSpeed(metresPerMinute);
	const originIndex = indexIds(originIds, 'origin');
	const siteIndex = indexIds(siteIds, 'site');
	const columns = siteIds.length;
	const minutes = new Float64Array(originIds.length * columns).fill(Infinity);
	const seen = new Uint8Array(minutes.length);
	for (const { origin, site, metres } of distances) {
		const row = originIndex.get(origin);
		const column = siteIndex.get(site);
		if (row === undefined) throw new RangeError(`distance names unknown origin '${origin}'`);
		if (column === undefined) throw new RangeError(`distance names unknown site '${site}'`);
		checkMetres(metres, `from '${origin}' to '${site}'`);
		const cell = row * columns + column;
		if (seen[cell]) throw new RangeError(`distance from '${origin}' to '${site}' is given twice`);
		seen[cell] = 1;
		minutes[cell] = metres / metresPerMinute;
	}
	return { originIds: [...originIds], siteIds: [...siteIds], originIndex, siteIndex, minutes };
}

/**
 * Travel times from a dense row-major matrix of metres (`metres[row * siteIds.length + column]`,
 * rows in `originIds` order, columns in `siteIds` order); `Infinity` marks an unknown pair.
 * The input is not modified.
 */
export function travelTimesFromMatrix(
	originIds: readonly string[],
	siteIds: readonly string[],
	metres: Float64Array,
	metresPerMinute: number = WALKING_SPEED.standard
): TravelTimes {
	checkSpeed(metresPerMinute);
	const originIndex = indexIds(originIds, 'origin');
	const siteIndex = indexIds(siteIds, 'site');
	if (metres.length !== originIds.length * siteIds.length) {
		throw new RangeError(`distance matrix has ${metres.length} entries, expected ${originIds.length} origins × ${siteIds.length} sites = ${originIds.length * siteIds.length}`);
	}
	const minutes = new Float64Array(metres.length);
	for (let cell = 0; cell < metres.length; cell++) {
		const value = metres[cell] as number;
		checkMetres(value, `at matrix entry ${cell}`);
		minutes[cell] = value / metresPerMinute;
	}
	return { originIds: [...originIds], siteIds: [...siteIds], originIndex, siteIndex, minutes };
}

/**
 * A sparse matrix from one column per site (`columns[j]` for `siteIds[j]`): in each, the rows of
 * the origins with a known time, strictly increasing, and their minutes. Columns are used as
 * given, not copied, so a server can share one site's column among the baseline and every
 * scenario that keeps the site where it is.
 */
export function sparseTravelTimes(originIds: readonly string[], siteIds: readonly string[], columns: readonly TravelColumn[]): SparseTravelTimes {
	const originIndex = indexIds(originIds, 'origin');
	const siteIndex = indexIds(siteIds, 'site');
	if (columns.length !== siteIds.length) throw new RangeError(`sparse matrix has ${columns.length} columns for ${siteIds.length} sites`);
	columns.forEach((column, j) => {
		if (column.rows.length !== column.minutes.length) throw new RangeError(`column of site '${siteIds[j]}' has ${column.rows.length} rows but ${column.minutes.length} times`);
		let previous = -1;
		for (let k = 0; k < column.rows.length; k++) {
			const row = column.rows[k] as number;
			if (row <= previous || row >= originIds.length) throw new RangeError(`column of site '${siteIds[j]}' must list rows below ${originIds.length} in increasing order; found ${row} after ${previous}`);
			previous = row;
			const minutes = column.minutes[k] as number;
			if (!(minutes >= 0)) throw new RangeError(`time from '${originIds[row]}' to '${siteIds[j]}' must be a non-negative number of minutes, got ${minutes}`);
		}
	});
	return { originIds: [...originIds], siteIds: [...siteIds], originIndex, siteIndex, columns };
}
