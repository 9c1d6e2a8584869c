/**
 * Reads a place's authored data folder (data/<place>/) and checks it before anything reaches the
 * database: ids, kinds, references between files, and geometry sanity (closed rings, finite
 * coordinates, sane sizes), because a malformed geometry can hang GEOS inside the embedded PGlite.
 * Every problem is reported with the file and the feature or row it is in.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import { parsePopulationProfile, ProfileError, skillGroupsReferenced, type PopulationProfile } from '../../domain/synthetic/profile';
import {
	CONSORTIA,
	HUB_TYPES,
	MACRO_ASSET_KINDS,
	MACRO_ASSET_STATUSES,
	OPPORTUNITY_KINDS,
	type HubType,
	type MacroAssetKind,
	type MacroAssetStatus,
	type OpportunityKind
} from '../db/schema';

export const DEMO_DATA_FILES = {
	place: 'place.geojson',
	skillGroups: 'skill-groups.json',
	macroAssets: 'macro-assets.geojson',
	opportunities: 'opportunities.csv',
	hubs: 'community-hubs.geojson',
	residentialAreas: 'residential-areas.geojson',
	profile: 'synthetic-profile.json'
} as const;

export interface DemoPlace {
	id: string;
	name: string;
	description: string | null;
	projectedSrid: number;
	source: string | null;
	boundary: MultiPolygon;
}

export interface DemoSkillGroup {
	id: string;
	name: string;
	description: string | null;
	sortOrder: number;
	soc2020: { code: string; title: string }[];
}

export interface DemoMacroAsset {
	id: string;
	name: string;
	kind: MacroAssetKind;
	status: MacroAssetStatus;
	description: string | null;
	timelineStart: number | null;
	timelineEnd: number | null;
	timelineNote: string | null;
	investmentGbp: number | null;
	homes: number | null;
	jobs: number | null;
	owners: string[];
	partners: string[];
	source: string | null;
	illustrative: string[];
	geom: MultiPolygon;
}

export interface DemoOpportunity {
	id: string;
	macroAssetId: string;
	skillGroupId: string;
	kind: OpportunityKind;
	title: string;
	count: number;
	periodStart: string | null;
	periodEnd: string | null;
	source: string | null;
	illustrative: boolean;
}

export interface DemoHub {
	id: string;
	name: string;
	hubType: HubType;
	address: string | null;
	description: string | null;
	positionAccuracyM: number | null;
	source: string | null;
	geom: Point;
}

export interface DemoResidentialArea {
	id: string;
	name: string;
	weight: number;
	/**
	 * As a reference area of type 'neighbourhood' (code at most 20 characters, the schema's limit)
	 * with an illustrative population, so coverage can be read per head; both or neither.
	 */
	neighbourhood: { code: string; population: number } | null;
	geom: MultiPolygon;
}

export interface DemoData {
	place: DemoPlace;
	skillGroups: DemoSkillGroup[];
	macroAssets: DemoMacroAsset[];
	opportunities: DemoOpportunity[];
	hubs: DemoHub[];
	residentialAreas: DemoResidentialArea[];
	profile: PopulationProfile;
}

export class DemoDataError extends Error {
	override name = 'DemoDataError';
	constructor(
		readonly file: string,
		readonly where: string,
		problem: string
	) {
		super(`${file}${where ? ` (${where})` : ''}: ${problem}`);
	}
}

// The id rules of migrations/0001_foundation.sql, checked here to give a better message.
const PLACE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SLUG_100 = /^[a-z0-9][a-z0-9-]{0,99}$/;
const SLUG_120 = /^[a-z0-9][a-z0-9-]{0,119}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Macro-asset figures that may be marked illustrative. */
const MACRO_ASSET_FIGURES = ['status', 'timeline_start', 'timeline_end', 'investment_gbp', 'homes', 'jobs', 'owners', 'partners'];
/** Far more vertices than a hand-digitised outline needs; guards PostGIS against runaway input. */
const MAX_VERTICES = 50_000;

