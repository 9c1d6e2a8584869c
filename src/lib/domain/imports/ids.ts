/**
 * Stable identifiers for imported rows. Files from councils and the NHS rarely carry an id our
 * schema accepts, so ids are derived from names; deriving them the same way every time is what lets
 * a re-import of the same file update rows instead of duplicating them.
 */

/** The schema's id rule: lower-case letters, digits and hyphens, starting with a letter or digit. */
export function isValidId(id: string, maxLength: number): boolean {
	return id.length <= maxLength && /^[a-z0-9][a-z0-9-]*$/.test(id);
}

/**
 * A readable id from a name: "St Mary's C of E Primary" -> "st-marys-c-of-e-primary".
 * Accents are folded (é -> e) and "&" reads as "and" so "Soho & Jewellery Quarter" keeps its word.
 * Returns "" when nothing Latin is left (names in other scripts); see `idFromName`.
 */
export function slugify(name: string, maxLength: number): string {
	const slug = name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/['’`]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return slug.slice(0, maxLength).replace(/-+$/, '');
}

/**
 * FNV-1a (32-bit) of a string, as 8 hex digits. Used only so that a name with no Latin letters
 * still gets the same id on every import; it is not a security measure.
 */
export function stableHash(text: string): string {
	let hash = 0x811c9dc5;
	for (const byte of new TextEncoder().encode(text)) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}

/** The slug of a name, or `<fallbackStem>-<hash of the name>` when the slug would be empty. */
export function idFromName(name: string, maxLength: number, fallbackStem: string): string {
	const slug = slugify(name, maxLength);
	return slug || `${fallbackStem}-${stableHash(name)}`.slice(0, maxLength);
}

/**
 * Hands out ids that are unique within one import: the second "Boots" becomes "boots-2".
 * Ids the file states itself are reserved first, so a generated id never takes one of them.
 */
export class IdAllocator {
	readonly #taken = new Set<string>();

	constructor(private readonly maxLength: number) {}

	/** Marks an id as used; returns false if it already was. */
	reserve(id: string): boolean {
		if (this.#taken.has(id)) return false;
		this.#taken.add(id);
		return true;
	}

	/** `base` if free, else `base-2`, `base-3`, ... (shortening base so the suffix fits). */
	allocate(base: string): string {
		if (this.reserve(base)) return base;
		for (let n = 2; ; n++) {
			const suffix = `-${n}`;
			const candidate = `${base.slice(0, this.maxLength - suffix.length).replace(/-+$/, '')}${suffix}`;
			if (this.reserve(candidate)) return candidate;
		}
	}
}
