/**
 * UK postcode districts and sectors ("B66" and "B66 3"), read from what a resident types and from
 * the addresses of public records (hubs).
 *
 * A full postcode is outward code + inward code ("B66 3PZ"); the district is the outward code
 * (area letters + district digits, optionally a letter: "B66", "EC1A") and the sector is the
 * district plus the inward code's first digit ("B66 3"). Only district and sector are ever asked
 * for: they cover hundreds to thousands of homes, never one.
 */

export interface PostcodeArea {
	/** "B66" */
	district: string;
	/** "B66 3", when a sector was given. */
	sector?: string;
}

const OUTWARD = '([A-Z]{1,2}[0-9][0-9A-Z]?)';

/**
 * Reads a typed district or sector ("b66", "B66 3", "B663"). A full postcode is cut to its
 * sector: the page needs no more, and asks for no more. Undefined when it is not a postcode.
 */
export function parsePostcodeArea(input: string): PostcodeArea | undefined {
	const text = input.toUpperCase().replace(/\s+/g, ' ').trim();
	if (text.length === 0 || text.length > 10) return undefined;
	const full = new RegExp(`^${OUTWARD} ?([0-9])[A-Z]{2}$`).exec(text);
	if (full) return { district: full[1]!, sector: `${full[1]} ${full[2]}` };
	const sector = new RegExp(`^${OUTWARD} ([0-9])$`).exec(text) ?? /^([A-Z]{1,2}[0-9]{2})([0-9])$/.exec(text);
	if (sector) return { district: sector[1]!, sector: `${sector[1]} ${sector[2]}` };
	const district = new RegExp(`^${OUTWARD}$`).exec(text);
	if (district) return { district: district[1]! };
	return undefined;
}

/** The full postcode at the end of an address ("5 Suffrage Street, Smethwick B66 3PZ"), if any. */
export function postcodeInAddress(address: string): { district: string; sector: string } | undefined {
	const match = new RegExp(`\\b${OUTWARD} ([0-9])[A-Z]{2}\\b`).exec(address.toUpperCase());
	if (!match) return undefined;
	return { district: match[1]!, sector: `${match[1]} ${match[2]}` };
}

export interface PostcodePoint {
	/** "B66" or "B66 3" */
	code: string;
	lon: number;
	lat: number;
	/** How many public addresses the point is the mean of. */
	addresses: number;
}

/**
 * A point for each postcode district and sector that a public address names: the mean position
 * of the addresses in it. No postcode directory is loaded here, so this is approximate (hubs
 * cluster on main roads) and covers only the districts and sectors some hub is in.
 */
export function postcodePointsFromAddresses(
	places: readonly { address: string | null; lon: number; lat: number }[]
): Map<string, PostcodePoint> {
	const sums = new Map<string, { lon: number; lat: number; n: number }>();
	const add = (code: string, lon: number, lat: number) => {
		const sum = sums.get(code) ?? { lon: 0, lat: 0, n: 0 };
		sum.lon += lon;
		sum.lat += lat;
		sum.n += 1;
		sums.set(code, sum);
	};
	for (const place of places) {
		const postcode = place.address ? postcodeInAddress(place.address) : undefined;
		if (!postcode) continue;
		add(postcode.district, place.lon, place.lat);
		add(postcode.sector, place.lon, place.lat);
	}
	const points = new Map<string, PostcodePoint>();
	for (const [code, sum] of [...sums].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
		points.set(code, { code, lon: sum.lon / sum.n, lat: sum.lat / sum.n, addresses: sum.n });
	}
	return points;
}

/** The point for a typed area: its sector when we know one, else its district; undefined if neither. */
export function pointForPostcodeArea(area: PostcodeArea, points: ReadonlyMap<string, PostcodePoint>): PostcodePoint | undefined {
	return (area.sector ? points.get(area.sector) : undefined) ?? points.get(area.district);
}