type Json = unknown;

/** Reads values out of one feature or row, with errors naming the file and the item. */
class Reader {
	constructor(
		readonly file: string,
		readonly where: string,
		private readonly values: Record<string, Json>
	) {}

	fail(problem: string): never {
		throw new DemoDataError(this.file, this.where, problem);
	}

	only(allowed: readonly string[]): void {
		const unknown = Object.keys(this.values).filter((key) => !allowed.includes(key));
		if (unknown.length) this.fail(`unknown field(s) ${unknown.join(', ')}; expected ${allowed.join(', ')}`);
	}

	text(key: string, rule?: { max?: number; pattern?: RegExp; patternText?: string }): string {
		const value = this.values[key];
		if (typeof value !== 'string' || value.trim() === '') this.fail(`${key} must be a non-empty string`);
		if (rule?.max !== undefined && value.length > rule.max) this.fail(`${key} is longer than ${rule.max} characters`);
		if (rule?.pattern && !rule.pattern.test(value)) {
			this.fail(`${key} "${value}" must be ${rule.patternText ?? `like ${rule.pattern}`}`);
		}
		return value;
	}

	optionalText(key: string): string | null {
		const value = this.values[key];
		if (value === undefined || value === null || value === '') return null;
		if (typeof value !== 'string') this.fail(`${key} must be a string`);
		return value;
	}

