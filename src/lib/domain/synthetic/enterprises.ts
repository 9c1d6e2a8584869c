/**
 * Synthetic social enterprises, one consortium at a time, with invented names that carry the
 * profile's suffix (" (synthetic)") so that none can be mistaken for a real organisation on a
 * public map. Organisations are mapped at an address, not a cell (DESIGN.md): a synthetic
 * enterprise gets a point drawn inside a residential area, rounded to the metre.
 */
import { containsWithMargin, uniformPointIn } from './planar';
import type { EnterpriseProfile, PopulationProfile } from './profile';
import type { PlacementFrame } from './residents';
import { pickOne, pickWeighted, randomInt, randomStream, shuffled, type Random } from './random';

export interface SyntheticEnterprise {
	readonly id: string;
	readonly name: string;
	readonly consortium: string;
	readonly offers: string;
	readonly needs: string;
	readonly employees: number;
	/** Position in the place's projected CRS. */
	readonly x: number;
	readonly y: number;
}

function uniqueName(random: Random, profile: EnterpriseProfile, names: readonly string[], used: Set<string>): string {
	for (let attempt = 0; attempt < 200; attempt++) {
		const name = `${pickOne(random, profile.namePlaces)} ${pickOne(random, names)}${profile.nameSuffix}`;
		if (!used.has(name)) {
			used.add(name);
			return name;
		}
	}
	// Small name lists run out of pairs; numbering keeps names unique rather than failing.
	for (let n = 2; ; n++) {
		const name = `${pickOne(random, profile.namePlaces)} ${pickOne(random, names)} ${n}${profile.nameSuffix}`;
		if (!used.has(name)) {
			used.add(name);
			return name;
		}
	}
}

function twoOf(random: Random, items: readonly string[]): string {
	return shuffled(random, items).slice(0, 2).join('; ');
}

function drawPosition(random: Random, frame: PlacementFrame, margin: number): [number, number] {
	const areas = frame.areas.map((area) => [area, area.weight] as const);
	for (let attempt = 0; attempt < 1000; attempt++) {
		const [x, y] = uniformPointIn(random, pickWeighted(random, areas).shape);
		const position: [number, number] = [Math.round(x), Math.round(y)];
		if (containsWithMargin(frame.boundary, position[0], position[1], margin)) return position;
	}
	throw new RangeError('no enterprise position fell inside the place boundary: do the residential areas lie inside it?');
}

/** The profile's enterprises, ids se-synthetic-001, -002, ... in consortium order. */
export function generateEnterprises(profile: PopulationProfile, frame: PlacementFrame): SyntheticEnterprise[] {
	const enterprises = profile.enterprises;
	const random = randomStream(profile.seed, 'enterprises');
	const locations = randomStream(profile.seed, 'enterprises/locations');
	const bands = enterprises.employees.map((band) => [band, band.share] as const);
	const used = new Set<string>();
	const width = Math.max(3, String(enterprises.count).length);
	const result: SyntheticEnterprise[] = [];
	for (const [consortium, count] of enterprises.consortia) {
		const texts = enterprises.byConsortium.get(consortium);
		if (!texts) throw new RangeError(`the profile has no names or texts for consortium ${consortium}`);
		for (let k = 0; k < count; k++) {
			const band = pickWeighted(random, bands);
			const [x, y] = drawPosition(locations, frame, profile.boundaryMargin);
			result.push({
				id: `se-synthetic-${String(result.length + 1).padStart(width, '0')}`,
				name: uniqueName(random, enterprises, texts.names, used),
				consortium,
				offers: twoOf(random, texts.offers),
				needs: twoOf(random, texts.needs),
				employees: randomInt(random, band.min, band.max),
				x,
				y
			});
		}
	}
	return result;
}
