/**
 * The one Database interface: every table Kysely may touch, declared once.
 * Geometry columns are typed as `Geometry`: they are written with ST_GeomFromGeoJSON(...) and read
 * with ST_AsGeoJSON(...)::json, never as raw EWKB in application code.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { PublishedLevel } from '../../contracts/layers';
import {
	CONSORTIA,
	HUB_TYPES,
	MACRO_ASSET_KINDS,
	MACRO_ASSET_STATUSES,
	OPPORTUNITY_KINDS,
	REFERENCE_AREA_TYPES
} from '../../domain/vocabulary';
import type { FinanceKind, RecipientType } from '../../domain/finance/publish';

export { CONSORTIA, HUB_TYPES, MACRO_ASSET_KINDS, MACRO_ASSET_STATUSES, OPPORTUNITY_KINDS, REFERENCE_AREA_TYPES };

/** An opaque PostGIS geometry value; read and write it through the sql helpers in geometry.ts. */
export type Geometry = ColumnType<unknown, unknown, unknown>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface PlaceTable {
	id: string;
	name: string;
	description: string | null;
	projected_srid: number;
	boundary: Geometry;
	source: string | null;
	created_at: CreatedAt;
}

export interface SkillGroupTable {
	id: string;
	name: string;
	description: string | null;
	sort_order: ColumnType<number, number | undefined, number>;
}

export interface SkillGroupSocTable {
	skill_group_id: string;
	soc2020_code: string;
	soc2020_title: string;
}

export type MacroAssetKind = (typeof MACRO_ASSET_KINDS)[number];

export type MacroAssetStatus = (typeof MACRO_ASSET_STATUSES)[number];

export interface MacroAssetTable {
	id: string;
	place_id: string;
	name: string;
	kind: MacroAssetKind;
	status: MacroAssetStatus;
	description: string | null;
	timeline_start: number | null;
	timeline_end: number | null;
	timeline_note: string | null;
	/** numeric comes back from the drivers as a string: exact money, converted at the edge. */
	investment_gbp: ColumnType<string | null, number | string | null | undefined, number | string | null>;
	homes: number | null;
	jobs: number | null;
	owners: ColumnType<string[], string[] | undefined, string[]>;
	partners: ColumnType<string[], string[] | undefined, string[]>;
	source: string | null;
	illustrative: ColumnType<string[], string[] | undefined, string[]>;
	geom: Geometry;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];

export interface OpportunityTable {
	id: string;
	macro_asset_id: string;
	skill_group_id: string;
	kind: OpportunityKind;
	title: string;
	count: number;
	period_start: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	period_end: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	source: string | null;
	illustrative: ColumnType<boolean, boolean | undefined, boolean>;
	created_at: CreatedAt;
}

export type HubType = (typeof HUB_TYPES)[number];

export interface CommunityHubTable {
	id: string;
	place_id: string;
	name: string;
	hub_type: HubType;
	address: string | null;
	description: string | null;
	position_accuracy_m: number | null;
	source: string | null;
	geom: Geometry;
	created_at: CreatedAt;
}

export type Consortium = (typeof CONSORTIA)[number];

export interface SocialEnterpriseTable {
	id: string;
	place_id: string;
	name: string;
	consortium: Consortium;
	offers: string | null;
	needs: string | null;
	employees: number | null;
	synthetic: ColumnType<boolean, boolean | undefined, boolean>;
	source: string | null;
	geom: Geometry;
	created_at: CreatedAt;
	// Migration 0013 (issue 15): the directory's own fields.
	stage: ColumnType<EnterpriseStage, EnterpriseStage | undefined, EnterpriseStage>;
	contact: ColumnType<string | null, string | null | undefined, string | null>;
	consent_to_publish: ColumnType<boolean, boolean | undefined, boolean>;
	contact_public: ColumnType<boolean, boolean | undefined, boolean>;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
	updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export type ReferenceAreaType = (typeof REFERENCE_AREA_TYPES)[number];

export interface ReferenceAreaTable {
	id: Generated<string>;
	area_type: ReferenceAreaType;
	code: string;
	name: string | null;
	imd_decile: number | null;
	imd_rank: number | null;
	imd_year: number | null;
	/** Usual residents (migration 0016); population_illustrative marks a generated demo figure. */
	population: number | null;
	population_year: number | null;
	population_illustrative: ColumnType<boolean, boolean | undefined, boolean>;
	source: string | null;
	geom: Geometry;
	created_at: CreatedAt;
}

export const LOCATION_SOURCES = ['postcode_sector', 'output_area', 'chosen_point', 'synthetic'] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];

