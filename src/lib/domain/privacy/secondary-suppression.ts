/**
 * Secondary suppression: hide more published values until the audit finds nothing an attacker
 * could pin to 1..k-1. The goal is that of τ-ARGUS's hypercube method ("GH" in its batch syntax):
 * every suppressed cell must stay hidden in every table relation it belongs to. Relations here
 * are the hierarchy within each filter, the partition of 'all' into skill groups, and the nesting
 * of filters (see disclosure-audit.ts). Unlike the hypercube method, which protects each hidden
 * cell by a box of partners chosen up front, this loop audits what an attacker can actually derive
 * and repairs what it finds.
 *
 * Each round audits the whole candidate publication, then fixes each disclosure by suppressing one
 * more value that feeds it; nothing is ever un-suppressed, so the loop ends (at worst with
 * everything hidden). Among the values that would fix a disclosure, the smallest true count is
 * taken, to lose as few residents from the map as possible; ties go to the finer unit, then the
 * lower id, so the result does not depend on input order.
 */
import { deriveAttackerKnowledge, equationTerms, findDisclosures, isPartitionEquation, Known, type AttackerKnowledge, type Disclosure, type PublicationState } from './disclosure-audit';
import { READINESS, filterIndex } from './filters';

export type SecondaryReason = 'secondary_total' | 'secondary_linked' | 'secondary_partition';

export interface SecondarySuppression {
	readonly filter: number;
	readonly node: number;
	readonly reason: SecondaryReason;
}

/**
 * Suppresses released values in `state.released` (mutated) until no disclosure remains.
 * @returns what was suppressed and why, in the order it happened.
 */
export function suppressUntilSafe(state: PublicationState): SecondarySuppression[] {
	const { tree, lattice, counts, released } = state;
	const n = tree.size;
	const filterCount = lattice.filters.length;
	const suppressed: SecondarySuppression[] = [];

	// smallestReleasedUnit[f·n + node]: the released unit of f within node with the smallest count.
	const smallestReleasedUnit = new Int32Array(filterCount * n);
	const isBetter = (f: number, candidate: number, incumbent: number): boolean =>
		incumbent < 0 || counts[f * n + candidate]! < counts[f * n + incumbent]! || (counts[f * n + candidate] === counts[f * n + incumbent] && candidate < incumbent);
	const refreshSmallest = (f: number, node: number): void => {
		const at = f * n + node;
		let best = released[at] === 1 && state.isUnit[at] === 1 ? node : -1;
		for (let c = tree.childStart[node]!; c < tree.childStart[node + 1]!; c++) {
			const candidate = smallestReleasedUnit[f * n + tree.children[c]!]!;
			if (candidate >= 0 && isBetter(f, candidate, best)) best = candidate;
		}
		smallestReleasedUnit[at] = best;
	};

	// Every round that does not end the loop hides at least one released value, so this many rounds
	// is a hard bound; in practice three or four suffice.
	const maxRounds = released.reduce((sum, flag) => sum + flag, 1);
	for (let round = 0; round < maxRounds; round++) {
		const knowledge = deriveAttackerKnowledge(state);
		const disclosures = findDisclosures(state, knowledge);
		if (disclosures.length === 0) return suppressed;

		for (let f = 0; f < filterCount; f++) for (let node = 0; node < n; node++) refreshSmallest(f, node);
		const suppressedThisRound = new Set<number>();
		const repairs = new RepairChooser(state, knowledge, smallestReleasedUnit, suppressedThisRound);
		// A disclosure that shares a value with one repaired this round, or whose area already lost a
		// value this round, may be fixed already: look again next round rather than suppress twice.
		const touched = new Set<number>();
		const isTouched = (f: number, node: number): boolean => touched.has(f * n + node);
		let changed = false;
		for (const disclosure of disclosures) {
			if (involvedValues(state, disclosure).some(([f, node]) => isTouched(f, node))) continue;
			const choice = repairs.choose(disclosure);
			// Nothing released feeds it any more: an earlier repair this round already cut it off.
			if (choice === undefined) continue;
			const [f, node] = choice;
			released[f * n + node] = 0;
			suppressedThisRound.add(f * n + node);
			suppressed.push({ filter: f, node, reason: reasonFor(state, disclosure) });
			changed = true;
			for (let at = node; at >= 0; at = tree.parents[at]!) {
				touched.add(f * n + at);
				refreshSmallest(f, at);
			}
			// The same fact often shows again one level up (a unit with a single child has the same
			// counts), so mark the units above the involved ones too.
			for (const [g, x] of involvedValues(state, disclosure)) for (let at = x; at >= 0; at = tree.parents[at]!) touched.add(g * n + at);
		}
		if (!changed) {
			const first = disclosures[0]!;
			throw new Error(`secondary suppression found nothing to suppress for a ${first.kind} disclosure at ${tree.ids[first.node]}`);
		}
	}
	throw new Error(`secondary suppression did not settle within ${maxRounds} rounds`);
}

