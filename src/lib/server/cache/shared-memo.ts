/**
 * A bounded memo of computations by key that keeps the *promise*, not the value: when fifty clients
 * ask for the same uncached layer or tile at once (a projector's map opening, a room of phones),
 * the first starts the work and the other forty-nine wait for it, instead of fifty copies of a
 * 400 ms score computation queueing on two cores until every one of them times out. A computation
 * that fails is forgotten at once, so the next caller tries again (and sees the real error).
 */
export class SharedMemo<V> {
	readonly #entries = new Map<string, { readonly value: Promise<V>; readonly expires: number }>();

	/**
	 * @param limit entries kept; the oldest is dropped first.
	 * @param ttlMs how long an entry is kept from when its computation started (default: until dropped).
	 * @param now the clock (tests).
	 */
	constructor(
		private readonly limit: number,
		private readonly ttlMs = Number.POSITIVE_INFINITY,
		private readonly now: () => number = Date.now
	) {}

	/** The value for `key`: a live entry's (finished or still running), or a new `compute()`'s. */
	get(key: string, compute: () => Promise<V>): Promise<V> {
		const at = this.now();
		const hit = this.#entries.get(key);
		if (hit && hit.expires > at) return hit.value;
		if (hit) this.#entries.delete(key);
		const value = compute();
		if (this.#entries.size >= this.limit) this.#entries.delete(this.#entries.keys().next().value as string);
		this.#entries.set(key, { value, expires: at + this.ttlMs });
		value.catch(() => {
			if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
		});
		return value;
	}

	/** Whether `key` has a live entry (finished or still running). */
	has(key: string): boolean {
		const hit = this.#entries.get(key);
		return !!hit && hit.expires > this.now();
	}

	get size(): number {
		return this.#entries.size;
	}

	clear(): void {
		this.#entries.clear();
	}
}
