/**
 * Seeded populations and small hierarchies for the privacy tests, and the truth oracle that checks
 * an attacker's facts against the records. Test-only: nothing in the pipeline imports it.
 */
import type { CellHierarchy, Level } from './cell-hierarchy';
import { READINESS, matchesReadiness, type FilterKey, type ResidentRecord } from './filters';
import type { AttackerFact } from './attack';

/** mulberry32: small, fast, seedable; enough for test data, not for anything secret. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A hierarchy from an explicit table, as an official-geography import would provide. */
export interface TableHierarchy extends CellHierarchy {
	readonly baseCellIds: readonly string[];
}

export function tableHierarchy(parents: Record<string, { hex500: string; hex1000: string }>, placeId = 'place'): TableHierarchy {
	return {
		baseCellIds: Object.keys(parents),
		parentOf(cellId: string, level: Level): string {
			const row = parents[cellId];
			if (!row) throw new Error(`unknown cell ${cellId}`);
			return level === 'hex250' ? cellId : level === 'place' ? placeId : row[level];
		}
	};
}

/** Shape of a random hierarchy: branching at each level, chosen per node in [1, max]. */
export interface TreeShape {
	readonly hex1000: number;
	readonly hex500PerHex1000: number;
	readonly hex250PerHex500: number;
}

export function randomHierarchy(shape: TreeShape, random: () => number): TableHierarchy {
	const pick = (max: number): number => 1 + Math.floor(random() * max);
	const parents: Record<string, { hex500: string; hex1000: string }> = {};
	for (let a = 0; a < shape.hex1000; a++) {
		const hex1000 = `hex1000:${a}`;
		for (let b = 0, nb = pick(shape.hex500PerHex1000); b < nb; b++) {
			const hex500 = `hex500:${a}.${b}`;
			for (let c = 0, nc = pick(shape.hex250PerHex500); c < nc; c++) parents[`hex250:${a}.${b}.${c}`] = { hex500, hex1000 };
		}
	}
	return tableHierarchy(parents);
}

export interface PopulationShape {
	readonly size: number;
	readonly groups: readonly string[];
	/** Share of cells that hold most people: residents cluster, which is what makes cells small. */
	readonly hotCellShare: number;
	readonly flagRates: readonly [number, number, number];
}

export function randomPopulation(cells: readonly string[], shape: PopulationShape, random: () => number): ResidentRecord[] {
	const hot = cells.filter(() => random() < shape.hotCellShare);
	const hotCells = hot.length > 0 ? hot : cells;
	// Skewed group sizes: a few common groups, a long tail of rare ones.
	const weights = shape.groups.map((_, index) => 1 / (index + 1));
	const totalWeight = weights.reduce((a, b) => a + b, 0);
	const pickGroup = (): string => {
		let u = random() * totalWeight;
		for (let index = 0; index < weights.length; index++) {
			u -= weights[index]!;
			if (u <= 0) return shape.groups[index]!;
		}
		return shape.groups[shape.groups.length - 1]!;
	};
	const records: ResidentRecord[] = [];
	for (let p = 0; p < shape.size; p++) {
		const pool = random() < 0.8 ? hotCells : cells;
		records.push({
			cell: pool[Math.floor(random() * pool.length)]!,
			skillGroup: pickGroup(),
			overseasQualification: random() < shape.flagRates[0],
			englishTestPassed: random() < shape.flagRates[1],
			professionallyRegistered: random() < shape.flagRates[2]
		});
	}
	return records;
}

/** True counts of every filter over every unit, straight from the records, for checking facts. */
export interface TruthOracle {
	count(key: FilterKey, unitId: string): number;
	valueOf(fact: AttackerFact): number;
}

export function truthOracle(records: readonly ResidentRecord[], hierarchy: CellHierarchy): TruthOracle {
	const levels: Level[] = ['hex250', 'hex500', 'hex1000', 'place'];
	const counts = new Map<string, number>();
	for (const record of records) {
		for (const skill of ['all', record.skillGroup]) {
			for (const readiness of READINESS) {
				if (!matchesReadiness(record, readiness)) continue;
				for (const level of levels) {
					const key = `${skill}/${readiness}|${hierarchy.parentOf(record.cell, level)}`;
					counts.set(key, (counts.get(key) ?? 0) + 1);
				}
			}
		}
	}
	const count = (key: FilterKey, unitId: string): number => counts.get(`${key}|${unitId}`) ?? 0;
	return {
		count,
		valueOf(fact: AttackerFact): number {
			if (fact.kind === 'linked') return count(fact.broader, fact.unitId) - count(fact.narrower, fact.unitId);
			return fact.terms.reduce((sum, t) => sum + count(t.filterKey, t.unitId), 0);
		}
	};
}