function reasonFor(state: PublicationState, disclosure: Disclosure): SecondaryReason {
	switch (disclosure.kind) {
		case 'derived':
			return isPartitionEquation(state, disclosure.equation) ? 'secondary_partition' : 'secondary_total';
		case 'hierarchy':
			return 'secondary_total';
		case 'partition':
			return 'secondary_partition';
		case 'linked':
		case 'linkedRemainder':
			return 'secondary_linked';
	}
}

/** [filter, node] values whose change this round could already have fixed the disclosure. */
function involvedValues(state: PublicationState, disclosure: Disclosure): [number, number][] {
	const n = state.tree.size;
	switch (disclosure.kind) {
		case 'derived': {
			if (isPartitionEquation(state, disclosure.equation)) return partitionTerms(state, Math.floor((disclosure.equation - state.lattice.filters.length * n) / n), disclosure.node);
			const parent = disclosure.equation % n;
			return [[disclosure.filter, disclosure.node], [disclosure.filter, parent]];
		}
		case 'hierarchy':
			return [[disclosure.filter, disclosure.node]];
		case 'partition':
			return partitionTerms(state, disclosure.readiness, disclosure.node);
		case 'linked':
		case 'linkedRemainder':
			return [[disclosure.pair.narrower, disclosure.node], [disclosure.pair.broader, disclosure.node]];
	}
}

function partitionTerms(state: PublicationState, readiness: number, node: number): [number, number][] {
	return state.lattice.skills.map((_, s) => [filterIndex(s, readiness), node] as [number, number]);
}

/** Picks, for one disclosure, the released value whose suppression should close it. */
class RepairChooser {
	readonly #n: number;

	constructor(
		private readonly state: PublicationState,
		private readonly knowledge: AttackerKnowledge,
		private readonly smallestReleasedUnit: Int32Array,
		private readonly suppressedThisRound: ReadonlySet<number>
	) {
		this.#n = state.tree.size;
	}

	/**
	 * Tiers are tried in order. In the first tier with candidates, the smallest count that would
	 * stay hidden wins; if every candidate would be given straight back by one of its equations,
	 * the smallest wins anyway and the next round carries on from there.
	 */
	choose(disclosure: Disclosure): [number, number] | undefined {
		for (const tier of this.#tiers(disclosure)) {
			const candidates = tier.filter(([f, node]) => this.state.counts[f * this.#n + node]! > 0);
			if (candidates.length === 0) continue;
			return this.#smallest(candidates.filter(([f, node]) => this.#wouldStayHidden(f, node))) ?? this.#smallest(candidates);
		}
		return undefined;
	}

	/**
	 * One-step look-ahead: once (f, node) is hidden, does each equation it sits in keep another
	 * unknown term? A term counts as unknown if it is unknown now, was suppressed earlier this
	 * round, or was itself derived from that same equation (it goes dark with the candidate).
	 */
	#wouldStayHidden(f: number, node: number): boolean {
		const { tree, lattice } = this.state;
		const n = this.#n;
		const self = f * n + node;
		const equations = [f * n + node, tree.parents[node]! >= 0 ? f * n + tree.parents[node]! : -1, lattice.filters.length * n + (f % READINESS.length) * n + node];
		const isHierarchyOfBase = (equation: number): boolean => equation < lattice.filters.length * n && tree.levelRanks[equation % n] === 0;
		return equations.every((equation) => {
			if (equation < 0 || isHierarchyOfBase(equation)) return true;
			return equationTerms(this.state, equation).some(([g, x]) => {
				const at = g * n + x;
				return at !== self && (this.knowledge.known[at] === Known.unknown || this.suppressedThisRound.has(at) || this.knowledge.derivedBy[at] === equation);
			});
		});
	}

	*#tiers(d: Disclosure): Generator<[number, number][]> {
		const n = this.#n;
		switch (d.kind) {
			case 'derived': {
				if (isPartitionEquation(this.state, d.equation)) {
					// all(R) − Σ other groups gave it away: hide another group's share, else 'all' itself.
					const readiness = d.filter % READINESS.length;
					const everyone = filterIndex(0, readiness);
					yield this.#supports(partitionTerms(this.state, readiness, d.node).filter(([f]) => f !== d.filter && f !== everyone));
					if (d.filter !== everyone) yield this.#supports([[everyone, d.node]]);
					yield* this.#nearby(d.filter, d.node);
					yield* this.#nearby(everyone, d.node);
				} else {
					const parent = d.equation % n;
					if (parent === d.node) {
						yield this.#supports([[d.filter, d.node]]);
					} else {
						// parent − Σ siblings gave it away: hide a sibling, else the parent.
						yield this.#supports(this.#children(parent).filter((c) => c !== d.node).map((c) => [d.filter, c] as [number, number]));
						yield this.#releasedItself(d.filter, parent);
					}
					yield* this.#nearby(d.filter, d.node);
				}
				break;
			}
			case 'hierarchy': {
				yield this.#supports(this.#children(d.node).map((c) => [d.filter, c] as [number, number]));
				yield this.#releasedItself(d.filter, d.node);
				yield* this.#nearby(d.filter, d.node);
				break;
			}
			case 'partition': {
				const everyone = filterIndex(0, d.readiness);
				yield this.#supports(partitionTerms(this.state, d.readiness, d.node).filter(([f]) => f !== everyone));
				yield this.#supports([[everyone, d.node]]);
				yield* this.#nearby(everyone, d.node);
				break;
			}
			case 'linked': {
				// The narrower filter gives way: its figure is the more detailed, less used one.
				const { narrower, broader } = d.pair;
				yield this.#supports([[narrower, d.node]]);
				yield* this.#nearby(narrower, d.node);
				yield this.#supports([[broader, d.node]]);
				yield* this.#nearby(broader, d.node);
				break;
			}
			case 'linkedRemainder': {
				const { narrower, broader } = d.pair;
				// Widen the narrower filter's unknown area inside the unit first, keeping the unit's own figure.
				yield this.#supports(this.#children(d.node).map((c) => [narrower, c] as [number, number]));
				yield this.#supports([[narrower, d.node]]);
				yield this.#supports(this.#children(d.node).map((c) => [broader, c] as [number, number]));
				yield this.#supports([[broader, d.node]]);
				yield* this.#nearby(narrower, d.node);
				yield* this.#nearby(broader, d.node);
				break;
			}
		}
		// Last resort: anything still released in the filters involved.
		yield involvedValues(this.state, d).flatMap(([f]) => this.#everything(f));
	}

	#children(node: number): number[] {
		const { tree } = this.state;
		return Array.from(tree.children.subarray(tree.childStart[node]!, tree.childStart[node + 1]!));
	}

