/**
 * An attacker who sees only what a `Publication` releases: rounded counts (taken as exact, to err
 * on the safe side), suppressed unit ids, place totals, the public cell hierarchy and the filter
 * lattice. It derives every value it can compute exactly from one relation at a time:
 *   - total / hierarchy: a known figure minus the known figures inside it leaves the sum of the
 *     hidden ones (the place total minus the released units of the same filter, for a start);
 *   - linked: where a narrower and a broader filter are both known over a unit, their difference;
 *   - partition: where 'all' is known over a unit, minus every group known there, leaves the sum
 *     of the hidden group shares.
 * A sum with a single hidden term pins that term, and pinned values are fed back in until nothing
 * new follows. Written independently of the pipeline's own audit (disclosure-audit.ts) so that
 * tests can use it to check the pipeline rather than the pipeline checking itself.
 */
import type { CellHierarchy } from './cell-hierarchy';
import { buildCellTree, type CellTree } from './cell-tree';
import { ALL_SKILLS, READINESS, buildFilterLattice, filterIndex, type FilterKey } from './filters';
import type { Publication } from './publish';

/** A (filter, unit) value the attacker cannot see directly: a hidden unit, or a part of a unit. */
export interface HiddenTerm {
	readonly filterKey: FilterKey;
	readonly unitId: string;
}

export type AttackerFact =
	/** Σ terms = value, from one hierarchy or partition relation. One term: that value is pinned. */
	| { readonly kind: 'total' | 'hierarchy' | 'partition'; readonly terms: readonly HiddenTerm[]; readonly value: number }
	/** broader − narrower over the unit = value. */
	| { readonly kind: 'linked'; readonly narrower: FilterKey; readonly broader: FilterKey; readonly unitId: string; readonly value: number };

export interface PublicGeography {
	readonly hierarchy: CellHierarchy;
	/** Every base cell of the place, with residents or not: the grid itself is public. */
	readonly baseCellIds: Iterable<string>;
}

interface FilterView {
	readonly key: FilterKey;
	/** node -> released rounded count, or null when listed as suppressed. */
	readonly units: Map<number, number | null>;
	readonly insideUnit: Uint8Array;
	readonly unitAtOrBelow: Uint8Array;
	readonly total: number | null;
}

const MAX_ROUNDS = 100;