/**
 * Person-level, in schema `restricted`: deliberately NOT in `Database`. Only
 * src/lib/server/restricted/ reaches it, through restrictedView() (see DESIGN.md, anonymisation).
 */
export interface ResidentSkillTable {
	id: string;
	place_id: string;
	skill_group_id: string;
	qualification_level: number | null;
	overseas_qualification: ColumnType<boolean, boolean | undefined, boolean>;
	english_test_passed: ColumnType<boolean, boolean | undefined, boolean>;
	professionally_registered: ColumnType<boolean, boolean | undefined, boolean>;
	languages: ColumnType<string[], string[] | undefined, string[]>;
	cell_point: Geometry;
	location_source: LocationSource;
	/** uuid of the researcher's account (migration 0002); null for synthetic records. */
	collected_by: string | null;
	synthetic: ColumnType<boolean, boolean | undefined, boolean>;
	created_at: CreatedAt;
}

export interface SchemaMigrationTable {
	version: number;
	name: string;
	checksum: string;
	applied_at: CreatedAt;
}

/** Migrations 0006 and 0007: a counter per table that score layers and tiles read, bumped by statement triggers. */
export interface DataVersionTable {
	table_name: string;
	version: BigIntId;
}

export interface Database {
	place: PlaceTable;
	skill_group: SkillGroupTable;
	skill_group_soc: SkillGroupSocTable;
	macro_asset: MacroAssetTable;
	opportunity: OpportunityTable;
	community_hub: CommunityHubTable;
	social_enterprise: SocialEnterpriseTable;
	reference_area: ReferenceAreaTable;
	schema_migration: SchemaMigrationTable;
	app_user: AppUserTable;
	user_session: UserSessionTable;
	sign_in_failure: SignInFailureTable;
	audit_log: AuditLogTable;
	publication: PublicationTable;
	published_unit: PublishedUnitTable;
	published_total: PublishedTotalTable;
	suppression_record: SuppressionRecordTable;
	score_grid: ScoreGridTable;
	score_cell: ScoreCellTable;
	walk_network: WalkNetworkTable;
	walk_node: WalkNodeTable;
	walk_edge: WalkEdgeTable;
	travel_site: TravelSiteTable;
	travel_distance: TravelDistanceTable;
	scenario: ScenarioTable;
	scenario_site: ScenarioSiteTable;
	scenario_opportunity: ScenarioOpportunityTable;
	story: StoryTable;
	story_view: StoryViewTable;
	data_version: DataVersionTable;
	outreach_route: OutreachRouteTable;
	outreach_visit: OutreachVisitTable;
	// ---- Researchers: questionnaires and vouchers (issue 11, migration 0012) ----
	questionnaire_version: QuestionnaireVersionTable;
	voucher_rule: VoucherRuleTable;
	voucher_issue: VoucherIssueTable;
	// ---- Open Referral services and community finance (issue 15, migration 0015) ----
	hub_service: HubServiceTable;
	community_finance: CommunityFinanceTable;
	// ---- Enterprise network (issue 15 parts 1-4, migration 0013) ----
	enterprise_idea: EnterpriseIdeaTable;
	network_event: NetworkEventTable;
	support_application: SupportApplicationTable;
	mentor: MentorTable;
	mentoring: MentoringTable;
	mentor_meeting: MentorMeetingTable;
	placement_offer: PlacementOfferTable;
}

export type Place = Selectable<PlaceTable>;
export type NewMacroAsset = Insertable<MacroAssetTable>;
export type MacroAssetUpdate = Updateable<MacroAssetTable>;

// ---- Accounts and audit (migration 0002) ----

/**
 * researcher: collects questionnaires, plans outreach; planner: scores, scenarios, stories;
 * administrator: everything; coordinator: validates researchers' responses, issues vouchers;
 * partner: employment/training partner working the skills pipeline; network: social enterprise
 * network staff (directory, ideas, support, finance).
 */
export const ROLES = ['researcher', 'planner', 'administrator', 'coordinator', 'partner', 'network'] as const;
export type Role = (typeof ROLES)[number];