	oneOf<T extends string>(key: string, allowed: readonly T[]): T {
		const value = this.values[key];
		if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
			this.fail(`${key} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
		}
		return value as T;
	}

	integer(key: string, min: number, max: number): number {
		const value = this.values[key];
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			this.fail(`${key} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}`);
		}
		return value;
	}

	optionalInteger(key: string, min: number, max: number): number | null {
		const value = this.values[key];
		return value === undefined || value === null ? null : this.integer(key, min, max);
	}

	optionalNumber(key: string, min: number): number | null {
		const value = this.values[key];
		if (value === undefined || value === null) return null;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
			this.fail(`${key} must be a number of at least ${min}; got ${JSON.stringify(value)}`);
		}
		return value;
	}

	texts(key: string): string[] {
		const value = this.values[key];
		if (value === undefined || value === null) return [];
		if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
			this.fail(`${key} must be a list of non-empty strings`);
		}
		return value as string[];
	}
}

function isRecord(value: Json): value is Record<string, Json> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkPosition(position: Json, fail: (problem: string) => never): Position {
	if (
		!Array.isArray(position) ||
		position.length < 2 ||
		!position.every((n) => typeof n === 'number' && Number.isFinite(n))
	) {
		fail('every position must be [longitude, latitude] with finite numbers');
	}
	const [lon, lat] = position as number[];
	if (lon! < -180 || lon! > 180 || lat! < -90 || lat! > 90) {
		fail(`position [${lon}, ${lat}] is not WGS84 longitude/latitude (RFC 7946 order is [lon, lat])`);
	}
	return [lon!, lat!];
}

function checkPolygonRings(rings: Json, fail: (problem: string) => never): Position[][] {
	if (!Array.isArray(rings) || rings.length === 0) fail('a polygon needs at least an outer ring');
	return (rings as Json[]).map((ring, k) => {
		if (!Array.isArray(ring) || ring.length < 4) fail(`ring ${k} needs at least 4 positions`);
		const positions = (ring as Json[]).map((p) => checkPosition(p, fail));
		const first = positions[0]!;
		const last = positions[positions.length - 1]!;
		if (first[0] !== last[0] || first[1] !== last[1]) fail(`ring ${k} is not closed (its last position must repeat the first)`);
		return positions;
	});
}

/** A Polygon or MultiPolygon checked for sanity and returned as a MultiPolygon. */
function checkAreaGeometry(geometry: Json, fail: (problem: string) => never): MultiPolygon {
	if (!isRecord(geometry)) fail('geometry is missing');
	let polygons: Position[][][];
	if (geometry.type === 'Polygon') {
		polygons = [checkPolygonRings((geometry as unknown as Polygon).coordinates, fail)];
	} else if (geometry.type === 'MultiPolygon') {
		const coordinates = (geometry as unknown as MultiPolygon).coordinates as Json;
		if (!Array.isArray(coordinates) || coordinates.length === 0) fail('a MultiPolygon needs at least one polygon');
		polygons = (coordinates as Json[]).map((polygon) => checkPolygonRings(polygon, fail));
	} else {
		fail(`geometry must be a Polygon or MultiPolygon, not ${String(geometry.type)}`);
	}
	const vertices = polygons.flat(2).length;
	if (vertices > MAX_VERTICES) fail(`geometry has ${vertices} vertices; simplify it below ${MAX_VERTICES}`);
	return { type: 'MultiPolygon', coordinates: polygons };
}

function checkPointGeometry(geometry: Json, fail: (problem: string) => never): Point {
	if (!isRecord(geometry) || geometry.type !== 'Point') fail('geometry must be a Point');
	return { type: 'Point', coordinates: checkPosition((geometry as unknown as Point).coordinates, fail) };
}

/** The features of a FeatureCollection, each with its properties and geometry. */
function featuresOf(json: Json, file: string): { properties: Record<string, Json>; geometry: Json; where: string }[] {
	if (!isRecord(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
		throw new DemoDataError(file, '', 'expected a GeoJSON FeatureCollection');
	}
	return json.features.map((feature: Json, k: number) => {
		if (!isRecord(feature) || feature.type !== 'Feature' || !isRecord(feature.properties)) {
			throw new DemoDataError(file, `feature ${k}`, 'expected a Feature with properties');
		}
		const id = feature.properties.id;
		return { properties: feature.properties, geometry: feature.geometry, where: `feature ${k}${typeof id === 'string' ? ` "${id}"` : ''}` };
	});
}

function assertUnique(file: string, ids: string[]): void {
	const seen = new Set<string>();
	for (const id of ids) {
		if (seen.has(id)) throw new DemoDataError(file, `id "${id}"`, 'the id is used more than once');
		seen.add(id);
	}
}

export function parsePlace(json: Json, file = DEMO_DATA_FILES.place): DemoPlace {
	const features = featuresOf(json, file);
	if (features.length !== 1) throw new DemoDataError(file, '', `expected exactly one feature (the place), found ${features.length}`);
	const { properties, geometry, where } = features[0]!;
	const r: Reader = new Reader(file, where, properties);
	r.only(['id', 'name', 'description', 'projected_srid', 'source']);
	return {
		id: r.text('id', { pattern: PLACE_ID, patternText: 'lower-case letters, digits and hyphens (at most 63)' }),
		name: r.text('name', { max: 200 }),
		description: r.optionalText('description'),
		projectedSrid: r.integer('projected_srid', 1, 999_999),
		source: r.optionalText('source'),
		boundary: checkAreaGeometry(geometry, (p) => r.fail(p))
	};
}

export function parseSkillGroups(json: Json, file = DEMO_DATA_FILES.skillGroups): DemoSkillGroup[] {
	if (!isRecord(json) || !Array.isArray(json.skill_groups)) {
		throw new DemoDataError(file, '', 'expected an object with a skill_groups list');
	}
	const groups = json.skill_groups.map((item: Json, k: number) => {
		if (!isRecord(item)) throw new DemoDataError(file, `skill group ${k}`, 'expected an object');
		const r: Reader = new Reader(file, `skill group ${k}${typeof item.id === 'string' ? ` "${item.id}"` : ''}`, item);
		r.only(['id', 'name', 'description', 'sort_order', 'soc2020']);
		const soc = item.soc2020;
		if (!Array.isArray(soc)) r.fail('soc2020 must be a list of {code, title}');
		const codes = soc.map((entry: Json, m: number) => {
			if (!isRecord(entry)) r.fail(`soc2020[${m}] must be an object`);
			const s: Reader = new Reader(file, `${r.where}, soc2020[${m}]`, entry);
			s.only(['code', 'title']);
			return {
				code: s.text('code', { pattern: /^[0-9]{4}$/, patternText: 'a 4-digit SOC 2020 unit group' }),
				title: s.text('title')
			};
		});
		assertUnique(file, codes.map((c: { code: string }) => `${r.where} soc ${c.code}`));
		return {
			id: r.text('id', { pattern: PLACE_ID, patternText: 'lower-case letters, digits and hyphens (at most 63)' }),
			name: r.text('name'),
			description: r.optionalText('description'),
			sortOrder: r.integer('sort_order', -1_000_000, 1_000_000),
			soc2020: codes
		};
	});
	assertUnique(file, groups.map((g: DemoSkillGroup) => g.id));
	return groups;
}

export function parseMacroAssets(json: Json, file = DEMO_DATA_FILES.macroAssets): DemoMacroAsset[] {
	const assets = featuresOf(json, file).map(({ properties, geometry, where }) => {
		const r: Reader = new Reader(file, where, properties);
		r.only([
			'id', 'name', 'kind', 'status', 'description', 'timeline_start', 'timeline_end', 'timeline_note',
			'investment_gbp', 'homes', 'jobs', 'owners', 'partners', 'source', 'illustrative'
		]);
		const timelineStart = r.optionalInteger('timeline_start', 1900, 2100);
		const timelineEnd = r.optionalInteger('timeline_end', 1900, 2100);
		if (timelineStart !== null && timelineEnd !== null && timelineEnd < timelineStart) {
			r.fail('timeline_end is before timeline_start');
		}
		const illustrative = r.texts('illustrative');
		for (const figure of illustrative) {
			if (!MACRO_ASSET_FIGURES.includes(figure)) {
				r.fail(`illustrative names "${figure}", which is not one of ${MACRO_ASSET_FIGURES.join(', ')}`);
			}
			if (properties[figure] === null || properties[figure] === undefined) {
				r.fail(`illustrative names "${figure}" but the figure is empty`);
			}
		}
		return {
			id: r.text('id', { pattern: SLUG_100, patternText: 'lower-case letters, digits and hyphens (at most 100)' }),
			name: r.text('name', { max: 200 }),
			kind: r.oneOf('kind', MACRO_ASSET_KINDS),
			status: r.oneOf('status', MACRO_ASSET_STATUSES),
			description: r.optionalText('description'),
			timelineStart,
			timelineEnd,
			timelineNote: r.optionalText('timeline_note'),
			investmentGbp: r.optionalNumber('investment_gbp', 0),
			homes: r.optionalInteger('homes', 0, 10_000_000),
			jobs: r.optionalInteger('jobs', 0, 10_000_000),
			owners: r.texts('owners'),
			partners: r.texts('partners'),
			source: r.optionalText('source'),
			illustrative,
			geom: checkAreaGeometry(geometry, (p) => r.fail(p))
		};
	});
	assertUnique(file, assets.map((a) => a.id));
	return assets;
}

const OPPORTUNITY_COLUMNS = [
	'id', 'macro_asset_id', 'skill_group_id', 'kind', 'title', 'count', 'period_start', 'period_end', 'illustrative', 'source'
];

function isoDate(value: string, column: string, r: Reader): string | null {
	if (value === '') return null;
	const date = new Date(`${value}T00:00:00Z`);
	if (!ISO_DATE.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
		r.fail(`${column} must be a date written YYYY-MM-DD; got "${value}"`);
	}
	return value;
}

export function parseOpportunities(
	csv: string,
	references: { macroAssetIds: ReadonlySet<string>; skillGroupIds: ReadonlySet<string> },
	file = DEMO_DATA_FILES.opportunities
): DemoOpportunity[] {
	let rows: Record<string, string>[];
	try {
		rows = parseCsv(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
	} catch (err) {
		throw new DemoDataError(file, '', `is not valid CSV: ${(err as Error).message}`);
	}
	const header = rows[0] ? Object.keys(rows[0]) : [];
	const missing = OPPORTUNITY_COLUMNS.filter((c) => !header.includes(c));
	const extra = header.filter((c) => !OPPORTUNITY_COLUMNS.includes(c));
	if (rows.length === 0) throw new DemoDataError(file, '', 'has no rows');
	if (missing.length || extra.length) {
		throw new DemoDataError(file, 'header', `columns must be ${OPPORTUNITY_COLUMNS.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; unexpected ${extra.join(', ')}` : ''}`);
	}
	const opportunities = rows.map((row, k) => {
		// Line k + 2: the header is line 1.
		const r: Reader = new Reader(file, `line ${k + 2}${row.id ? ` "${row.id}"` : ''}`, row);
		const macroAssetId = r.text('macro_asset_id');
		if (!references.macroAssetIds.has(macroAssetId)) r.fail(`macro_asset_id "${macroAssetId}" is not in ${DEMO_DATA_FILES.macroAssets}`);
		const skillGroupId = r.text('skill_group_id');
		if (!references.skillGroupIds.has(skillGroupId)) r.fail(`skill_group_id "${skillGroupId}" is not in ${DEMO_DATA_FILES.skillGroups}`);
		const count = Number(row.count);
		if (!/^\d+$/.test(row.count ?? '') || !(count > 0)) r.fail(`count must be a whole number above 0; got "${row.count}"`);
		const periodStart = isoDate(row.period_start ?? '', 'period_start', r);
		const periodEnd = isoDate(row.period_end ?? '', 'period_end', r);
		if (periodStart && periodEnd && periodEnd < periodStart) r.fail('period_end is before period_start');
		if (row.illustrative !== 'true' && row.illustrative !== 'false') r.fail('illustrative must be true or false');
		return {
			id: r.text('id', { pattern: SLUG_120, patternText: 'lower-case letters, digits and hyphens (at most 120)' }),
			macroAssetId,
			skillGroupId,
			kind: r.oneOf('kind', OPPORTUNITY_KINDS),
			title: r.text('title', { max: 300 }),
			count,
			periodStart,
			periodEnd,
			source: r.optionalText('source'),
			illustrative: row.illustrative === 'true'
		};
	});
	assertUnique(file, opportunities.map((o) => o.id));
	return opportunities;
}

