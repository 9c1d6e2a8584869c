/**
 * Audits a candidate publication: works out every value an attacker can pin down from what would
 * be released, and lists each revealed quantity that falls in 1..k-1.
 *
 * What the attacker is assumed to hold: every released value taken as exact (rounding ignored, to
 * err on the safe side), the public hierarchy, the filter lattice, and each filter's unit ids, so
 * that any unit a filter does not mention is known to be empty. The equations they can use are:
 *   - hierarchy: for each filter, a unit's count is the sum of its children's counts (the place
 *     total is the top of this chain);
 *   - partition: for each readiness, count over 'all' groups = Σ count over each group, in any unit
 *     (every record has exactly one group);
 *   - nesting: a narrower filter never exceeds a broader one, so where both are known their
 *     difference (the complement, e.g. "nurses without a registration") is revealed.
 * Values pinned by one equation are fed into the others until nothing new follows (unit
 * propagation), so chains of single-equation steps are covered. Combinations that need two or more
 * equations at once are covered only where listed below (sums of unknowns, complement over an
 * unknown remainder); a full linear-programming audit (tau-argus style) is out of scope.
 *
 * Checks, each on true counts: a derived value in 1..k-1; for each equation whose left side is
 * known, the residual mass of its unknown terms in 1..k-1 (a "group" disclosure: "these two
 * hidden cells hold 3 people"); a complement in 1..k-1 over a unit where both filters are known,
 * or over the part of such a unit that either filter leaves unknown.
 */
import type { CellTree } from './cell-tree';
import type { FilterCounts } from './filter-counts';
import { READINESS, filterIndex, type FilterLattice, type NestedFilterPair } from './filters';
import type { PartitionMask } from './adaptive-partition';

/** Why the attacker knows a value. */
export const Known = { unknown: 0, released: 1, empty: 2, derived: 3 } as const;

/** The confidential state the audit reads; `released` is the candidate publication. */
export interface PublicationState {
	readonly tree: CellTree;
	readonly lattice: FilterLattice;
	readonly counts: FilterCounts;
	readonly isUnit: PartitionMask;
	/**
	 * released[filter · size + node] = 1 when the exact value would be published: a unit at or
	 * above k not suppressed, or the place total (at the root) when the place is not itself a unit.
	 */
	readonly released: Uint8Array;
	readonly k: number;
}

export interface AttackerKnowledge {
	/** Known.* per filter · size + node. */
	readonly known: Uint8Array;
	/** Equation that derived a Known.derived value (see `equationOf*`), else -1. */
	readonly derivedBy: Int32Array;
	/** Strictly inside one of the filter's units (so the attacker cannot split it). */
	readonly insideUnit: Uint8Array;
	/** Σ over children of the mass the attacker cannot account for (see `residualOf`). */
	readonly childResidual: Int32Array;
}

export type Disclosure =
	/** A value the attacker derives exactly is in 1..k-1. */
	| { readonly kind: 'derived'; readonly filter: number; readonly node: number; readonly equation: number }
	/** Known unit of a filter whose unknown children hold 1..k-1 in all. */
	| { readonly kind: 'hierarchy'; readonly filter: number; readonly node: number }
	/** Known 'all' count of a readiness whose unknown group shares hold 1..k-1 in all. */
	| { readonly kind: 'partition'; readonly readiness: number; readonly node: number }
	/** Both filters of a nested pair known over a unit; complement 1..k-1. */
	| { readonly kind: 'linked'; readonly pair: NestedFilterPair; readonly node: number }
	/** Both known over a unit; complement over the part either leaves unknown is 1..k-1. */
	| { readonly kind: 'linkedRemainder'; readonly pair: NestedFilterPair; readonly node: number };

/** Equation ids: hierarchy(f, P) = f·size + P; partition(r, R) = filters·size + r·size + R. */
export function isPartitionEquation(state: PublicationState, equation: number): boolean {
	return equation >= state.lattice.filters.length * state.tree.size;
}

