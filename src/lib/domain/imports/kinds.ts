/**
 * What each kind of import reads: its fields (named as the table columns they fill, which is what
 * `--map target=sourceField` names), their types and limits (the schema's CHECK constraints,
 * repeated here so a bad row is reported by number instead of failing a whole batch), whether a
 * row needs a geometry, and how a row is recognised again on a re-import.
 */
import type { GeometryShape } from './geometry';

import {
	CONSORTIA,
	HUB_TYPES,
	MACRO_ASSET_KINDS,
	MACRO_ASSET_STATUSES,
	OPPORTUNITY_KINDS,
	REFERENCE_AREA_TYPES
} from '../vocabulary';

export { CONSORTIA, HUB_TYPES, MACRO_ASSET_KINDS, MACRO_ASSET_STATUSES, OPPORTUNITY_KINDS, REFERENCE_AREA_TYPES };

export const IMPORT_KINDS = [
	'macro-assets',
	'opportunities',
	'hubs',
	'enterprises',
	'reference-areas',
	'imd',
	'population'
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ReferenceAreaType = (typeof REFERENCE_AREA_TYPES)[number];

export type FieldType =
	| { readonly type: 'id'; readonly maxLength: number }
	| { readonly type: 'text'; readonly maxLength?: number }
	| { readonly type: 'integer'; readonly min?: number; readonly max?: number }
	| { readonly type: 'decimal'; readonly min?: number; readonly max?: number }
	| { readonly type: 'boolean' }
	| { readonly type: 'date' }
	| { readonly type: 'choice'; readonly values: readonly string[] }
	| { readonly type: 'list' };

export type FieldValue = string | number | boolean | readonly string[] | null;

export interface FieldSpec {
	/** The column it fills; also the name `--map` and `--set` use. */
	readonly name: string;
	readonly type: FieldType;
	readonly required?: boolean;
	/** Source fields tried (case-insensitively) after the field's own name when --map names none. */
	readonly aliases?: readonly string[];
	/** Value for an empty cell, for NOT NULL columns that have a default. */
	readonly whenEmpty?: FieldValue;
	/** Value written when the file has no such field at all (an implicit --set). */
	readonly whenAbsent?: FieldValue;
	/** Another field this one must not precede (timeline_end >= timeline_start). */
	readonly notBefore?: string;
	/** Rows the value must name, already in the database. */
	readonly references?: Reference;
}

/** What an opportunity row refers to; the caller supplies the ids that exist. */
export type Reference = 'macro-asset' | 'skill-group';

export interface KindSpec {
	readonly kind: ImportKind;
	readonly summary: string;
	readonly fields: readonly FieldSpec[];
	/** Geometry each row needs; undefined when rows have none (opportunities, IMD values). */
	readonly geometry?: GeometryShape;
	/** Whether rows belong to a place (--place). */
	readonly placed: boolean;
	/** The field that identifies a row across imports. */
	readonly key: 'id' | 'code';
	/** Fields whose text becomes the id when a row has none (joined with "-"). */
	readonly idFrom?: readonly string[];
}

/** Schema limits (see migrations/0001_foundation.sql). */
const INT4_MAX = 2_147_483_647;
const YEAR = { type: 'integer', min: 1900, max: 2100 } as const;
const COUNT = { type: 'integer', min: 0, max: INT4_MAX } as const;
const NAME = { type: 'text', maxLength: 200 } as const;
const TEXT = { type: 'text' } as const;
const SOURCE: FieldSpec = { name: 'source', type: TEXT };

export const KIND_SPECS: Readonly<Record<ImportKind, KindSpec>> = {
	'macro-assets': {
		kind: 'macro-assets',
		summary: 'capital projects (Polygon/MultiPolygon)',
		geometry: 'polygon',
		placed: true,
		key: 'id',
		idFrom: ['name'],
		fields: [
			{ name: 'id', type: { type: 'id', maxLength: 100 } },
			{ name: 'name', type: NAME, required: true },
			{ name: 'kind', type: { type: 'choice', values: MACRO_ASSET_KINDS }, required: true },
			{ name: 'status', type: { type: 'choice', values: MACRO_ASSET_STATUSES }, required: true },
			{ name: 'description', type: TEXT },
			{ name: 'timeline_start', type: YEAR },
			{ name: 'timeline_end', type: YEAR, notBefore: 'timeline_start' },
			{ name: 'timeline_note', type: TEXT },
			// numeric(16, 2): 14 digits before the point.
			{ name: 'investment_gbp', type: { type: 'decimal', min: 0, max: 99_999_999_999_999 } },
			{ name: 'homes', type: COUNT },
			{ name: 'jobs', type: COUNT },
			{ name: 'owners', type: { type: 'list' }, whenEmpty: [] },
			{ name: 'partners', type: { type: 'list' }, whenEmpty: [] },
			SOURCE,
			{ name: 'illustrative', type: { type: 'list' }, whenEmpty: [] }
		]
	},
	opportunities: {
		kind: 'opportunities',
		summary: 'jobs, training, procurement lots and placements a macro-asset offers (no geometry)',
		placed: false,
		key: 'id',
		// "porter" is a title at many sites; prefixing the site keeps generated ids apart.
		idFrom: ['macro_asset_id', 'title'],
		fields: [
			{ name: 'id', type: { type: 'id', maxLength: 120 } },
			{ name: 'macro_asset_id', type: { type: 'id', maxLength: 100 }, required: true, references: 'macro-asset' },
			{ name: 'skill_group_id', type: { type: 'id', maxLength: 63 }, required: true, references: 'skill-group' },
			{ name: 'kind', type: { type: 'choice', values: OPPORTUNITY_KINDS }, required: true },
			{ name: 'title', type: { type: 'text', maxLength: 300 }, required: true },
			{ name: 'count', type: { type: 'integer', min: 1, max: INT4_MAX }, required: true },
			{ name: 'period_start', type: { type: 'date' } },
			{ name: 'period_end', type: { type: 'date' }, notBefore: 'period_start' },
			SOURCE,
			{ name: 'illustrative', type: { type: 'boolean' }, whenEmpty: false }
		]
	},
	hubs: {
		kind: 'hubs',
		summary: 'community hubs: community and health centres, faith centres, schools, ... (Point)',
		geometry: 'point',
		placed: true,
		key: 'id',
		idFrom: ['name'],
		fields: [
			{ name: 'id', type: { type: 'id', maxLength: 100 } },
			{ name: 'name', type: NAME, required: true },
			{ name: 'hub_type', type: { type: 'choice', values: HUB_TYPES }, required: true },
			{ name: 'address', type: TEXT },
			{ name: 'description', type: TEXT },
			{ name: 'position_accuracy_m', type: COUNT },
			SOURCE
		]
	},
	enterprises: {
		kind: 'enterprises',
		summary: 'social enterprises that consented to be mapped (Point)',
		geometry: 'point',
		placed: true,
		key: 'id',
		idFrom: ['name'],
		fields: [
			{ name: 'id', type: { type: 'id', maxLength: 100 } },
			{ name: 'name', type: NAME, required: true },
			{ name: 'consortium', type: { type: 'choice', values: CONSORTIA }, required: true },
			{ name: 'offers', type: TEXT },
			{ name: 'needs', type: TEXT },
			{ name: 'employees', type: COUNT },
			{ name: 'synthetic', type: { type: 'boolean' }, whenEmpty: false },
			// Files of this kind list enterprises that consented to be mapped; a row may say false.
			{ name: 'consent_to_publish', type: { type: 'boolean' }, whenEmpty: true },
			SOURCE
		]
	},
	'reference-areas': {
		kind: 'reference-areas',
		summary: 'wards, LSOAs, MSOAs or output areas (Polygon/MultiPolygon; needs --area-type)',
		geometry: 'polygon',
		placed: false,
		key: 'code',
		fields: [
			{ name: 'code', type: { type: 'text', maxLength: 20 }, required: true },
			{ name: 'name', type: TEXT },
			{ name: 'imd_decile', type: { type: 'integer', min: 1, max: 10 } },
			{ name: 'imd_rank', type: { type: 'integer', min: 1, max: INT4_MAX } },
			{ name: 'imd_year', type: YEAR },
			// Usual residents, the denominator of questionnaire coverage (migration 0016).
			{ name: 'population', type: COUNT },
			{ name: 'population_year', type: YEAR },
			SOURCE
		]
	},
	imd: {
		kind: 'imd',
		summary: 'Index of Multiple Deprivation ranks and deciles for LSOAs already imported (matched on code)',
		placed: false,
		key: 'code',
		fields: [
			// The IoD2019 File 1 headers, as MHCLG publishes them.
			{ name: 'code', type: { type: 'text', maxLength: 20 }, required: true, aliases: ['LSOA code (2011)', 'lsoa11cd'] },
			{
				name: 'imd_rank',
				type: { type: 'integer', min: 1, max: INT4_MAX },
				required: true,
				aliases: ['Index of Multiple Deprivation (IMD) Rank']
			},
			{
				name: 'imd_decile',
				type: { type: 'integer', min: 1, max: 10 },
				required: true,
				aliases: ['Index of Multiple Deprivation (IMD) Decile']
			},
			{ name: 'imd_year', type: YEAR, whenAbsent: 2019 }
		]
	},
	population: {
		kind: 'population',
		summary: 'usual residents of areas already imported (matched on code; --area-type, default lsoa)',
		placed: false,
		key: 'code',
		fields: [
			// The IoD2019 File 6 headers, as MHCLG publishes them (mid-2015, prisoners excluded).
			{ name: 'code', type: { type: 'text', maxLength: 20 }, required: true, aliases: ['LSOA code (2011)', 'lsoa11cd'] },
			{
				name: 'population',
				type: COUNT,
				required: true,
				aliases: ['Total population: mid 2015 (excluding prisoners)', 'population_mid2015']
			},
			{ name: 'population_year', type: YEAR }
		]
	}
};

/** Source fields that give a CSV row its geometry, and the names looked for when not mapped. */
export const CSV_GEOMETRY_TARGETS = {
	geometry: ['geometry', 'geom', 'wkt', 'the_geom', 'shape'],
	lon: ['lon', 'lng', 'long', 'longitude'],
	lat: ['lat', 'latitude'],
	easting: ['easting', 'eastings', 'x_bng'],
	northing: ['northing', 'northings', 'y_bng']
} as const;
export type CsvGeometryTarget = keyof typeof CSV_GEOMETRY_TARGETS;