export function parseHubs(json: Json, file = DEMO_DATA_FILES.hubs): DemoHub[] {
	const hubs = featuresOf(json, file).map(({ properties, geometry, where }) => {
		const r: Reader = new Reader(file, where, properties);
		r.only(['id', 'name', 'hub_type', 'address', 'description', 'position_accuracy_m', 'source']);
		return {
			id: r.text('id', { pattern: SLUG_100, patternText: 'lower-case letters, digits and hyphens (at most 100)' }),
			name: r.text('name', { max: 200 }),
			hubType: r.oneOf('hub_type', HUB_TYPES),
			address: r.optionalText('address'),
			description: r.optionalText('description'),
			positionAccuracyM: r.optionalInteger('position_accuracy_m', 0, 100_000),
			source: r.optionalText('source'),
			geom: checkPointGeometry(geometry, (p) => r.fail(p))
		};
	});
	assertUnique(file, hubs.map((h) => h.id));
	return hubs;
}

export function parseResidentialAreas(json: Json, file = DEMO_DATA_FILES.residentialAreas): DemoResidentialArea[] {
	const areas = featuresOf(json, file).map(({ properties, geometry, where }) => {
		const r: Reader = new Reader(file, where, properties);
		r.only(['id', 'name', 'weight', 'code', 'population']);
		const weight = r.optionalNumber('weight', 0);
		if (weight === null || weight <= 0) r.fail('weight must be a number above 0 (a relative share of residents)');
		const code = r.optionalText('code');
		const population = r.optionalInteger('population', 0, 2_147_483_647);
		if ((code === null) !== (population === null)) r.fail('code and population go together: give both (the area is then a neighbourhood with a population) or neither');
		if (code !== null && code.length > 20) r.fail(`code "${code}" is longer than 20 characters`);
		return {
			id: r.text('id', { pattern: SLUG_100, patternText: 'lower-case letters, digits and hyphens' }),
			name: r.text('name'),
			weight,
			neighbourhood: code !== null && population !== null ? { code, population } : null,
			geom: checkAreaGeometry(geometry, (p) => r.fail(p))
		};
	});
	if (areas.length === 0) throw new DemoDataError(file, '', 'needs at least one residential area');
	assertUnique(file, areas.map((a) => a.id));
	return areas;
}