	/**
	 * The released values that make these (filter, node) values known: the value itself if
	 * released; else the released units inside it (its known mass); else, for a derived value, the
	 * released values behind the other terms of the equation that gave it away, traced back as far
	 * as needed. Nothing for unknown or empty values.
	 */
	#supports(terms: [number, number][]): [number, number][] {
		const visited = new Set<number>();
		return terms.flatMap(([f, node]) => this.#supportsOf(f, node, visited));
	}

	#supportsOf(f: number, node: number, visited: Set<number>): [number, number][] {
		const n = this.#n;
		const at = f * n + node;
		if (visited.has(at)) return [];
		visited.add(at);
		const known = this.knowledge.known[at];
		if (known === Known.unknown || known === Known.empty) return [];
		if (this.state.released[at] === 1) return [[f, node]];
		if (this.knowledge.insideUnit[at] === 0) {
			const unit = this.smallestReleasedUnit[at]!;
			if (unit >= 0) return [[f, unit]];
		}
		if (known !== Known.derived) return [];
		const equation = this.knowledge.derivedBy[at]!;
		const others = equationTerms(this.state, equation).filter(([g, x]) => g * n + x !== at);
		return others.flatMap(([g, x]) => this.#supportsOf(g, x, visited));
	}

	#releasedItself(f: number, node: number): [number, number][] {
		return this.state.released[f * this.#n + node] === 1 ? [[f, node]] : [];
	}

	/** Walks up from node: released units of f in sibling branches, then the ancestor itself. */
	*#nearby(f: number, node: number): Generator<[number, number][]> {
		const { tree } = this.state;
		let below = node;
		for (let ancestor = tree.parents[node]!; ancestor >= 0; below = ancestor, ancestor = tree.parents[ancestor]!) {
			const siblings = this.#children(ancestor).filter((c) => c !== below);
			const units = siblings.map((c) => this.smallestReleasedUnit[f * this.#n + c]!).filter((u) => u >= 0);
			yield units.map((u) => [f, u] as [number, number]);
			yield this.#releasedItself(f, ancestor);
		}
	}

	#everything(f: number): [number, number][] {
		const { tree } = this.state;
		const unit = this.smallestReleasedUnit[f * this.#n + tree.root]!;
		if (unit >= 0) return [[f, unit]];
		return this.#releasedItself(f, tree.root);
	}

	#smallest(candidates: [number, number][]): [number, number] | undefined {
		const { counts, tree } = this.state;
		const n = this.#n;
		let best: [number, number] | undefined;
		for (const candidate of candidates) {
			const [f, node] = candidate;
			const count = counts[f * n + node]!;
			if (count === 0) continue;
			if (!best) {
				best = candidate;
				continue;
			}
			const bestCount = counts[best[0] * n + best[1]]!;
			const finer = tree.levelRanks[node]! - tree.levelRanks[best[1]]!;
			if (count < bestCount || (count === bestCount && (finer < 0 || (finer === 0 && (node < best[1] || (node === best[1] && f < best[0])))))) best = candidate;
		}
		return best;
	}
}
