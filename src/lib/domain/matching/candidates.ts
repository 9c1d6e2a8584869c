/**
 * Matching local candidates to vacancies, in published counts only.
 *
 * Candidates are the residents in the pipeline (one case each), counted by skill group and stage.
 * The stages partition everyone, exactly as skill groups do; the publishing pipeline in
 * domain/privacy knows one partition (skill groups, with 'all' their sum), so each (group, stage)
 * pair is published as one composite group "<group>.<stage>". Its audit then covers
 * all = Σ (group, stage) over every unit, and every filter key is fixed and published once:
 * choosing a role only picks which published keys to show, so two role filters can never be
 * subtracted to reveal a small cell (DESIGN.md).
 */
import { ALL_SKILLS, filterKey, type ResidentRecord } from '../privacy/filters';

export const STAGES = ['identified', 'language_training', 'accreditation', 'ready_for_work', 'in_work'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
	identified: 'Identified',
	language_training: 'In language training',
	accreditation: 'In accreditation',
	ready_for_work: 'Ready for work',
	in_work: 'In work'
};

export function isStage(value: string): value is Stage {
	return (STAGES as readonly string[]).includes(value);
}

/** The composite group a candidate is published under. Skill group ids hold no '.', so it splits back. */
export function candidateGroup(skillGroup: string, stage: Stage): string {
	return `${skillGroup}.${stage}`;
}

/** Every composite group for a taxonomy, in a fixed order. */
export function candidateGroups(skillGroups: readonly string[]): string[] {
	return skillGroups.flatMap((group) => STAGES.map((stage) => candidateGroup(group, stage)));
}

/** The published filter key of candidates of one group at one stage. */
export function candidateKey(skillGroup: string, stage: Stage): string {
	return filterKey({ skill: candidateGroup(skillGroup, stage), readiness: 'any' });
}

/** The key of every candidate, any group, any stage: the map of where candidates live. */
export const ALL_CANDIDATES_KEY = filterKey({ skill: ALL_SKILLS, readiness: 'any' });

export interface Candidate {
	/** Base (hex250) cell id. */
	readonly cell: string;
	readonly skillGroup: string;
	readonly stage: Stage;
}

/**
 * A candidate as the publishing pipeline counts it: under its composite group, readiness flags
 * all false (the readiness layers are then empty and say nothing).
 */
export function candidateRecord(candidate: Candidate): ResidentRecord {
	return {
		cell: candidate.cell,
		skillGroup: candidateGroup(candidate.skillGroup, candidate.stage),
		overseasQualification: false,
		englishTestPassed: false,
		professionallyRegistered: false
	};
}

/** Published count per stage: a rounded number, or null where it is withheld. */
export type StageCounts = Record<Stage, number | null>;

/**
 * Vacancies still unfilled by candidates ready for work: live vacancies minus the published
 * ready-for-work count, never below zero; null when that count is withheld (it cannot be shown).
 */
export function vacancyGap(liveVacancies: number, counts: StageCounts): number | null {
	const ready = counts.ready_for_work;
	if (ready === null) return null;
	return Math.max(liveVacancies - ready, 0);
}