/** Every [filter, node] term of an audit equation: the left side first, then the parts. */
export function equationTerms(state: PublicationState, equation: number): [number, number][] {
	const { tree, lattice } = state;
	const n = tree.size;
	const cells = lattice.filters.length * n;
	if (equation >= cells) {
		const offset = equation - cells;
		const readiness = Math.floor(offset / n);
		const node = offset % n;
		return lattice.skills.map((_, s) => [filterIndex(s, readiness), node] as [number, number]);
	}
	const f = Math.floor(equation / n);
	const parent = equation % n;
	const terms: [number, number][] = [[f, parent]];
	for (let c = tree.childStart[parent]!; c < tree.childStart[parent + 1]!; c++) terms.push([f, tree.children[c]!]);
	return terms;
}

/** True count where known is not unknown, else the mass under it the attacker cannot split. */
export function residualOf(state: PublicationState, knowledge: AttackerKnowledge, filter: number, node: number): number {
	const at = filter * state.tree.size + node;
	if (knowledge.known[at] !== Known.unknown) return 0;
	return state.tree.levelRanks[node] === 0 ? state.counts[at]! : knowledge.childResidual[at]!;
}

const shapes = new WeakMap<PartitionMask, { insideUnit: Uint8Array; unitAtOrBelow: Uint8Array }>();

/** Where each filter's units sit; fixed once the partition is, so computed once per publication. */
function partitionShape(state: PublicationState): { insideUnit: Uint8Array; unitAtOrBelow: Uint8Array } {
	const cached = shapes.get(state.isUnit);
	if (cached) return cached;
	const { tree, isUnit } = state;
	const n = tree.size;
	const parents = tree.parents;
	const insideUnit = new Uint8Array(isUnit.length);
	const unitAtOrBelow = new Uint8Array(isUnit.length);
	for (let base = 0; base < isUnit.length; base += n) {
		for (let node = n - 1; node >= 0; node--) {
			const parent = parents[node]!;
			if (parent >= 0 && (isUnit[base + parent] === 1 || insideUnit[base + parent] === 1)) insideUnit[base + node] = 1;
		}
		for (let node = 0; node < n; node++) {
			if (isUnit[base + node] === 1) unitAtOrBelow[base + node] = 1;
			const parent = parents[node]!;
			if (parent >= 0 && unitAtOrBelow[base + node] === 1) unitAtOrBelow[base + parent] = 1;
		}
	}
	const shape = { insideUnit, unitAtOrBelow };
	shapes.set(isUnit, shape);
	return shape;
}