export interface AppUserTable {
	id: string;
	username: string;
	display_name: string;
	role: Role;
	password_hash: string;
	disabled: ColumnType<boolean, boolean | undefined, boolean>;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UserSessionTable {
	token_hash: string;
	user_id: string;
	created_at: CreatedAt;
	expires_at: ColumnType<Date, Date | string, Date | string>;
	last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SignInFailureTable {
	id: Generated<string>;
	username: string;
	client_key: string;
	attempted_at: ColumnType<Date, Date | string | undefined, never>;
}

export const AUDIT_ACTIONS = ['read', 'export', 'create', 'update', 'delete', 'publish', 'user_create', 'user_update'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditLogTable {
	id: Generated<string>;
	at: ColumnType<Date, Date | string | undefined, never>;
	actor_id: string | null;
	actor_name: string;
	actor_role: string;
	action: AuditAction;
	subject: string;
	record_count: ColumnType<number, number | undefined, never>;
	detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

// ---- Published layers (migration 0003) ----

export type { PublishedLevel };

export interface PublicationTable {
	place_id: string;
	k: number;
	rounding_base: number;
	records: number;
	records_published: number;
	layer_records_counted: ColumnType<number, number | undefined, number>;
	layer_records_published: ColumnType<number, number | undefined, number>;
	synthetic: boolean;
	computed_at: ColumnType<Date, Date | string | undefined, never>;
	compute_ms: number;
}

export interface PublishedUnitTable {
	place_id: string;
	filter_key: string;
	unit_id: string;
	level: PublishedLevel;
	count: number | null;
	geom: Geometry;
}

export interface PublishedTotalTable {
	place_id: string;
	filter_key: string;
	total: number | null;
}

export interface SuppressionRecordTable {
	place_id: string;
	filter_key: string;
	unit_id: string;
	level: string;
	reason: 'primary' | 'secondary_total' | 'secondary_linked' | 'secondary_partition';
	count_band: string;
}

// ---- Scores, walking network and scenarios (migration 0004) ----

export type TravelMode = 'straight' | 'walk';
/** bigint columns arrive as strings from postgres.js and as numbers or bigints from PGlite. */
export type BigIntId = ColumnType<string | number | bigint, number | bigint | string, number | bigint | string>;

export interface ScoreGridTable {
	place_id: string;
	boundary_hash: string;
	cell_size_m: number;
	cell_count: number;
	computed_at: CreatedAt;
}

export interface ScoreCellTable {
	place_id: string;
	cell_id: string;
	hex500_id: string;
	hex1000_id: string;
	centre: Geometry;
	geom: Geometry;
}

export interface WalkNetworkTable {
	id: Generated<BigIntId>;
	place_id: string;
	source_name: string;
	node_count: number;
	edge_count: number;
	main_component_nodes: number;
	total_length_m: number;
	imported_at: CreatedAt;
}

export interface WalkNodeTable {
	network_id: BigIntId;
	id: BigIntId;
	osm_id: BigIntId;
	component: number;
	geom: Geometry;
}

export interface WalkEdgeTable {
	network_id: BigIntId;
	id: BigIntId;
	source: BigIntId;
	target: BigIntId;
	length_m: number;
	osm_way_id: BigIntId;
	highway: string;
	geom: Geometry;
}

export interface TravelSiteTable {
	place_id: string;
	mode: TravelMode;
	site_key: string;
	network_id: BigIntId | null;
	compute_ms: ColumnType<number, number | undefined, number>;
	computed_at: CreatedAt;
}

export interface TravelDistanceTable {
	place_id: string;
	mode: TravelMode;
	site_key: string;
	cell_id: string;
	metres: number;
}

export interface ScenarioTable {
	id: string;
	place_id: string;
	name: string;
	description: string | null;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ScenarioSiteTable {
	scenario_id: string;
	id: string;
	macro_asset_id: string | null;
	name: string;
	kind: MacroAssetKind;
	status: MacroAssetStatus;
	geom: Geometry;
}

export interface ScenarioOpportunityTable {
	scenario_id: string;
	id: string;
	site_id: string;
	opportunity_id: string | null;
	skill_group_id: string;
	kind: OpportunityKind;
	title: string;
	count: number;
}

// ---- Presentation stories (migration 0005) ----

export interface StoryTable {
	id: string;
	place_id: string;
	title: string;
	description: string | null;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StoryViewTable {
	id: string;
	story_id: string;
	position: number;
	title: string;
	caption: string | null;
	/** jsonb object of URL parameters (strings). */
	params: ColumnType<Record<string, string>, string, string>;
	created_at: CreatedAt;
}

// ---- Outreach routes (migration 0008) ----

export interface OutreachRouteTable {
	id: string;
	owner_id: string;
	place_id: string;
	name: string;
	/** JSON text on the way in (jsonb); parsed JSON on the way out. */
	stops: ColumnType<unknown, string, string>;
	settings: ColumnType<unknown, string, string>;
	plan: ColumnType<unknown, string, string>;
	geom: Geometry | null;
	distance_m: number;
	duration_min: number;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface OutreachVisitTable {
	route_id: string;
	stop_id: string;
	visited: ColumnType<boolean, boolean | undefined, boolean>;
	people_reached: ColumnType<number, number | undefined, number>;
	questionnaires: ColumnType<number, number | undefined, number>;
	notes: string | null;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

// ---- Researchers: questionnaires, responses and vouchers (issue 11, migration 0012) ----

export interface QuestionnaireVersionTable {
	version: number;
	/** JSON text on the way in (jsonb); parsed JSON on the way out. */
	definition: ColumnType<unknown, string, never>;
	created_by: string | null;
	created_at: CreatedAt;
}

/** Person-level: reachable only through src/lib/server/restricted/ (restricted/schema.ts). */
export interface QuestionnaireResponseTable {
	id: string;
	questionnaire_version: number;
	content_hash: string;
	answers: ColumnType<unknown, string, string>;
	researcher_id: string;
	place_id: string;
	cell_point: Geometry;
	resident_skill_id: string | null;
	source: 'online' | 'paper';
	status: ColumnType<'pending' | 'validated' | 'rejected', 'pending' | 'validated' | 'rejected' | undefined, 'pending' | 'validated' | 'rejected'>;
	review_reason: string | null;
	reviewed_by: string | null;
	reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	created_at: CreatedAt;
}

export interface VoucherRuleTable {
	id: ColumnType<boolean, boolean | undefined, never>;
	amount_pence: number;
	batch_size: number;
	cap_pence: number;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface VoucherIssueTable {
	id: string;
	researcher_id: string;
	amount_pence: number;
	issued_by: string | null;
	note: string | null;
	issued_at: CreatedAt;
}

// ---- Open Referral services and community finance (issue 15, migration 0015) ----

export interface HubServiceTable {
	id: string;
	hub_id: string;
	name: string;
	description: string;
	service_type: string;
	url: string | null;
	email: string | null;
	minimum_age: number | null;
	maximum_age: number | null;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}


export interface CommunityFinanceTable {
	id: string;
	place_id: string;
	source: string;
	/** numeric(14,2): a string from the drivers, exact pounds and pence. */
	amount_gbp: ColumnType<string, string | number, string | number>;
	kind: FinanceKind;
	recipient_type: RecipientType;
	received_on: ColumnType<Date | string, string, string>;
	geom: Geometry;
	macro_asset_id: string | null;
	note: string | null;
	created_by: string | null;
	created_at: CreatedAt;
}

// ---- Skills matching, pipeline, dashboard (migration 0014, issue 14) ----
// Declaration merging keeps this section at the end of the file: these add to the interfaces above.

export const PIPELINE_STAGES = ['identified', 'language_training', 'accreditation', 'ready_for_work', 'in_work'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];
export const PROGRESS_METRICS = ['overseas_qualified_identified', 'researchers_trained', 'in_accreditation', 'in_work', 'startups_founded'] as const;
export type ProgressMetric = (typeof PROGRESS_METRICS)[number];

/** A vacancy is an opportunity of kind 'job' with what the employer's list said about it. */
export interface OpportunityTable {
	role: ColumnType<string | null, string | null | undefined, string | null>;
	job_family: ColumnType<string | null, string | null | undefined, string | null>;
	afc_band: ColumnType<string | null, string | null | undefined, string | null>;
	required_registration: ColumnType<string | null, string | null | undefined, string | null>;
	/** Closing date; a closed vacancy leaves the live counts. */
	closes_on: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	/** Name of the list (file) a vacancy came from; re-importing a list replaces it. */
	vacancy_list: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RoleCrosswalkTable {
	role_key: string;
	role: string;
	soc2020_code: string | null;
	skill_group_id: string;
	nhs_job_family: string | null;
	afc_band: string | null;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Person-level, in schema `restricted` (see restricted/schema.ts). */
export interface PipelineCaseTable {
	id: string;
	place_id: string;
	resident_skill_id: string;
	stage: PipelineStage;
	partner_id: string | null;
	mentor: string | null;
	next_step: string | null;
	next_step_on: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	note: string | null;
	created_by: string | null;
	created_at: CreatedAt;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PipelineStageEventTable {
	id: Generated<string>;
	case_id: string;
	from_stage: string | null;
	to_stage: string;
	at: CreatedAt;
	actor_id: string | null;
	note: string | null;
}

export interface MatchingPublicationTable {
	place_id: string;
	k: number;
	rounding_base: number;
	synthetic: ColumnType<boolean, boolean | undefined, boolean>;
	computed_at: CreatedAt;
}

export interface MatchingPublishedTotalTable {
	place_id: string;
	filter_key: string;
	total: number | null;
}

export interface MatchingPublishedUnitTable {
	place_id: string;
	filter_key: string;
	unit_id: string;
	level: PublishedLevel;
	count: number | null;
	geom: Geometry;
}

export interface ProgressTargetTable {
	place_id: string;
	metric: ProgressMetric;
	target: number;
	due_on: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProgressEntryTable {
	place_id: string;
	metric: ProgressMetric;
	recorded_on: ColumnType<Date, Date | string, Date | string>;
	value: number;
}

export interface Database {
	role_crosswalk: RoleCrosswalkTable;
	matching_publication: MatchingPublicationTable;
	matching_published_total: MatchingPublishedTotalTable;
	matching_published_unit: MatchingPublishedUnitTable;
	progress_target: ProgressTargetTable;
	progress_entry: ProgressEntryTable;
}

// ---- Enterprise network: directory, ideas, support (issue 15 parts 1-4, migration 0013) ----

export const ENTERPRISE_STAGES = ['idea', 'start_up', 'trading'] as const;
export type EnterpriseStage = (typeof ENTERPRISE_STAGES)[number];
export const IDEA_STATUSES = ['submitted', 'approved', 'rejected', 'referred'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
export const SUPPORT_KINDS = ['startup_grant', 'challenge_prize'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export const APPLICATION_STATUSES = ['submitted', 'awarded', 'declined'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface EnterpriseIdeaTable {
	id: string;
	place_id: string;
	title: string;
	description: string;
	consortium: Consortium | null;
	/** Personal: never public. */
	contact: string | null;
	status: ColumnType<IdeaStatus, IdeaStatus | undefined, IdeaStatus>;
	support_partner: string | null;
	review_note: string | null;
	token_hash: string;
	client_hash: string;
	reviewed_by: string | null;
	reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	created_at: CreatedAt;
}

export interface NetworkEventTable {
	id: string;
	place_id: string;
	title: string;
	description: string | null;
	venue: string | null;
	starts_at: ColumnType<Date, Date | string, Date | string>;
	created_by: string | null;
	created_at: CreatedAt;
}

export interface SupportApplicationTable {
	id: string;
	enterprise_id: string;
	kind: SupportKind;
	round_year: number;
	amount_gbp: number;
	summary: string;
	status: ColumnType<ApplicationStatus, ApplicationStatus | undefined, ApplicationStatus>;
	decision_note: string | null;
	decided_by: string | null;
	decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
	created_at: CreatedAt;
}

export interface MentorTable {
	id: string;
	place_id: string;
	name: string;
	expertise: string | null;
	created_at: CreatedAt;
}

export interface MentoringTable {
	id: string;
	mentor_id: string;
	enterprise_id: string;
	created_at: CreatedAt;
}

export interface MentorMeetingTable {
	id: string;
	mentoring_id: string;
	met_on: ColumnType<string, string, string>;
	note: string | null;
	created_at: CreatedAt;
}

export interface PlacementOfferTable {
	id: string;
	place_id: string;
	host: string;
	title: string;
	consortium: Consortium;
	places: number;
	enterprise_id: string | null;
	created_at: CreatedAt;
}
