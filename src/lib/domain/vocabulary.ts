/**
 * The product's closed vocabularies: the values the schema's CHECK constraints allow
 * (migrations/0001_foundation.sql). Declared once, here in the domain, so that pure code
 * (importers, scoring) and the server's Database interface share one list.
 */
export const MACRO_ASSET_KINDS = [
	'hospital',
	'housing',
	'mixed_use',
	'regeneration',
	'leisure',
	'education',
	'infrastructure',
	'commercial',
	'other'
] as const;
export const MACRO_ASSET_STATUSES = [
	'proposed',
	'planned',
	'consented',
	'under_construction',
	'complete',
	'operational',
	'released',
	'cancelled'
] as const;
export const OPPORTUNITY_KINDS = ['job', 'training', 'procurement', 'placement'] as const;
export const HUB_TYPES = [
	'community_centre',
	'health_centre',
	'faith_centre',
	'school',
	'supermarket',
	'library',
	'training_centre',
	'other'
] as const;
export const CONSORTIA = ['health', 'social_care', 'food', 'creative_industries', 'retail', 'construction', 'tourism'] as const;
/** Official geography, and 'neighbourhood' for areas a place draws itself (migration 0016). */
export const REFERENCE_AREA_TYPES = ['ward', 'lsoa', 'msoa', 'output_area', 'neighbourhood'] as const;