/** Closes the attacker's knowledge under the hierarchy and partition equations. */
export function deriveAttackerKnowledge(state: PublicationState): AttackerKnowledge {
	const { tree, lattice, released } = state;
	const n = tree.size;
	const filterCount = lattice.filters.length;
	const skillCount = lattice.skills.length;
	const readinessCount = READINESS.length;
	const cells = filterCount * n;

	const { insideUnit, unitAtOrBelow } = partitionShape(state);
	const known = new Uint8Array(cells);
	for (let f = 0; f < filterCount; f++) {
		const base = f * n;
		for (let node = 0; node < n; node++) {
			const at = base + node;
			if (released[at] === 1) known[at] = Known.released;
			// Units cover every resident, so a node no unit touches is empty, and the unit list is public.
			else if (insideUnit[at] === 0 && unitAtOrBelow[at] === 0) known[at] = Known.empty;
		}
	}

	// Unit propagation: an equation with exactly one unknown term gives that term away. Each value
	// sits in at most three equations: its own hierarchy equation (as the sum), its parent's (as a
	// part) and its partition equation. Plain loops, no closures: this runs on ~10⁵–10⁶ values.
	const equationCount = cells + readinessCount * n;
	const unknownTerms = new Int32Array(equationCount);
	for (let f = 0; f < filterCount; f++) {
		const partitionBase = cells + (f % readinessCount) * n;
		for (let node = 0; node < n; node++) {
			if (known[f * n + node] !== Known.unknown) continue;
			if (tree.levelRanks[node]! > 0) unknownTerms[f * n + node]!++;
			const parent = tree.parents[node]!;
			if (parent >= 0) unknownTerms[f * n + parent]!++;
			unknownTerms[partitionBase + node]!++;
		}
	}
	// Each equation's count falls to 1 at most once, so the stack never holds more than this.
	const stack = new Int32Array(2 * equationCount);
	let top = 0;
	for (let equation = 0; equation < equationCount; equation++) if (unknownTerms[equation] === 1) stack[top++] = equation;

	const derivedBy = new Int32Array(cells).fill(-1);
	while (top > 0) {
		const equation = stack[--top]!;
		if (unknownTerms[equation] !== 1) continue;
		let at = -1;
		if (equation < cells) {
			const f = Math.floor(equation / n);
			const parent = equation - f * n;
			if (known[equation] === Known.unknown) at = equation;
			else {
				for (let c = tree.childStart[parent]!; c < tree.childStart[parent + 1]!; c++) {
					const child = f * n + tree.children[c]!;
					if (known[child] === Known.unknown) {
						at = child;
						break;
					}
				}
			}
		} else {
			const offset = equation - cells;
			const r = Math.floor(offset / n);
			const node = offset - r * n;
			for (let skill = 0; skill < skillCount; skill++) {
				const term = filterIndex(skill, r) * n + node;
				if (known[term] === Known.unknown) {
					at = term;
					break;
				}
			}
		}
		if (at < 0) continue;
		known[at] = Known.derived;
		derivedBy[at] = equation;
		const f = Math.floor(at / n);
		const node = at - f * n;
		const touched0 = tree.levelRanks[node]! > 0 ? at : -1;
		const parent = tree.parents[node]!;
		const touched1 = parent >= 0 ? f * n + parent : -1;
		const touched2 = cells + (f % readinessCount) * n + node;
		if (touched0 >= 0 && --unknownTerms[touched0]! === 1) stack[top++] = touched0;
		if (touched1 >= 0 && --unknownTerms[touched1]! === 1) stack[top++] = touched1;
		if (--unknownTerms[touched2]! === 1) stack[top++] = touched2;
	}

	const childResidual = new Int32Array(cells);
	for (let f = 0; f < filterCount; f++) {
		const base = f * n;
		for (let node = 0; node < n; node++) {
			const parent = tree.parents[node]!;
			if (parent < 0) continue;
			const at = base + node;
			const residual = known[at] !== Known.unknown ? 0 : tree.levelRanks[node] === 0 ? state.counts[at]! : childResidual[at]!;
			childResidual[base + parent]! += residual;
		}
	}
	return { known, derivedBy, insideUnit, childResidual };
}

const isSmall = (value: number, k: number): boolean => value >= 1 && value < k;

