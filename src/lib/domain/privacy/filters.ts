/**
 * The fixed set of filters the public API offers on resident layers, and how they nest.
 *
 * The set is closed on purpose (DESIGN.md: "Filters that would let two queries be subtracted to
 * reveal a small cell are refused or coarsened"): with a known, finite lattice the publishing
 * pipeline can check every pair of filters an attacker could subtract before anything is released.
 */

/** One person-level record, reduced to what a published layer may count. */
export interface ResidentRecord {
	/** Id of the base (hex250) cell the resident was snapped to. */
	readonly cell: string;
	/** Exactly one skill group per record: groups partition everyone. */
	readonly skillGroup: string;
	readonly overseasQualification: boolean;
	readonly englishTestPassed: boolean;
	readonly professionallyRegistered: boolean;
}

export const READINESS = ['any', 'overseas_qualification', 'english_test_passed', 'professionally_registered'] as const;
export type Readiness = (typeof READINESS)[number];

/** The skill value meaning "every group". */
export const ALL_SKILLS = 'all';

export interface ResidentFilter {
	readonly skill: string;
	readonly readiness: Readiness;
}

/** `skill/readiness`; unambiguous because readiness names contain no '/'. */
export type FilterKey = string;

export function filterKey(filter: ResidentFilter): FilterKey {
	return `${filter.skill}/${filter.readiness}`;
}

export function matchesReadiness(record: ResidentRecord, readiness: Readiness): boolean {
	switch (readiness) {
		case 'any':
			return true;
		case 'overseas_qualification':
			return record.overseasQualification;
		case 'english_test_passed':
			return record.englishTestPassed;
		case 'professionally_registered':
			return record.professionallyRegistered;
	}
}

/** A pair an attacker could subtract: every record counted by `narrower` is counted by `broader`. */
export interface NestedFilterPair {
	readonly narrower: number;
	readonly broader: number;
}

/**
 * All filters in a fixed order, and every nested pair among them. Filter index =
 * skillIndex · READINESS.length + readinessIndex, with skill 0 = 'all' and groups sorted, so the
 * order (and with it every tie-break downstream) does not depend on how the caller listed groups.
 */
export interface FilterLattice {
	readonly filters: readonly ResidentFilter[];
	readonly keys: readonly FilterKey[];
	/** 'all' then the groups, sorted. */
	readonly skills: readonly string[];
	readonly skillIndexOf: ReadonlyMap<string, number>;
	readonly nestedPairs: readonly NestedFilterPair[];
}

export function filterIndex(skillIndex: number, readinessIndex: number): number {
	return skillIndex * READINESS.length + readinessIndex;
}

/** @throws if groups are empty, repeated, blank, or called 'all'. */
export function buildFilterLattice(skillGroups: readonly string[]): FilterLattice {
	if (skillGroups.length === 0) throw new Error('skillGroups must list at least one skill group');
	const unique = new Set(skillGroups);
	if (unique.size !== skillGroups.length) throw new Error('skillGroups lists a group more than once');
	for (const group of unique) {
		if (group.trim() === '') throw new Error('skillGroups contains an empty group name');
		if (group === ALL_SKILLS) throw new Error(`"${ALL_SKILLS}" is reserved for the filter over every group; rename that skill group`);
	}
	const skills = [ALL_SKILLS, ...[...unique].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))];
	const filters = skills.flatMap((skill) => READINESS.map((readiness) => ({ skill, readiness })));

	// (s, r) ⊂ (s, any) ⊂ (all, any) and (s, r) ⊂ (all, r), closed transitively: an attacker can
	// subtract any comparable pair, not only neighbours. Different readiness flags are not nested.
	const nestedPairs: NestedFilterPair[] = [];
	const broaderThan = (s: number, r: number): [number, number][] => {
		const out: [number, number][] = [];
		if (r !== 0) out.push([s, 0]);
		if (s !== 0) out.push([0, r]);
		if (s !== 0 && r !== 0) out.push([0, 0]);
		return out;
	};
	skills.forEach((_, s) => {
		READINESS.forEach((_, r) => {
			for (const [bs, br] of broaderThan(s, r)) nestedPairs.push({ narrower: filterIndex(s, r), broader: filterIndex(bs, br) });
		});
	});
	return {
		filters,
		keys: filters.map(filterKey),
		skills,
		skillIndexOf: new Map(skills.map((skill, index) => [skill, index])),
		nestedPairs
	};
}
