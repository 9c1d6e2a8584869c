/**
 * The person-level tables. Only modules in src/lib/server/restricted/ may import this file
 * (eslint enforces it): the public `Database` interface does not know these tables exist, so
 * planner and public code cannot even name them to Kysely.
 */
import type { Kysely } from 'kysely';
import type { Database, PipelineCaseTable, PipelineStageEventTable, QuestionnaireResponseTable, ResidentSkillTable } from '../db/schema';

// A type alias, not an interface: Kysely's withTables<T> needs an indexable type.
export type RestrictedTables = {
	'restricted.resident_skill': ResidentSkillTable;
	// ---- Researchers (issue 11, migration 0012) ----
	'restricted.questionnaire_response': QuestionnaireResponseTable;
	// Skills matching (migration 0014, issue 14)
	'restricted.pipeline_case': PipelineCaseTable;
	'restricted.pipeline_stage_event': PipelineStageEventTable;
};

export type RestrictedDatabase = Database & RestrictedTables;

/** The same connection, typed to reach the person-level tables. */
export function restrictedView(db: Kysely<Database>): Kysely<RestrictedDatabase> {
	return db.withTables<RestrictedTables>();
}