/** Every quantity the attacker could pin to 1..k-1, finest units first. */
export function findDisclosures(state: PublicationState, knowledge: AttackerKnowledge): Disclosure[] {
	const { tree, lattice, counts, k } = state;
	const { known, derivedBy, childResidual } = knowledge;
	const n = tree.size;
	const filterCount = lattice.filters.length;
	const found: Disclosure[] = [];

	const isSmallDerived = (at: number): boolean => known[at] === Known.derived && isSmall(counts[at]!, k);
	// A small derived value is reported only where it starts a chain: if its equation used another
	// small derived value, that one is the cause, and repairing it removes this one too.
	const usesSmallDerived = (at: number): boolean => equationTerms(state, derivedBy[at]!).some(([g, x]) => g * n + x !== at && isSmallDerived(g * n + x));
	for (let f = 0; f < filterCount; f++) {
		const base = f * n;
		for (let node = 0; node < n; node++) {
			const at = base + node;
			if (isSmallDerived(at) && !usesSmallDerived(at)) found.push({ kind: 'derived', filter: f, node, equation: derivedBy[at]! });
			if (tree.levelRanks[node]! > 0 && known[at] !== Known.unknown && isSmall(childResidual[at]!, k)) found.push({ kind: 'hierarchy', filter: f, node });
		}
	}

	for (let r = 0; r < READINESS.length; r++) {
		const everyone = filterIndex(0, r);
		for (let node = 0; node < n; node++) {
			if (known[everyone * n + node] === Known.unknown) continue;
			let hidden = 0;
			for (let s = 1; s < lattice.skills.length; s++) hidden += residualOf(state, knowledge, filterIndex(s, r), node);
			if (isSmall(hidden, k)) found.push({ kind: 'partition', readiness: r, node });
		}
	}

	// Complement over the part of a unit that either filter leaves unknown: with g and f known over
	// R, and each known on some pieces inside R, the attacker gets g − f over the union A of both
	// unknown areas (g over A = g(R) − g's known pieces, plus g over f-only-unknown pieces, which g
	// knows; likewise for f). remainder[3·node + c] sums g − f over that union below a node, for the
	// three ways coverage can arrive from above: c = 0 neither, 1 g already known, 2 f already known.
	const remainder = new Int32Array(3 * n);
	const levelRanks = tree.levelRanks;
	const parents = tree.parents;
	for (const pair of lattice.nestedPairs) {
		const g = pair.broader * n;
		const f = pair.narrower * n;
		remainder.fill(0);
		for (let node = 0; node < n; node++) {
			const knowsG = known[g + node] !== 0;
			const knowsF = known[f + node] !== 0;
			const isBase = levelRanks[node] === 0;
			const narrowCount = counts[f + node]!;
			const complement = counts[g + node]! - narrowCount;
			const at = 3 * node;
			if (knowsG && knowsF) {
				// Where the narrower filter is empty the complement is the broader value itself, which
				// is either released (≥ k) or checked as a derived value above.
				if (narrowCount > 0 && complement >= 1 && complement < k) found.push({ kind: 'linked', pair, node });
				const left = remainder[at]!;
				if (!isBase && left >= 1 && left < k) found.push({ kind: 'linkedRemainder', pair, node });
			}
			const parent = parents[node]!;
			if (parent < 0) continue;
			// Below a node both filters know, nothing is left over; a base cell either filter leaves
			// unknown adds its whole complement; otherwise pass on the children's sum for that coverage.
			const up = 3 * parent;
			const belowG = knowsF ? 0 : isBase ? complement : remainder[at + 1]!;
			const belowF = knowsG ? 0 : isBase ? complement : remainder[at + 2]!;
			const belowNone = knowsG ? belowG : knowsF ? belowF : isBase ? complement : remainder[at]!;
			remainder[up]! += belowNone;
			remainder[up + 1]! += belowG;
			remainder[up + 2]! += belowF;
		}
	}

	// Derived values first, coarsest first: a chain of derivations starts at the top (a total or a
	// large unit) and fixing its start fixes everything below. Then the rest, finest first, since a
	// repair in a small unit often settles the units above it.
	// Within a level, narrower filters first (higher filter index = a group rather than 'all', a
	// readiness flag rather than 'any'): hiding a detail of a narrow filter often settles the broad
	// one through the partition equation, and the broad map is the one most worth keeping.
	const kindOrder = { derived: 0, hierarchy: 1, partition: 2, linked: 3, linkedRemainder: 4 } as const;
	const levelOf = (d: Disclosure): number => (d.kind === 'derived' ? -tree.levelRanks[d.node]! : tree.levelRanks[d.node]!);
	const narrowness = (d: Disclosure): number =>
		d.kind === 'derived' || d.kind === 'hierarchy' ? d.filter : d.kind === 'partition' ? d.readiness : d.pair.narrower;
	return found.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || levelOf(a) - levelOf(b) || narrowness(b) - narrowness(a) || a.node - b.node);
}
