/**
 * Properties of the publishing pipeline on random populations over small random hierarchies
 * (1–4 km cells, 1–4 500 m cells each, 1–5 base cells each; 0–3000 residents; 1–5 groups).
 * Populations are built from a seed so that fast-check shrinks the scenario, not thousands of rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveAttackerFacts } from './attack';
import { LEVELS } from './cell-hierarchy';
import type { ResidentRecord } from './filters';
import { publishResidentLayers, type PublishOptions } from './publish';
import { randomHierarchy, randomPopulation, seededRandom, truthOracle, type TableHierarchy } from './test-support';

interface Scenario {
	readonly hierarchy: TableHierarchy;
	readonly records: ResidentRecord[];
	readonly options: PublishOptions & { k: number; roundingBase: number };
	readonly seed: number;
}

const rate = fc.double({ min: 0, max: 1, noNaN: true });
const scenarios: fc.Arbitrary<Scenario> = fc
	.record({
		seed: fc.integer(),
		hex1000: fc.integer({ min: 1, max: 4 }),
		hex500PerHex1000: fc.integer({ min: 1, max: 4 }),
		hex250PerHex500: fc.integer({ min: 1, max: 5 }),
		size: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 3000 })),
		groupCount: fc.integer({ min: 1, max: 5 }),
		hotCellShare: fc.double({ min: 0.05, max: 1, noNaN: true }),
		flagRates: fc.tuple(rate, rate, rate),
		k: fc.constantFrom(5, 7, 10, 12),
		roundingBase: fc.constantFrom(5, 3, 10),
		coarsestLevel: fc.constantFrom('hex1000' as const, 'place' as const)
	})
	.map((p) => {
		const random = seededRandom(p.seed);
		const hierarchy = randomHierarchy(p, random);
		const skillGroups = Array.from({ length: p.groupCount }, (_, index) => `group-${index}`);
		const records = randomPopulation(hierarchy.baseCellIds, { size: p.size, groups: skillGroups, hotCellShare: p.hotCellShare, flagRates: p.flagRates }, random);
		return { hierarchy, records, seed: p.seed, options: { k: p.k, roundingBase: p.roundingBase, skillGroups, coarsestLevel: p.coarsestLevel } };
	});

const publish = (s: Scenario) => publishResidentLayers(s.records, s.hierarchy, s.options);

describe('publishResidentLayers on random populations', () => {
	it('never releases a count in 1..k-1, and rounds every released count to the base', () => {
		fc.assert(
			fc.property(scenarios, (s) => {
				const { k, roundingBase } = s.options;
				for (const layer of publish(s).layers.values()) {
					for (const value of [...layer.units.map((u) => u.count), ...(layer.total === null ? [] : [layer.total])]) {
						expect(value === 0 || value >= k).toBe(true);
						expect(value % roundingBase).toBe(0);
					}
					for (const unit of layer.units) expect(unit.count).toBeGreaterThan(0);
				}
			}),
			{ numRuns: 80 }
		);
	});

	it("gives each filter units that never overlap and hold each of its residents once", () => {
		fc.assert(
			fc.property(scenarios, (s) => {
				const truth = truthOracle(s.records, s.hierarchy);
				for (const [key, layer] of publish(s).layers) {
					const unitIds = [...layer.units.map((u) => u.id), ...layer.suppressedUnits];
					expect(new Set(unitIds).size).toBe(unitIds.length);
					const unitSet = new Set(unitIds);
					// Every base cell lies in at most one unit: at most one of its ancestors is a unit.
					for (const cell of s.hierarchy.baseCellIds) {
						const ancestors = LEVELS.map((level) => s.hierarchy.parentOf(cell, level));
						expect(ancestors.filter((id) => unitSet.has(id)).length).toBeLessThanOrEqual(1);
					}
					const held = unitIds.reduce((sum, id) => sum + truth.count(key, id), 0);
					expect(held).toBe(truth.count(key, 'place'));
				}
			}),
			{ numRuns: 60 }
		);
	});

	it('leaves nothing an attacker can pin to 1..k-1 from totals, nested filters or the partition', () => {
		fc.assert(
			fc.property(scenarios, (s) => {
				const publication = publish(s);
				const truth = truthOracle(s.records, s.hierarchy);
				const facts = deriveAttackerFacts(publication, { hierarchy: s.hierarchy, baseCellIds: s.hierarchy.baseCellIds });
				for (const fact of facts) {
					const value = truth.valueOf(fact);
					if (value >= 1 && value < s.options.k) expect.fail(`attacker pins ${JSON.stringify(fact)} to ${value} (k = ${s.options.k}, seed ${s.seed})`);
				}
			}),
			{ numRuns: 120 }
		);
	});

	it('records every withheld unit for administrators, with its true band', () => {
		fc.assert(
			fc.property(scenarios, (s) => {
				const publication = publish(s);
				const truth = truthOracle(s.records, s.hierarchy);
				const recorded = new Set(publication.suppressionRecord.map((entry) => `${entry.filterKey}|${entry.unitId}`));
				for (const [key, layer] of publication.layers) {
					for (const id of layer.suppressedUnits) expect(recorded.has(`${key}|${id}`)).toBe(true);
					if (layer.total === null) expect(recorded.has(`${key}|place`)).toBe(true);
				}
				for (const entry of publication.suppressionRecord) {
					const count = truth.count(entry.filterKey, entry.unitId);
					expect(entry.trueCountBand).toBe(count < 5 ? '1-4' : count < 10 ? '5-9' : '10+');
					expect(entry.reason === 'primary').toBe(count < s.options.k);
				}
			}),
			{ numRuns: 60 }
		);
	});

	it('gives the same publication for the same records in any order', () => {
		fc.assert(
			fc.property(scenarios, fc.integer(), (s, shuffleSeed) => {
				const random = seededRandom(shuffleSeed);
				const shuffled = s.records.map((record) => ({ record, key: random() })).sort((a, b) => a.key - b.key).map(({ record }) => record);
				const again = publishResidentLayers(shuffled, s.hierarchy, { ...s.options, skillGroups: [...s.options.skillGroups].reverse() });
				expect(again).toEqual(publish(s));
			}),
			{ numRuns: 30 }
		);
	});

	it('refuses a threshold under 5', () => {
		fc.assert(
			fc.property(scenarios, fc.integer({ min: -3, max: 4 }), (s, k) => {
				expect(() => publishResidentLayers(s.records, s.hierarchy, { ...s.options, k })).toThrow(/at least 5/);
			}),
			{ numRuns: 10 }
		);
	});
});