export function parseProfile(json: Json, skillGroupIds: ReadonlySet<string>, file = DEMO_DATA_FILES.profile): PopulationProfile {
	let profile: PopulationProfile;
	try {
		profile = parsePopulationProfile(json);
	} catch (err) {
		if (err instanceof ProfileError) throw new DemoDataError(file, err.path, err.message.slice(err.path.length + 2));
		throw err;
	}
	for (const id of skillGroupsReferenced(profile)) {
		if (!skillGroupIds.has(id)) throw new DemoDataError(file, '', `skill group "${id}" is not in ${DEMO_DATA_FILES.skillGroups}`);
	}
	for (const [consortium] of profile.enterprises.consortia) {
		if (!(CONSORTIA as readonly string[]).includes(consortium)) {
			throw new DemoDataError(file, '$.enterprises.consortia', `"${consortium}" is not one of ${CONSORTIA.join(', ')}`);
		}
	}
	return profile;
}

async function readText(dir: string, file: string): Promise<string> {
	try {
		return await fs.readFile(path.join(dir, file), 'utf8');
	} catch (err) {
		throw new DemoDataError(path.join(dir, file), '', `cannot be read: ${(err as Error).message}`);
	}
}

async function readJson(dir: string, file: string): Promise<Json> {
	const text = await readText(dir, file);
	try {
		return JSON.parse(text);
	} catch (err) {
		throw new DemoDataError(file, '', `is not valid JSON: ${(err as Error).message}`);
	}
}