/** Everything the attacker can work out; sums with several terms included. */
export function deriveAttackerFacts(publication: Publication, geography: PublicGeography): AttackerFact[] {
	const skillGroups = [...new Set([...publication.layers.values()].map((layer) => layer.filter.skill))].filter((s) => s !== ALL_SKILLS);
	const lattice = buildFilterLattice(skillGroups);
	const tree = buildCellTree(geography.baseCellIds, geography.hierarchy);
	const views = lattice.keys.map((key) => viewOf(publication, key, tree));
	const pins = new Map<string, number>();
	const pinKey = (f: number, node: number): string => `${f}:${node}`;

	// Facts from every round: a fact that pinned a value is not restated once the value is known.
	const facts = new Map<string, AttackerFact>();
	const remember = (fact: AttackerFact): void => {
		const key = fact.kind === 'linked' ? `linked|${fact.narrower}|${fact.broader}|${fact.unitId}` : `${fact.kind}|${fact.terms.map((t) => `${t.filterKey}@${t.unitId}`).join(',')}`;
		if (!facts.has(key)) facts.set(key, fact);
	};
	for (let round = 0; round < MAX_ROUNDS; round++) {
		const memo = new Map<string, number | undefined>();
		const valueOver = (f: number, node: number): number | undefined => {
			const key = pinKey(f, node);
			if (memo.has(key)) return memo.get(key);
			const view = views[f]!;
			let value: number | undefined;
			if (pins.has(key)) value = pins.get(key);
			else if (view.units.has(node)) value = view.units.get(node) ?? undefined;
			else if (view.insideUnit[node] === 1) value = undefined;
			else if (node === tree.root && view.total !== null) value = view.total;
			else if (view.unitAtOrBelow[node] === 0) value = 0;
			else {
				value = 0;
				for (const child of childrenOf(tree, node)) {
					const part = valueOver(f, child);
					if (part === undefined) {
						value = undefined;
						break;
					}
					value += part;
				}
			}
			memo.set(key, value);
			return value;
		};
		// Splits f over node into what the attacker knows and the hidden pieces left over.
		const decompose = (f: number, node: number): { known: number; pieces: [number, number][] } => {
			let known = 0;
			const pieces: [number, number][] = [];
			for (const child of childrenOf(tree, node)) {
				const value = valueOver(f, child);
				if (value !== undefined) known += value;
				else if (views[f]!.units.has(child) || views[f]!.insideUnit[child] === 1) pieces.push([f, child]);
				else {
					const inner = decompose(f, child);
					known += inner.known;
					pieces.push(...inner.pieces);
				}
			}
			return { known, pieces };
		};
		const term = ([f, node]: [number, number]): HiddenTerm => ({ filterKey: lattice.keys[f]!, unitId: tree.ids[node]! });

		const pinnable: { piece: [number, number]; value: number }[] = [];
		const addSum = (kind: 'total' | 'hierarchy' | 'partition', value: number, pieces: [number, number][]): void => {
			if (pieces.length === 0) return;
			remember({ kind, terms: pieces.map(term), value });
			if (pieces.length === 1) pinnable.push({ piece: pieces[0]!, value });
		};

		for (let f = 0; f < views.length; f++) {
			const view = views[f]!;
			for (let node = 0; node < tree.size; node++) {
				if (tree.levelRanks[node] === 0) continue;
				// Figures known by themselves (not as sums of the parts below): released units, the total, pins.
				const direct = pins.get(pinKey(f, node)) ?? (view.units.get(node) ?? undefined) ?? (node === tree.root ? (view.total ?? undefined) : undefined);
				if (direct === undefined) continue;
				const { known, pieces } = decompose(f, node);
				if (known === 0 && view.units.has(node)) continue; // only restates the unit itself
				addSum(node === tree.root ? 'total' : 'hierarchy', direct - known, pieces);
			}
		}

		for (const { narrower, broader } of lattice.nestedPairs) {
			for (let node = 0; node < tree.size; node++) {
				const a = valueOver(narrower, node);
				const b = valueOver(broader, node);
				if (a === undefined || b === undefined) continue;
				if (views[narrower]!.unitAtOrBelow[node] === 0 && views[broader]!.unitAtOrBelow[node] === 0 && views[broader]!.insideUnit[node] === 0) continue;
				remember({ kind: 'linked', narrower: lattice.keys[narrower]!, broader: lattice.keys[broader]!, unitId: tree.ids[node]!, value: b - a });
			}
		}

		for (let r = 0; r < READINESS.length; r++) {
			const everyone = filterIndex(0, r);
			for (let node = 0; node < tree.size; node++) {
				const all = valueOver(everyone, node);
				if (all === undefined) continue;
				let known = 0;
				const pieces: [number, number][] = [];
				for (let s = 1; s < lattice.skills.length; s++) {
					const f = filterIndex(s, r);
					const value = valueOver(f, node);
					if (value !== undefined) known += value;
					else if (views[f]!.units.has(node) || views[f]!.insideUnit[node] === 1) pieces.push([f, node]);
					else {
						const inner = decompose(f, node);
						known += inner.known;
						pieces.push(...inner.pieces);
					}
				}
				addSum('partition', all - known, pieces);
			}
		}

		let pinned = false;
		for (const { piece, value } of pinnable) {
			const key = pinKey(piece[0], piece[1]);
			if (!pins.has(key)) {
				pins.set(key, value);
				pinned = true;
			}
		}
		if (!pinned) break;
	}
	return [...facts.values()];
}

function childrenOf(tree: CellTree, node: number): Int32Array {
	return tree.children.subarray(tree.childStart[node]!, tree.childStart[node + 1]!);
}

function viewOf(publication: Publication, key: FilterKey, tree: CellTree): FilterView {
	const layer = publication.layers.get(key);
	if (!layer) throw new Error(`publication has no layer "${key}"`);
	const nodeOf = (id: string): number => {
		const node = tree.indexOf.get(id);
		if (node === undefined) throw new Error(`unit "${id}" of layer "${key}" is not in the public geography`);
		return node;
	};
	const units = new Map<number, number | null>();
	for (const unit of layer.units) units.set(nodeOf(unit.id), unit.count);
	for (const id of layer.suppressedUnits) units.set(nodeOf(id), null);
	const insideUnit = new Uint8Array(tree.size);
	const unitAtOrBelow = new Uint8Array(tree.size);
	for (let node = tree.size - 1; node >= 0; node--) {
		const parent = tree.parents[node]!;
		if (parent >= 0 && (units.has(parent) || insideUnit[parent] === 1)) insideUnit[node] = 1;
	}
	for (let node = 0; node < tree.size; node++) {
		if (units.has(node)) unitAtOrBelow[node] = 1;
		const parent = tree.parents[node]!;
		if (parent >= 0 && unitAtOrBelow[node] === 1) unitAtOrBelow[parent] = 1;
	}
	return { key, units, insideUnit, unitAtOrBelow, total: layer.total };
}
