/**
 * A small seeded pseudo-random generator for synthetic data and geomasking: the same seed gives
 * the same sequence on every machine and Node version, so a synthetic population can be rebuilt
 * exactly and tests can pin its numbers. Not for anything secret.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counter, from PractRand), 128-bit state,
 * seeded from a string with the cyrb128 hash (bryc, "PRNGs in JavaScript"). Both use only 32-bit
 * integer arithmetic (Math.imul, |0, >>>), which JavaScript defines exactly.
 */

export interface Random {
	/** A uniform integer in [0, 2^32). */
	nextUint32(): number;
	/** A uniform number in [0, 1). */
	next(): number;
}

/** cyrb128: four well-mixed 32-bit words from a string. */
function cyrb128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let k = 0; k < text.length; k++) {
		const c = text.charCodeAt(k);
		h1 = h2 ^ Math.imul(h1 ^ c, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ c, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ c, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ c, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A generator seeded from any string (a place id and a version, say). */
export function createRandom(seed: string): Random {
	let [a, b, c, d] = cyrb128(seed);
	function nextUint32(): number {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return t >>> 0;
	}
	// The first outputs of sfc32 still show the seed's structure; discarding a few is customary.
	for (let k = 0; k < 15; k++) nextUint32();
	return {
		nextUint32,
		next: () => nextUint32() / 4294967296
	};
}

/**
 * An independent stream for one purpose ("residents", "enterprises"), so that changing how one
 * part of a synthetic data set is generated does not reshuffle the others.
 */
export function randomStream(seed: string, purpose: string): Random {
	return createRandom(`${seed}\u0000${purpose}`);
}

/** A uniform integer in [min, max] (both inclusive). */
export function randomInt(random: Random, min: number, max: number): number {
	if (!(Number.isInteger(min) && Number.isInteger(max) && max >= min)) {
		throw new RangeError(`randomInt needs integers min <= max, got ${min} and ${max}`);
	}
	return min + Math.floor(random.next() * (max - min + 1));
}

/** True with probability p. */
export function chance(random: Random, p: number): boolean {
	return random.next() < p;
}

/**
 * One of the entries, with probability proportional to its weight (weights need not sum to 1).
 * Entries are scanned in the order given, so the same order always gives the same pick.
 */
export function pickWeighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
	let total = 0;
	for (const [, weight] of entries) {
		if (!(Number.isFinite(weight) && weight >= 0)) {
			throw new RangeError(`weights must be finite and non-negative, got ${weight}`);
		}
		total += weight;
	}
	if (!(total > 0)) throw new RangeError('cannot pick from entries whose weights sum to zero');
	let target = random.next() * total;
	for (const [value, weight] of entries) {
		if (target < weight) return value;
		target -= weight;
	}
	// Rounding can leave target a hair above the last positive weight: that entry is the pick.
	for (let k = entries.length - 1; k >= 0; k--) {
		const entry = entries[k]!;
		if (entry[1] > 0) return entry[0];
	}
	throw new Error('unreachable: no entry with a positive weight');
}

/** A uniformly chosen element. */
export function pickOne<T>(random: Random, items: readonly T[]): T {
	if (items.length === 0) throw new RangeError('cannot pick from an empty list');
	return items[Math.floor(random.next() * items.length)]!;
}

/** A shuffled copy (Fisher–Yates / Durstenfeld). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
	const copy = items.slice();
	for (let k = copy.length - 1; k > 0; k--) {
		const m = Math.floor(random.next() * (k + 1));
		[copy[k], copy[m]] = [copy[m]!, copy[k]!];
	}
	return copy;
}

/** An RFC 9562 version-4 UUID whose 122 random bits come from the seeded generator. */
export function randomUuid(random: Random): string {
	const words = [random.nextUint32(), random.nextUint32(), random.nextUint32(), random.nextUint32()];
	// Version 4 in the high nibble of byte 6, variant 10xx in the top bits of byte 8.
	words[1] = ((words[1]! & 0xffff0fff) | 0x00004000) >>> 0;
	words[2] = ((words[2]! & 0x3fffffff) | 0x80000000) >>> 0;
	const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