/** Reads and checks every authored file of a place folder (e.g. data/greater-icknield). */
export async function readDemoData(placeDir: string): Promise<DemoData> {
	const [placeJson, skillJson, assetsJson, opportunitiesCsv, hubsJson, areasJson, profileJson] = await Promise.all([
		readJson(placeDir, DEMO_DATA_FILES.place),
		readJson(placeDir, DEMO_DATA_FILES.skillGroups),
		readJson(placeDir, DEMO_DATA_FILES.macroAssets),
		readText(placeDir, DEMO_DATA_FILES.opportunities),
		readJson(placeDir, DEMO_DATA_FILES.hubs),
		readJson(placeDir, DEMO_DATA_FILES.residentialAreas),
		readJson(placeDir, DEMO_DATA_FILES.profile)
	]);
	const skillGroups = parseSkillGroups(skillJson);
	const macroAssets = parseMacroAssets(assetsJson);
	const skillGroupIds = new Set(skillGroups.map((g) => g.id));
	return {
		place: parsePlace(placeJson),
		skillGroups,
		macroAssets,
		opportunities: parseOpportunities(opportunitiesCsv, { macroAssetIds: new Set(macroAssets.map((a) => a.id)), skillGroupIds }),
		hubs: parseHubs(hubsJson),
		residentialAreas: parseResidentialAreas(areasJson),
		profile: parseProfile(profileJson, skillGroupIds)
	};
}
